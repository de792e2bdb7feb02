"""Query strings checked once, at the edge, for every route: no NUL, valid UTF-8, each
value at most :data:`QUERY_VALUE_MAX` characters, at most :data:`QUERY_MAX` characters in
all (the same rules on SQLite and PostgreSQL, as for the bodies: :mod:`.common`).

:class:`QueryGuard` refuses a query string that breaks them with 422, naming the
parameter (``{"detail", "field", ...}`` under ``/api/``, a short page elsewhere), before
any route reads it; :func:`document_query_limits` states the bound on every string
query parameter of the OpenAPI document (``maxLength``).

Examples
--------
>>> query_problem(b"q=ann&tag=board")
>>> query_problem(b"q=a%00b")
('q', 'must not contain a NUL character (\\\\x00)')
>>> query_problem(b"q=%ff")
('q', 'must be valid UTF-8')
>>> query_problem(b"q=" + b"x" * 1001)[0]
'q'
"""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import unquote_to_bytes

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = [
    "QUERY_MAX",
    "QUERY_VALUE_MAX",
    "QueryGuard",
    "document_query_limits",
    "query_problem",
]

#: The longest value of one query parameter, in characters.
QUERY_VALUE_MAX = 1000
#: The longest query string, in characters (bytes as sent).
QUERY_MAX = 8000


def _text(raw: bytes) -> str | None:
    """``raw`` (percent-encoded, ``+`` for spaces) decoded, or ``None`` if not UTF-8."""
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return None


def query_problem(query: bytes) -> tuple[str, str] | None:
    """The first parameter that breaks the rules and how, or ``None`` when all keep them."""
    if len(query) > QUERY_MAX:
        return "query", f"is longer than {QUERY_MAX} characters in all"
    for pair in query.split(b"&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition(b"=")
        name = _text(raw_name)
        if name is None:
            return "query", "must be valid UTF-8"
        shown = name[:60] if "\x00" not in name else "query"
        value = _text(raw_value)
        if "\x00" in name:
            return "query", "must not contain a NUL character (\\x00)"
        if value is None:
            return shown, "must be valid UTF-8"
        if "\x00" in value:
            return shown, "must not contain a NUL character (\\x00)"
        if len(value) > QUERY_VALUE_MAX:
            return shown, f"must be at most {QUERY_VALUE_MAX} characters long"
    return None


class QueryGuard:
    """ASGI middleware: every request's query string kept to :func:`query_problem`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a query string that breaks the rules (422), else go on."""
        if scope["type"] != "http" or not scope.get("query_string"):
            await self.app(scope, receive, send)
            return
        found = query_problem(scope["query_string"])
        if found is None:
            await self.app(scope, receive, send)
            return
        name, problem = found
        message = f"The query parameter {name!r} {problem}."
        if str(scope.get("path", "")).startswith("/api/"):
            body = json.dumps(
                {
                    "detail": message,
                    "field": name,
                    "hint": "Send it shorter, as UTF-8 text without NUL characters.",
                    "kind": None,
                    "id": None,
                    "next": None,
                }
            ).encode()
            kind = b"application/json"
        else:
            body = (
                "<!doctype html><html lang=en><meta charset=utf-8><title>Something in the "
                f"address is not right</title><h1>Something in the address is not right</h1>"
                f"<p>{html.escape(message)} Go back and try again with a shorter text.</p>"
            ).encode()
            kind = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 422,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body, "more_body": False})


def document_query_limits(app: FastAPI) -> None:
    """Make ``app.openapi()`` state ``maxLength`` on every string query parameter."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()
        for methods in document.get("paths", {}).values():
            for operation in methods.values():
                for parameter in (
                    operation.get("parameters", []) if isinstance(operation, dict) else []
                ):
                    if parameter.get("in") == "query":
                        _bound(parameter.get("schema", {}))
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _bound(schema: dict[str, Any]) -> None:
    """``maxLength`` on a string schema (and the string options of ``anyOf``, ``items``)."""
    if schema.get("type") == "string":
        schema["maxLength"] = min(int(schema.get("maxLength", QUERY_VALUE_MAX)), QUERY_VALUE_MAX)
    for option in schema.get("anyOf", []):
        _bound(option)
    if isinstance(schema.get("items"), dict):
        _bound(schema["items"])
