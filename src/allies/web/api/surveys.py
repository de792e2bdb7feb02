"""Network surveys over the API: send one (and get each person's link) and follow it."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter
from pydantic import Field

from allies.bootstrap import reminders_context
from allies.services.surveys.mailing import mail_links, require_mail_server
from allies.services.surveys.manage import (
    InviteLink,
    SurveyStatus,
    create_survey,
    survey_status,
)
from allies.services.team.members import require_writer
from allies.web.api.team import Scope
from allies.web.deps import SettingsDep
from allies.web.schemas.common import ERRORS, ApiModel, Name

router = APIRouter(prefix="/api/v1", tags=["surveys"], responses=ERRORS)


class SurveyIn(ApiModel):
    """A survey to send: its title, whom to ask, which questions, for how many days."""

    title: Name = Field(min_length=1, description="What the people are told it is for.")
    people: list[Name] = Field(min_length=2, max_length=500, description="Whom to ask.")
    questions: list[Name] = Field(
        default_factory=list, max_length=3, description="advice, trust, lead (default: all)."
    )
    days: int = Field(default=14, ge=1, le=90, description="How many days the links work.")
    send: bool = Field(
        default=False,
        description="E-mail each person their own link through the member's mail server "
        "(the one their reminders use).",
    )
    remind_after_days: int | None = Field(
        default=None,
        ge=1,
        le=60,
        description="With send: remind those who have not answered this many days after "
        "their link was mailed, once (no reminders when left out).",
    )


@dataclass(frozen=True)
class NotMailed:
    """A person whose link could not be e-mailed, and why."""

    person: str
    reason: str


@dataclass(frozen=True)
class SurveySent:
    """The survey sent, and one personal link per person (a path on this server)."""

    survey: SurveyStatus
    links: list[InviteLink]
    mailed: list[str] = field(default_factory=list)
    not_mailed: list[NotMailed] = field(default_factory=list)


@router.post("/surveys", response_model=SurveySent, status_code=201)
def send(scope: Scope, body: SurveyIn, settings: SettingsDep) -> SurveySent:
    """Create a survey and one personal link per person; with ``send``, e-mail each their
    own (422 on ``send`` when no mail server is set up; nothing is created then)."""
    require_writer(scope.actor)
    ctx = reminders_context(settings)
    if body.send:
        require_mail_server(ctx, scope.factory(scope.workspace, scope.actor))
    status, links = create_survey(
        scope.factory(scope.workspace, scope.actor),
        body.title,
        list(body.people),
        questions=list(body.questions) or None,
        days=body.days,
        remind_after_days=body.remind_after_days if body.send else None,
    )
    if not body.send:
        return SurveySent(status, links)
    report = mail_links(ctx, scope.factory(scope.workspace, scope.actor), status.id)
    status = survey_status(scope.factory(scope.workspace, scope.actor), status.id)
    failed = [NotMailed(name, reason) for name, reason in report.failed]
    return SurveySent(status, links, report.sent, failed)


@router.get("/surveys/{survey_id}", response_model=SurveyStatus)
def status(scope: Scope, survey_id: int) -> SurveyStatus:
    """Who has answered the survey, who has not yet (to remind), who withdrew."""
    return survey_status(scope.factory(scope.workspace, scope.actor), survey_id)
