"""Network surveys over the API: send one (and get each person's link) and follow it."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter
from pydantic import Field

from allies.services.surveys.manage import (
    InviteLink,
    SurveyStatus,
    create_survey,
    survey_status,
)
from allies.services.team.members import require_writer
from allies.web.api.team import Scope
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


@dataclass(frozen=True)
class SurveySent:
    """The survey sent, and one personal link per person (a path on this server)."""

    survey: SurveyStatus
    links: list[InviteLink]


@router.post("/surveys", response_model=SurveySent, status_code=201)
def send(scope: Scope, body: SurveyIn) -> SurveySent:
    """Create a survey and one personal link per person; send each their own."""
    require_writer(scope.actor)
    status, links = create_survey(
        scope.factory(scope.workspace, scope.actor),
        body.title,
        list(body.people),
        questions=list(body.questions) or None,
        days=body.days,
    )
    return SurveySent(status, links)


@router.get("/surveys/{survey_id}", response_model=SurveyStatus)
def status(scope: Scope, survey_id: int) -> SurveyStatus:
    """Who has answered the survey, who has not yet (to remind), who withdrew."""
    return survey_status(scope.factory(scope.workspace, scope.actor), survey_id)
