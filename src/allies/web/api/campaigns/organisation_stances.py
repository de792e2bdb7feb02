"""``/api/v1/campaigns/{campaign_id}/organisation_stances``: where organisations stand on
a campaign's issues, each through the person who speaks for it (the forecasts and plans
treat an organisation as one actor)."""

from __future__ import annotations

from fastapi import APIRouter, status

from allies.errors import InvalidInput, NotFound
from allies.services.campaigns.organisations import (
    OrganisationStanceRow,
    organisation_stances,
    set_organisation_stance,
)
from allies.web.deps import UoW
from allies.web.schemas.network.organisations import OrganisationStanceIn, OrganisationStanceOut

router = APIRouter(prefix="/campaigns", tags=["campaigns"])


def _out(row: OrganisationStanceRow) -> OrganisationStanceOut:
    return OrganisationStanceOut.model_validate(row, from_attributes=True)


@router.get("/{campaign_id}/organisation_stances", response_model=list[OrganisationStanceOut])
def list_(uow: UoW, campaign_id: int) -> list[OrganisationStanceOut]:
    """The latest stance of each organisation on each issue, with its spokesperson."""
    return [_out(row) for row in organisation_stances(uow, f"#{campaign_id}")]


@router.post(
    "/{campaign_id}/organisation_stances",
    response_model=OrganisationStanceOut,
    status_code=status.HTTP_201_CREATED,
)
def create(uow: UoW, campaign_id: int, body: OrganisationStanceIn) -> OrganisationStanceOut:
    """Record where an organisation stands on an issue, through its spokesperson (a new
    entry in the history). An organisation or spokesperson that is not there is a 422
    naming the field."""
    try:
        stored = _record(uow, campaign_id, body)
    except NotFound as missing:
        if missing.kind not in ("person", "organisation"):
            raise
        field = "spokesperson_id" if missing.kind == "person" else "organisation_id"
        raise InvalidInput(missing.message, field=field) from None
    rows = organisation_stances(uow, f"#{campaign_id}")
    return _out(next(r for r in rows if r.id == stored))


def _record(uow: UoW, campaign_id: int, body: OrganisationStanceIn) -> int:
    """The id of the stance recorded."""
    stored = set_organisation_stance(
        uow,
        f"#{campaign_id}",
        f"#{body.organisation_id}",
        f"#{body.spokesperson_id}",
        body.issue,
        body.position,
        salience=body.salience,
        capability=body.capability,
        confidence=body.confidence,
        on=body.on,
        note=body.note,
        issue_id=body.issue_id,
    )
    return stored.id or 0
