"""``/api/v1/affiliations``: list, get, create, update and delete people's roles at
organisations over time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.services.network.organisation_records import (
    AffiliationRecord,
    add_affiliation_by_id,
    affiliation_records,
    edit_affiliation,
    get_affiliation,
    remove_affiliation,
)
from allies.services.paging import paginate
from allies.web.api.common import Paging
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.organisations import (
    AffiliationCreate,
    AffiliationOut,
    AffiliationUpdate,
)

router = APIRouter(prefix="/affiliations", tags=["affiliations"])


def _out(record: AffiliationRecord) -> AffiliationOut:
    return AffiliationOut.model_validate(record, from_attributes=True)


@router.get("", response_model=PageOut[AffiliationOut])
def list_(
    uow: UoW,
    paging: Paging,
    person_id: Annotated[int | None, Query(description="One person's affiliations.")] = None,
    organisation_id: Annotated[
        int | None, Query(description="The affiliations at one organisation.")
    ] = None,
) -> PageOut[AffiliationOut]:
    """Affiliations, the latest start first (undated ones last)."""
    rows = affiliation_records(uow, person_id=person_id, organisation_id=organisation_id)
    page = paginate(rows, offset=paging.offset, limit=paging.limit)
    return PageOut[AffiliationOut].of(page, _out)


@router.post("", response_model=AffiliationOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: AffiliationCreate) -> AffiliationOut:
    """Record that ``person_id`` held ``role`` at ``organisation_id`` (no end: it lasts)."""
    return _out(
        add_affiliation_by_id(
            uow,
            body.person_id,
            body.organisation_id,
            role=body.role,
            started_on=body.started_on,
            ended_on=body.ended_on,
            note=body.note,
        )
    )


@router.get("/{affiliation_id}", response_model=AffiliationOut)
def get(uow: UoW, affiliation_id: int) -> AffiliationOut:
    """One affiliation."""
    return _out(get_affiliation(uow, affiliation_id))


@router.patch("/{affiliation_id}", response_model=AffiliationOut)
def update(uow: UoW, affiliation_id: int, body: AffiliationUpdate) -> AffiliationOut:
    """Change an affiliation; ``null`` for a date clears it (say it ended: ``ended_on``)."""
    changes = body.model_dump(exclude_unset=True)
    for name in ("organisation_id", "role", "note"):
        if name in changes and changes[name] is None:
            del changes[name]
    return _out(edit_affiliation(uow, affiliation_id, changes))


@router.delete("/{affiliation_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, affiliation_id: int) -> Response:
    """Delete an affiliation."""
    remove_affiliation(uow, affiliation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
