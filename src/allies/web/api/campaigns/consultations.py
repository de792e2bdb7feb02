"""A campaign's consultation log as JSON (and to log a consultation); the CSV download
lives with the pages (``/campaigns/{id}/consultations.csv``)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Response
from pydantic import Field

from allies.services.campaigns.consultations import (
    ConsultationRow,
    consultation_csv,
    consultation_log,
    log_consultation,
)
from allies.services.team.members import require_writer
from allies.web.api.common import Day, ref
from allies.web.api.team import Scope
from allies.web.schemas.common import ERRORS, ApiModel, Name, Text

router = APIRouter(prefix="/api/v1", tags=["campaigns"], responses=ERRORS)
routes = APIRouter(include_in_schema=False)


class ConsultationIn(ApiModel):
    """A consultation to log: whom, about which issue, what was raised, the follow-ups."""

    people: list[Name] = Field(min_length=1, max_length=50, description="Whom you consulted.")
    issue: Name = Field(default="", description="The issue's name (empty: none in particular).")
    on: Day | None = Field(default=None, description="The day (today when left out).")
    kind: Name = Field(default="one_on_one", description="one_on_one, call, group_meeting ...")
    summary: Text = ""
    issues_raised: Text = ""
    follow_ups: Text = ""


@router.get("/campaigns/{campaign_id}/consultations", response_model=list[ConsultationRow])
def consultations(scope: Scope, campaign_id: int) -> list[ConsultationRow]:
    """The campaign's consultation log, oldest first: the whole team's."""
    return consultation_log(scope.factory(scope.workspace, scope.actor), ref(campaign_id))


@router.post(
    "/campaigns/{campaign_id}/consultations", response_model=ConsultationRow, status_code=201
)
def consult(scope: Scope, campaign_id: int, body: ConsultationIn) -> ConsultationRow:
    """Log a consultation about the campaign."""
    require_writer(scope.actor)
    return log_consultation(
        scope.factory(scope.workspace, scope.actor),
        ref(campaign_id),
        list(body.people),
        issue=body.issue,
        on=body.on or date.today(),
        kind=body.kind,
        summary=body.summary,
        issues_raised=body.issues_raised,
        follow_ups=body.follow_ups,
    )


@routes.get("/campaigns/{campaign_id}/consultations.csv")
def consultations_csv(scope: Scope, campaign_id: int) -> Response:
    """The consultation log as a CSV file to open in a spreadsheet."""
    rows = consultation_log(scope.factory(scope.workspace, scope.actor), ref(campaign_id))
    return Response(
        consultation_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="consultations-{campaign_id}.csv"'},
    )
