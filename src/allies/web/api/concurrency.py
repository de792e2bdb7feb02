"""Optimistic concurrency for every editable record but people: ``ETag`` and ``If-Match``.

A person carries a stored version (:mod:`allies.web.api.network.people`); the other
records do not, so their ``ETag`` is a digest of what ``GET`` answers for them. Every
``GET`` and ``PATCH`` of one record answers it; a ``PATCH`` or ``DELETE`` sent with
``If-Match`` is refused with 409 (as for people) when the record no longer reads as the
tag says: someone else changed it since it was read, and saving would silently undo
their change. ``If-Match: *`` or no header means "no check".

Examples
--------
>>> record_of("/api/v1/favours/12")
('favours', 12)
>>> record_of("/api/v1/people/3") is None, record_of("/api/v1/favours/balances") is None
(True, True)
>>> etag_of(b'{"id": 1}') == etag_of(b'{"id": 1}'), etag_of(b"a") == etag_of(b"b")
(True, False)
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CHECKED", "IfMatchGuard", "document_if_match", "etag_of", "record_of"]

#: The collections whose records are edited through ``PATCH /api/v1/<plural>/<id>``
#: and guarded here (people have a stored version of their own).
CHECKED = (
    "organisations",
    "units",
    "ties",
    "observations",
    "interactions",
    "favours",
    "promises",
    "cadences",
    "campaigns",
    "alliances",
    "goals",
)

_RECORD = re.compile(r"/api/v1/(" + "|".join(CHECKED) + r")/([0-9]{1,10})")


def record_of(path: str) -> tuple[str, int] | None:
    """The collection and id ``path`` names, when it is one guarded record."""
    found = _RECORD.fullmatch(path)
    return (found.group(1), int(found.group(2))) if found else None


def etag_of(body: bytes) -> str:
    """The strong entity tag of a record's JSON answer."""
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def _tags(header: str) -> list[str]:
    """The entity tags an ``If-Match`` header lists (``W/`` prefixes dropped)."""
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def _conflict(collection: str, record_id: int) -> tuple[Message, Message]:
    """The 409 answer (the API's error body) for a stale ``If-Match``."""
    body = json.dumps(
        {
            "detail": f"This record was changed by someone else since it was read "
            f"({collection} #{record_id}).",
            "field": "If-Match",
            "hint": "Read it again (GET) and send its new ETag in If-Match.",
            "kind": collection,
            "id": record_id,
            "next": None,
        }
    ).encode()
    start: Message = {
        "type": "http.response.start",
        "status": 409,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    return start, {"type": "http.response.body", "body": body, "more_body": False}


class IfMatchGuard:
    """ASGI middleware: ``ETag`` on every answer of one guarded record, and ``If-Match``
    enforced on its ``PATCH`` and ``DELETE``.

    The current tag is read by asking the app itself for the record (``GET`` with the
    caller's own credentials), so a caller who may not read it learns nothing new: the
    change then goes on and is refused as it would be without the header.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check ``If-Match`` first when asked to; tag the answer."""
        target = record_of(scope.get("path", "")) if scope["type"] == "http" else None
        method = scope.get("method", "")
        if target is None or method not in ("GET", "PATCH", "DELETE"):
            await self.app(scope, receive, send)
            return
        if_match = Headers(scope=scope).get("if-match")
        if method != "GET" and if_match is not None and if_match.strip() != "*":
            status, body = await self._read(scope)
            if status == 200 and etag_of(body) not in _tags(if_match):
                for message in _conflict(*target):
                    await send(message)
                return
        if method == "DELETE":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _tagging(send))

    async def _read(self, scope: Scope) -> tuple[int, bytes]:
        """What ``GET`` of the same record answers now: status and body."""
        headers = [
            (name, value)
            for name, value in scope.get("headers", [])
            if name not in (b"content-length", b"content-type", b"if-match")
        ]
        read_scope = {**scope, "method": "GET", "query_string": b"", "headers": headers}
        status = 500
        chunks: list[bytes] = []

        async def nothing() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def collect(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(read_scope, nothing, collect)
        return status, b"".join(chunks)


def _tagging(send: Send) -> Send:
    """``send`` holding a 200 answer back until its body is whole, to add its ``ETag``."""
    held: list[Message] = []
    chunks: list[bytes] = []

    async def send_tagged(message: Message) -> None:
        if message["type"] == "http.response.start":
            if message["status"] != 200:
                await send(message)
                return
            held.append(message)
            return
        if not held or message["type"] != "http.response.body":
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        start = held.pop()
        body = b"".join(chunks)
        MutableHeaders(scope=start)["ETag"] = etag_of(body)
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})

    return send_tagged


_IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": "The ETag from a GET: the change is refused (409) if someone else "
    "changed the record since.",
    "schema": {"type": "string", "maxLength": 200},
}
_ETAG = {"ETag": {"description": "The record's entity tag.", "schema": {"type": "string"}}}


def document_if_match(app: FastAPI) -> None:
    """Make ``app.openapi()`` state the ``If-Match`` and ``ETag`` of the guarded records."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()
        for collection in CHECKED:
            singular = "alliance" if collection == "alliances" else collection.removesuffix("s")
            path = f"/api/v1/{collection}/{{{singular}_id}}"
            for method, operation in document.get("paths", {}).get(path, {}).items():
                if method in ("patch", "delete"):
                    parameters = operation.setdefault("parameters", [])
                    if all(p.get("name") != "If-Match" for p in parameters):
                        parameters.append(dict(_IF_MATCH))
                if method in ("get", "patch") and "200" in operation.get("responses", {}):
                    operation["responses"]["200"]["headers"] = dict(_ETAG)
        return document

    app.openapi = openapi  # type: ignore[method-assign]
