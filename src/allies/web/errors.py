"""Turning errors into responses: JSON for the API, a readable page for people.

Every :class:`allies.errors.AlliesError` answers with its ``http_status``. The API says
``{"detail": ..., "field": ..., "hint": ...}``; validation errors (FastAPI's own and
``InvalidInput``) are 422 and name the field.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from allies.errors import AlliesError, AmbiguousName, InvalidInput, NotFound
from allies.web.deps import render

API_PREFIX = "/api/"

_TITLES = {
    400: "That did not work",
    404: "Not found",
    405: "Not allowed",
    409: "That clashes with what is stored",
    422: "Something in the input is not right",
    500: "Something went wrong",
}


def is_api(request: Request) -> bool:
    """Whether the request is for the JSON API."""
    return request.url.path.startswith(API_PREFIX)


def error_body(error: AlliesError) -> dict[str, Any]:
    """The JSON body for an AlliesError."""
    body: dict[str, Any] = {
        "detail": error.message,
        "field": error.field if isinstance(error, InvalidInput) else None,
        "hint": error.hint,
    }
    if isinstance(error, NotFound) and error.suggestions:
        body["suggestions"] = error.suggestions
    if isinstance(error, AmbiguousName):
        body["candidates"] = error.candidates
    return body


def _page(request: Request, status: int, message: str, hint: str | None = None) -> Response:
    return render(
        request,
        "error.html",
        {"status": status, "title": _TITLES.get(status, "Error"), "message": message, "hint": hint},
        status_code=status,
    )


async def allies_error(request: Request, exc: Exception) -> Response:
    """Answer an AlliesError with its HTTP status."""
    assert isinstance(exc, AlliesError)
    if is_api(request):
        return JSONResponse(error_body(exc), status_code=exc.http_status)
    return _page(request, exc.http_status, exc.message, exc.hint)


def _field_of(location: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or None


async def validation_error(request: Request, exc: Exception) -> Response:
    """FastAPI's own validation errors: 422 naming the first offending field."""
    assert isinstance(exc, RequestValidationError)
    errors = jsonable_encoder(exc.errors())
    first = errors[0] if errors else {}
    field = _field_of(first.get("loc", ()))
    message = first.get("msg", "Invalid input")
    detail = f"{field}: {message}" if field else message
    in_path = bool(first.get("loc")) and first["loc"][0] == "path"
    if is_api(request):
        status = 404 if in_path else 422
        return JSONResponse(
            {"detail": detail, "field": field, "errors": errors}, status_code=status
        )
    return _page(request, 404 if in_path else 422, detail)


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's HTTP errors (an unknown address, a wrong method)."""
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "Error"
    if exc.status_code == 404 and detail == "Not Found":
        detail = "There is no page at this address."
    if is_api(request):
        return JSONResponse(
            {"detail": detail, "field": None}, status_code=exc.status_code, headers=exc.headers
        )
    return _page(request, exc.status_code, detail)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(AlliesError, allies_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
