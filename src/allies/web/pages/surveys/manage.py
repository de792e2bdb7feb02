"""``/surveys``: a member sends a network survey and follows it — who answered, who to
remind (with their own link to send again)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from allies.bootstrap import reminders_context
from allies.errors import AlliesError, InvalidInput
from allies.services.surveys.mailing import (
    REMIND_AFTER_DAYS,
    MailReport,
    mail_links,
    require_mail_server,
)
from allies.services.surveys.manage import (
    create_survey,
    list_surveys,
    reminder_links,
    survey_status,
)
from allies.services.team.members import require_writer
from allies.web.api.team import Scope, TeamScope
from allies.web.deps import FormData, SettingsDep, render
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


def _refused(
    request: Request, scope: TeamScope, error: AlliesError, values: FormData
) -> HTMLResponse:
    field = getattr(error, "field", None) or ""
    context = _context(scope, error=error.message, field=field, values=values)
    return render(request, "surveys/list.html", context, status_code=error.http_status)


@router.post("/surveys", response_class=HTMLResponse)
def send(request: Request, scope: Scope, values: FormData, settings: SettingsDep) -> HTMLResponse:
    """Create a survey and show each person's link to send them; with "e-mail", mail each
    their own through the member's mail server, and remind those who have not answered."""
    require_writer(scope.actor)
    people = [p.strip() for p in str(values.get("people", "")).split(",") if p.strip()]
    asked = [q for q in QUESTION_WORDS if q in str(values.get("questions", ""))]
    days = str(values.get("days", "14") or "14")
    mail = bool(values.get("send"))
    remind = mail and bool(values.get("remind"))
    after = str(values.get("remind_after_days", "") or "").strip() or str(REMIND_AFTER_DAYS)
    ctx = reminders_context(settings)
    try:
        if remind and not after.isdigit():
            raise InvalidInput("Give a number of days, such as 3.", field="remind_after_days")
        if mail:
            require_mail_server(ctx, scope.factory(scope.workspace, scope.actor))
        status, links = create_survey(
            scope.factory(scope.workspace, scope.actor),
            str(values.get("title", "")),
            people,
            questions=asked or None,
            days=int(days) if days.isdigit() else 0,
            remind_after_days=int(after) if remind else None,
        )
    except AlliesError as error:
        return _refused(request, scope, error, values)
    report = MailReport()
    if mail:
        try:
            report = mail_links(ctx, scope.factory(scope.workspace, scope.actor), status.id)
        except AlliesError as error:
            report.failed.append(("everyone", error.message))
        status = survey_status(scope.factory(scope.workspace, scope.actor), status.id)
        unsent = {name for name, _ in report.failed}
        links = [link for link in links if "everyone" in unsent or link.person in unsent]
    base = str(request.base_url).rstrip("/")
    return render(
        request,
        "surveys/sent.html",
        {"title": status.title, "survey": status, "links": links, "base": base,
         "mailed": mail, "report": report},
    )  # fmt: skip


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
