"""The OpenAPI document says what errors really look like.

Every error under ``/api/`` answers ``{"detail", "field", "hint"}`` (see
:mod:`allies.web.errors`), FastAPI's own 422s included; routes that do not declare
their errors would otherwise be documented with FastAPI's ``HTTPValidationError`` shape.
This rewrites those, and documents 401 and 403 (team mode) on every operation.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from allies.web.schemas.common import Problem

__all__ = ["document_errors"]

_PROBLEM = "#/components/schemas/Problem"
_VALIDATION = "#/components/schemas/HTTPValidationError"
_EXTRA = {
    "401": "Team mode: no session and no API token.",
    "403": "Team mode: the role does not allow it.",
    "422": "Invalid input; `field` names the field.",
}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": _PROBLEM}}},
    }


def _rewrite(document: dict[str, Any]) -> dict[str, Any]:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Problem", Problem.model_json_schema())
    for path, methods in document.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            for code in ("401", "403"):
                responses.setdefault(code, _problem(_EXTRA[code]))
            invalid = responses.get("422")
            if invalid is not None:
                schema = invalid.get("content", {}).get("application/json", {}).get("schema", {})
                if schema.get("$ref") == _VALIDATION:
                    responses["422"] = _problem(_EXTRA["422"])
    return document


def document_errors(app: FastAPI) -> None:
    """Make ``app.openapi()`` describe the error bodies the app really sends."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _rewrite(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
