"""``/surveys``: a member sends a network survey and follows it — who answered, who to
remind (with their own link to send again)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from allies.errors import AlliesError
from allies.services.surveys.manage import (
    create_survey,
    list_surveys,
    reminder_links,
    survey_status,
)
from allies.services.team.members import require_writer
from allies.web.api.team import Scope, TeamScope
from allies.web.deps import FormData, render
from allies.web.pages.common import suggestions

router = APIRouter(include_in_schema=False)

QUESTION_WORDS = {
    "advice": "Whom do you go to for advice?",
    "trust": "Whom do you trust?",
    "lead": "Whose lead do you take?",
}


def _context(scope: TeamScope, **extra: Any) -> dict[str, Any]:
    uow = scope.factory(scope.workspace, scope.actor)
    return {
        "title": "Surveys",
        "section": "surveys",
        "surveys": list_surveys(uow),
        "questions": QUESTION_WORDS,
        "can_write": scope.actor is None or scope.actor.can_write,
        "suggest": suggestions(scope.factory(scope.workspace, scope.actor)),
        **extra,
    }


@router.get("/surveys", response_class=HTMLResponse, name="surveys")
def surveys_page(request: Request, scope: Scope) -> HTMLResponse:
    """The surveys sent, their answers so far, and a form to send one."""
    return render(request, "surveys/list.html", _context(scope))


@router.post("/surveys", response_class=HTMLResponse)
def send(request: Request, scope: Scope, values: FormData) -> HTMLResponse:
    """Create a survey and show each person's link to send them."""
    require_writer(scope.actor)
    people = [p.strip() for p in str(values.get("people", "")).split(",") if p.strip()]
    asked = [q for q in QUESTION_WORDS if q in str(values.get("questions", ""))]
    days = str(values.get("days", "14") or "14")
    try:
        status, links = create_survey(
            scope.factory(scope.workspace, scope.actor),
            str(values.get("title", "")),
            people,
            questions=asked or None,
            days=int(days) if days.isdigit() else 0,
        )
    except AlliesError as error:
        context = _context(scope, error=error.message, values=values)
        return render(request, "surveys/list.html", context, status_code=error.http_status)
    base = str(request.base_url).rstrip("/")
    return render(
        request,
        "surveys/sent.html",
        {"title": status.title, "survey": status, "links": links, "base": base},
    )


@router.get("/surveys/{survey_id}", response_class=HTMLResponse)
def survey_page(request: Request, scope: Scope, survey_id: int) -> HTMLResponse:
    """Who answered, who has not (their links, to remind them), who withdrew."""
    uow = scope.factory(scope.workspace, scope.actor)
    status = survey_status(uow, survey_id)
    links = reminder_links(uow, survey_id)
    base = str(request.base_url).rstrip("/")
    return render(
        request,
        "surveys/sent.html",
        {"title": status.title, "survey": status, "links": links, "base": base, "remind": True},
    )
