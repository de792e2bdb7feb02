"""``/api/v1/organisation_ties``: list, get, create, update and delete ties between
organisations (member of, funds, partners with, competes with)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.services.network.organisation_records import (
    OrganisationTieRecord,
    add_organisation_tie_by_id,
    edit_organisation_tie,
    get_organisation_tie,
    organisation_tie_records,
    remove_organisation_tie,
)
from allies.services.paging import paginate
from allies.web.api.common import Paging
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.organisations import (
    OrganisationTieCreate,
    OrganisationTieKindName,
    OrganisationTieOut,
    OrganisationTieUpdate,
)

router = APIRouter(prefix="/organisation_ties", tags=["organisation_ties"])


def _out(record: OrganisationTieRecord) -> OrganisationTieOut:
    return OrganisationTieOut.model_validate(record, from_attributes=True)


@router.get("", response_model=PageOut[OrganisationTieOut])
def list_(
    uow: UoW,
    paging: Paging,
    organisation_id: Annotated[
        int | None, Query(description="Ties from or to this organisation.")
    ] = None,
    kind: OrganisationTieKindName | None = None,
) -> PageOut[OrganisationTieOut]:
    """Ties between organisations, oldest first; optionally of one organisation or kind."""
    rows = organisation_tie_records(uow, organisation_id=organisation_id, kind=kind)
    page = paginate(rows, offset=paging.offset, limit=paging.limit)
    return PageOut[OrganisationTieOut].of(page, _out)


@router.post("", response_model=OrganisationTieOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: OrganisationTieCreate) -> OrganisationTieOut:
    """Record that organisation ``source_id`` *kind* ``target_id``."""
    return _out(
        add_organisation_tie_by_id(
            uow,
            body.source_id,
            body.kind,
            body.target_id,
            started_on=body.started_on,
            ended_on=body.ended_on,
            note=body.note,
        )
    )


@router.get("/{organisation_tie_id}", response_model=OrganisationTieOut)
def get(uow: UoW, organisation_tie_id: int) -> OrganisationTieOut:
    """One tie between organisations."""
    return _out(get_organisation_tie(uow, organisation_tie_id))


@router.patch("/{organisation_tie_id}", response_model=OrganisationTieOut)
def update(uow: UoW, organisation_tie_id: int, body: OrganisationTieUpdate) -> OrganisationTieOut:
    """Change a tie between organisations; ``null`` for a date clears it."""
    changes = body.model_dump(exclude_unset=True)
    for name in ("source_id", "kind", "target_id", "note"):
        if name in changes and changes[name] is None:
            del changes[name]
    return _out(edit_organisation_tie(uow, organisation_tie_id, changes))


@router.delete("/{organisation_tie_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, organisation_tie_id: int) -> Response:
    """Delete a tie between organisations."""
    remove_organisation_tie(uow, organisation_tie_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
