"""Turning errors into responses: JSON for the API, a readable page for people.

Every :class:`allies.errors.AlliesError` answers with its ``http_status``. The API says
``{"detail", "field", "hint", "kind", "id", "next"}``: the error's facts, with its next
step as ``{"action", "kind", "options"}`` (never a command line); the pages turn the next
step into a link to the page where it is taken. Validation errors (FastAPI's own and
``InvalidInput``) are 422 and name the field.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from allies.errors import AlliesError, AmbiguousName, InvalidInput, NextStep, NotFound
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


#: The page listing each kind of record, and what the link to it says.
_PAGES: dict[str, tuple[str, str]] = {
    "person": ("/people", "the people"),
    "organisation": ("/organisations", "the organisations"),
    "unit": ("/units", "the units"),
    "tie": ("/ties", "the ties"),
    "observation": ("/observations", "the observations"),
    "interaction": ("/interactions", "the interactions"),
    "favour": ("/favours", "the favours"),
    "promise": ("/promises", "the promises"),
    "cadence": ("/cadences", "the check-in cadences"),
    "campaign": ("/campaigns", "the campaigns"),
    "issue": ("/campaigns", "the campaigns"),
    "stance": ("/campaigns", "the campaigns"),
    "alliance": ("/alliances", "the alliances"),
    "goal": ("/goals", "the goals"),
    "survey": ("/surveys", "the surveys"),
    "member": ("/team", "the team"),
    "assessment": ("/assessment", "the questionnaire"),
    "program": ("/program", "the five-day programme"),
    "note": ("/people", "the people"),
    "workspace": ("/workspaces", "the workspaces"),
    "backup": ("/transfer", "import and export"),
    "demo": ("/transfer", "import and export"),
}


def next_link(step: NextStep | None) -> tuple[str, str] | None:
    """The link a page shows for ``step``: ``(address, text)``, or ``None`` when no page
    takes it.

    Parameters
    ----------
    step
        The next step an error names.
    """
    if step is None:
        return None
    if step.action == "log-in":
        return "/login", "Log in"
    if step.action == "reload":
        return "", "Reload the page"
    options = step.options
    if step.kind == "person":
        person = options.get("person")
        if step.action == "add":
            return "/people/new", "Add a person"
        if isinstance(person, int) and not isinstance(person, bool):
            if step.action in ("merge", "reassign", "delete-related"):
                action = "merge" if step.action == "merge" else "delete"
                return f"/people/{person}/{action}", "Settle what refers to this person"
            if step.action == "edit":
                return f"/people/{person}/edit", "Edit the person"
    if step.kind == "program" and isinstance(options.get("day"), int):
        return f"/program/{options['day']}", f"Go to day {options['day']}"
    page = _PAGES.get(step.kind or "")
    if page is None:
        return None
    address, name = page
    return address, f"Go to {name}"


def next_body(step: NextStep | None) -> dict[str, Any] | None:
    """The API's ``next``: the step's facts as JSON, or ``None``."""
    return None if step is None else step.as_dict()


def is_api(request: Request) -> bool:
    """Whether the request is for the JSON API."""
    return request.url.path.startswith(API_PREFIX)


def error_body(error: AlliesError) -> dict[str, Any]:
    """The JSON body for an AlliesError."""
    body: dict[str, Any] = {
        "detail": error.message,
        "field": error.field if isinstance(error, InvalidInput) else None,
        "hint": error.hint,
        "kind": error.kind,
        "id": error.record_id,
        "next": next_body(error.next_step),
    }
    if isinstance(error, NotFound) and error.suggestions:
        body["suggestions"] = error.suggestions
    if isinstance(error, AmbiguousName):
        body["candidates"] = error.candidates
    return body


def _page(
    request: Request,
    status: int,
    message: str,
    hint: str | None = None,
    step: NextStep | None = None,
) -> Response:
    link = next_link(step)
    if link is not None and link[0] == "":  # reload: this very page, when it can be read
        link = (str(request.url.path), link[1]) if request.method == "GET" else None
    context = {
        "status": status,
        "title": _TITLES.get(status, "Error"),
        "message": message,
        "hint": hint,
        "next_link": link,
    }
    return render(request, "error.html", context, status_code=status)


async def allies_error(request: Request, exc: Exception) -> Response:
    """Answer an AlliesError with its HTTP status."""
    assert isinstance(exc, AlliesError)
    if is_api(request):
        return JSONResponse(error_body(exc), status_code=exc.http_status)
    return _page(request, exc.http_status, exc.message, exc.hint, exc.next_step)


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
    if first.get("type") == "json_invalid":  # its location is a character offset
        where = (first.get("loc") or ["body", 0])[-1]
        field, message = "body", f"not valid JSON (at character {where}); send a JSON object"
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
    if exc.status_code == 400 and "parsing the body" in detail:
        # A body that is not JSON (or not a form) is invalid input like any other: 422,
        # naming the body, as the API's description promises.
        message = "The body could not be read: send JSON (or a form where a form is asked)."
        if is_api(request):
            return JSONResponse({"detail": message, "field": "body"}, status_code=422)
        return _page(request, 422, message)
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
