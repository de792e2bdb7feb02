"""Optimistic concurrency for every editable record but people: ``ETag`` and ``If-Match``.

Each guarded record carries a stored version (1 when added, one more with each save;
:func:`allies.bootstrap.watch_versions`), and its ``ETag`` is that version, ``"3"``. Every
``GET`` and ``PATCH`` of one record answers it. A ``PATCH`` or ``DELETE`` sent with
``If-Match`` names the version it was based on; the store then writes with one
``UPDATE ... WHERE version = :expected`` (or ``DELETE``), so the comparison and the write
are one statement: of two editors who read the same version, one wins and the other is
refused with 412 Precondition Failed (RFC 9110, 13.1.1) and a message saying someone
else changed it. ``If-Match: *`` or no header means "no check". (People keep their own
version and check, :mod:`allies.web.api.network.people`.)

Examples
--------
>>> record_of("/api/v1/favours/12")
('favours', 12)
>>> record_of("/api/v1/people/3") is None, record_of("/api/v1/favours/balances") is None
(True, True)
>>> version_in('"3"'), version_in('W/"3", "4"'), version_in('"3a"'), version_in("*")
(3, 3, None, None)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from allies.bootstrap import expect_version, watch_versions

__all__ = [
    "CHECKED",
    "KIND_OF",
    "IfMatchGuard",
    "document_if_match",
    "etag_of",
    "record_of",
    "version_in",
]

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
    "affiliations",
    "organisation_ties",
    "notes",
)

_RECORD = re.compile(r"/api/v1/(" + "|".join(CHECKED) + r")/([0-9]{1,10})")


def record_of(path: str) -> tuple[str, int] | None:
    """The collection and id ``path`` names, when it is one guarded record."""
    found = _RECORD.fullmatch(path)
    return (found.group(1), int(found.group(2))) if found else None


#: The kind of record (as the store names it) behind each guarded collection.
KIND_OF = {collection: collection.removesuffix("s") for collection in CHECKED} | {
    "organisation_ties": "organisation tie"
}


def etag_of(version: int) -> str:
    """The strong entity tag of a record at ``version``."""
    return f'"{version}"'


def version_in(header: str) -> int | None:
    """The version the first entity tag of an ``If-Match`` header names (``W/`` dropped);
    ``None`` for ``*`` or a tag that is no version."""
    first = header.split(",")[0].strip().removeprefix("W/").strip('"')
    return int(first) if first.isdigit() and len(first) <= 12 else None


def _refusal(collection: str, record_id: int) -> tuple[Message, Message]:
    """The 412 answer (the API's error body) for an ``If-Match`` that names no version."""
    body = json.dumps(
        {
            "detail": f"If-Match must be the ETag of a read of {collection} #{record_id}, "
            'its version, such as "3": this one names no version of it, so it cannot '
            "match.",
            "field": "If-Match",
            "hint": "Read it again (GET) and send its ETag in If-Match.",
            "kind": KIND_OF[collection],
            "id": record_id,
            "next": None,
        }
    ).encode()
    start: Message = {
        "type": "http.response.start",
        "status": 412,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    return start, {"type": "http.response.body", "body": body, "more_body": False}


class IfMatchGuard:
    """ASGI middleware: the versions of one guarded record watched for the request,
    ``If-Match`` handed to the store as the version a write requires, and the version the
    request read or left as the answer's ``ETag``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Watch the versions, require the one named; tag the answer."""
        target = record_of(scope.get("path", "")) if scope["type"] == "http" else None
        method = scope.get("method", "")
        if target is None or method not in ("GET", "PATCH", "DELETE"):
            await self.app(scope, receive, send)
            return
        collection, record_id = target
        kind = KIND_OF[collection]
        if_match = Headers(scope=scope).get("if-match")
        with watch_versions() as watch:
            if method != "GET" and if_match is not None and if_match.strip() != "*":
                version = version_in(if_match)
                if version is None:
                    for message in _refusal(collection, record_id):
                        await send(message)
                    return
                expect_version(kind, record_id, version)
            if method == "DELETE":
                await self.app(scope, receive, send)
                return
            await self.app(
                scope, receive, _tagging(send, lambda: watch.version_of(kind, record_id))
            )


def _tagging(send: Send, version: Callable[[], int | None]) -> Send:
    """``send`` adding the record's version as ``ETag`` to a 200 answer."""

    async def send_tagged(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] == 200:
            found = version()
            if found is not None:
                MutableHeaders(scope=message)["ETag"] = etag_of(found)
        await send(message)

    return send_tagged


_IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": 'The ETag from a GET (the record\'s version, such as "3"): the change '
    "is refused (412) if someone else changed the record since.",
    "schema": {"type": "string", "maxLength": 200},
}
_STALE = {
    "description": "If-Match named another version: someone else changed the record since "
    "it was read (or the tag is no version of it). Read it again.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}
_ETAG = {
    "ETag": {
        "description": 'The record\'s entity tag: its version, such as "3".',
        "schema": {"type": "string"},
    }
}


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
                    operation.setdefault("responses", {}).setdefault("412", dict(_STALE))
                if method in ("get", "patch") and "200" in operation.get("responses", {}):
                    operation["responses"]["200"]["headers"] = dict(_ETAG)
        return document

    app.openapi = openapi  # type: ignore[method-assign]
