"""``/s/{token}`` (the form) and ``/s/withdraw/{token}`` (withdraw the answers).

The GET of a link only shows the form or asks to confirm, so a mail scanner opening it
changes nothing; the POST answers (once) or withdraws.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from allies.bootstrap import unit_of_work_factory
from allies.errors import InvalidInput
from allies.services.surveys.answer import open_form, submit_answers, withdraw_answers
from allies.web.deps import SettingsDep, render

router = APIRouter(include_in_schema=False)

PAGE = "surveys/respond.html"


def _refused(request: Request, error: InvalidInput) -> HTMLResponse:
    status = 410 if any(w in error.message for w in ("used", "closed", "withdrawn")) else 400
    return render(request, PAGE, {"title": "Survey", "error": error}, status_code=status)


@router.get("/s/{token}", response_class=HTMLResponse, name="survey_form")
def survey_form(request: Request, token: str, settings: SettingsDep) -> HTMLResponse:
    """The respondent's own form: the questions and the names to pick from."""
    try:
        form = open_form(unit_of_work_factory(settings), token)
    except InvalidInput as error:
        return _refused(request, error)
    return render(request, PAGE, {"title": form.title, "form": form, "token": token})


@router.post("/s/{token}", response_class=HTMLResponse)
async def answer(request: Request, token: str, settings: SettingsDep) -> HTMLResponse:
    """Record the names picked, once."""
    submitted = await request.form()
    picks: dict[str, list[int]] = {}
    for key, value in submitted.multi_items():
        if isinstance(value, str) and value.isdigit() and len(value) < 12:
            picks.setdefault(key, []).append(int(value))
    try:
        done = submit_answers(unit_of_work_factory(settings), token, picks)
    except InvalidInput as error:
        return _refused(request, error)
    context: dict[str, Any] = {"title": "Thank you", "done": done}
    return render(request, PAGE, context)


@router.get("/s/withdraw/{token}", response_class=HTMLResponse)
def withdraw_page(request: Request, token: str) -> HTMLResponse:
    """Ask to confirm the withdrawal."""
    return render(request, PAGE, {"title": "Withdraw your answers", "withdraw": token})


@router.post("/s/withdraw/{token}", response_class=HTMLResponse)
def withdraw(request: Request, token: str, settings: SettingsDep) -> HTMLResponse:
    """Remove the respondent's answers."""
    try:
        removed = withdraw_answers(unit_of_work_factory(settings), token)
    except InvalidInput as error:
        return _refused(request, error)
    return render(request, PAGE, {"title": "Withdrawn", "removed": removed})
