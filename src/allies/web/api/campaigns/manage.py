"""``/api/v1/campaigns``: campaigns and their issues, stances, forecasts and chart data.

The same services as ``allies campaign`` and ``allies stance``, so the numbers agree with
the command line and the pages. People are named by id.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.errors import NotFound
from allies.services.campaigns import editing as service
from allies.services.campaigns.charts import CampaignCharts, stakeholder_charts
from allies.services.campaigns.forecast import CampaignForecast, forecast_campaign
from allies.web.api.common import DAY_NOTE, Day, ref
from allies.web.deps import LensDep, UoW
from allies.web.schemas.campaigns import (
    CampaignCreate,
    CampaignOut,
    CampaignUpdate,
    IssueIn,
    IssueUpdate,
    StanceIn,
    StanceOut,
    StancesIn,
)
from allies.web.schemas.common import ERRORS

router = APIRouter(prefix="/api/v1/campaigns", tags=["campaigns"], responses=ERRORS)

AsOf = Annotated[
    Day | None, Query(description="As it stood on this day (default: today)." + DAY_NOTE)
]
IssueName = Annotated[str, Query(description="Only this issue (by name).")]


def _key(campaign_id: int) -> str:
    return f"#{campaign_id}"


def _out(uow: UoW, campaign_id: int) -> CampaignOut:
    return CampaignOut.of(service.campaign_detail(uow, _key(campaign_id)))


def _spec(issue: IssueIn) -> service.IssueSpec:
    return service.IssueSpec(
        issue.name, issue.low_label, issue.high_label, issue.desired_position, issue.description
    )


@router.get("", response_model=list[service.CampaignSummary])
def list_(
    uow: UoW,
    status_: Annotated[
        str | None, Query(alias="status", description="active, won, lost or shelved")
    ] = None,
) -> list[service.CampaignSummary]:
    """Every campaign, the soonest decision first."""
    return service.list_campaigns(uow, status=status_)


@router.post("", response_model=CampaignOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: CampaignCreate) -> CampaignOut:
    """Start a campaign; a second one with the same name is refused (409)."""
    campaign = service.create_campaign(
        uow,
        body.name,
        issues=[_spec(i) for i in body.issues],
        deciders=[ref(d) for d in body.decider_ids],
        decision_on=body.decision_on,
        description=body.description,
    )
    return _out(uow, campaign.id or 0)


@router.get("/{campaign_id}", response_model=CampaignOut)
def get(uow: UoW, campaign_id: int) -> CampaignOut:
    """One campaign with its issues and deciders."""
    return _out(uow, campaign_id)


@router.patch("/{campaign_id}", response_model=CampaignOut)
def update(uow: UoW, campaign_id: int, body: CampaignUpdate) -> CampaignOut:
    """Change a campaign; fields left out stay."""
    given = body.model_fields_set
    service.edit_campaign(
        uow,
        _key(campaign_id),
        name=body.name,
        description=body.description,
        decision_on=body.decision_on,
        clear_decision="decision_on" in given and body.decision_on is None,
        status=body.status,
        deciders=None if body.decider_ids is None else [ref(d) for d in body.decider_ids],
    )
    return _out(uow, campaign_id)


@router.delete("/{campaign_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, campaign_id: int) -> Response:
    """Delete a campaign with its issues and every stance on them."""
    service.delete_campaign(uow, _key(campaign_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{campaign_id}/issues", response_model=CampaignOut, status_code=201)
def add_issue(uow: UoW, campaign_id: int, body: IssueIn) -> CampaignOut:
    """Add an issue to a campaign."""
    service.add_issue(uow, _key(campaign_id), _spec(body))
    return _out(uow, campaign_id)


@router.patch("/{campaign_id}/issues/{issue_id}", response_model=CampaignOut)
def update_issue(uow: UoW, campaign_id: int, issue_id: int, body: IssueUpdate) -> CampaignOut:
    """Rename an issue, relabel its ends or move my desired position on it."""
    name = _issue_name(uow, campaign_id, issue_id)
    service.edit_issue(uow, _key(campaign_id), name, **body.model_dump(exclude_unset=True))
    return _out(uow, campaign_id)


def _issue_name(uow: UoW, campaign_id: int, issue_id: int) -> str:
    campaign = service.get_campaign(uow, _key(campaign_id))
    for issue in campaign.issues:
        if issue.id == issue_id:
            return issue.name
    raise NotFound(
        f"Campaign #{campaign_id} has no issue #{issue_id}.",
        hint=f"See its issues at /api/v1/campaigns/{campaign_id}.",
    )


@router.get("/{campaign_id}/stances", response_model=service.StanceTable)
def stances(
    uow: UoW, lens: LensDep, campaign_id: int, issue: IssueName = "", as_of: AsOf = None
) -> service.StanceTable:
    """Each stakeholder's current stance per issue, against my desired position."""
    return service.stance_table(uow, _key(campaign_id), issue=issue, lens=lens.on(as_of))


def _entry(uow: UoW, campaign_id: int, body: StanceIn) -> service.StanceEntry:
    issue = body.issue if body.issue_id is None else _issue_name(uow, campaign_id, body.issue_id)
    capability: float | service.Keep | None = (
        body.capability if "capability" in body.model_fields_set else service.KEEP
    )
    return service.StanceEntry(
        person=ref(body.person_id),
        issue=issue,
        position=body.position,
        salience=body.salience,
        capability=capability,
        confidence=body.confidence,
        note=body.note,
    )


def _stance_out(stance: service.Stance) -> StanceOut:
    return StanceOut(
        id=stance.id or 0,
        person_id=stance.person_id,
        issue_id=stance.issue_id,
        position=stance.position,
        salience=stance.salience,
        capability=stance.capability,
        confidence=stance.confidence,
        recorded_on=stance.recorded_on,
        note=stance.note,
    )


@router.post("/{campaign_id}/stances", response_model=StanceOut, status_code=201)
def set_stance(uow: UoW, campaign_id: int, body: StanceIn) -> StanceOut:
    """Record a stance (a new entry in the person's history)."""
    entry = _entry(uow, campaign_id, body)
    stance = service.set_stance(
        uow,
        _key(campaign_id),
        entry.person,
        entry.issue,
        entry.position,
        salience=entry.salience,
        capability=entry.capability,
        confidence=entry.confidence,
        on=body.on or date.today(),
        note=entry.note,
    )
    return _stance_out(stance)


@router.post("/{campaign_id}/stances/batch", response_model=list[StanceOut])
def set_stances(uow: UoW, campaign_id: int, body: StancesIn) -> list[StanceOut]:
    """Record several stances at once, all or nothing; unchanged ones are skipped.

    All are recorded on the day of the first that names one (default today).
    """
    entries = [_entry(uow, campaign_id, s) for s in body.stances]
    day = next((s.on for s in body.stances if s.on), None) or date.today()
    return [_stance_out(s) for s in service.set_stances(uow, _key(campaign_id), entries, on=day)]


@router.get("/{campaign_id}/stances/history", response_model=list[service.StanceRow])
def history(
    uow: UoW,
    campaign_id: int,
    person_id: Annotated[int, Query(description="Whose history.")],
    issue: IssueName = "",
) -> list[service.StanceRow]:
    """Every stance a person has had on the campaign's issues, oldest first."""
    return service.stance_history(uow, _key(campaign_id), ref(person_id), issue=issue)


@router.get("/{campaign_id}/forecast", response_model=CampaignForecast)
def forecast(uow: UoW, lens: LensDep, campaign_id: int, as_of: AsOf = None) -> CampaignForecast:
    """Every model's forecast per issue, the default first, each against my position."""
    return forecast_campaign(uow, _key(campaign_id), lens=lens.on(as_of))


@router.get("/{campaign_id}/charts", response_model=CampaignCharts)
def charts(
    uow: UoW, lens: LensDep, campaign_id: int, issue: IssueName = "", as_of: AsOf = None
) -> CampaignCharts:
    """Power-interest grid and position × salience points of the stakeholders."""
    return stakeholder_charts(uow, _key(campaign_id), issue=issue, lens=lens.on(as_of))
