"""``/api/v1/organisations``: list, get, create, update and delete organisations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.services.network.records import (
    edit_organisation,
    get_organisation,
    remove_organisation,
)
from allies.services.network.structure import add_organisation, list_organisations
from allies.services.paging import paginate
from allies.web.api.common import Paging
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.structure import (
    OrganisationCreate,
    OrganisationOut,
    OrganisationUpdate,
)

router = APIRouter(prefix="/organisations", tags=["organisations"])


@router.get("", response_model=PageOut[OrganisationOut])
def list_(
    uow: UoW,
    paging: Paging,
    q: Annotated[str | None, Query(description="Text in the name.")] = None,
) -> PageOut[OrganisationOut]:
    """Organisations by name, with head-counts and units."""
    rows = list_organisations(uow)
    if q:
        rows = [r for r in rows if q.casefold() in r.name.casefold()]
    page = paginate(rows, offset=paging.offset, limit=paging.limit)
    return PageOut[OrganisationOut].of(page, OrganisationOut.of_row)


@router.get("/{organisation_id}", response_model=OrganisationOut)
def get(uow: UoW, organisation_id: int) -> OrganisationOut:
    """One organisation."""
    return OrganisationOut.of(get_organisation(uow, organisation_id))


@router.post("", response_model=OrganisationOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: OrganisationCreate) -> OrganisationOut:
    """Add an organisation (names are unique: 409 otherwise)."""
    return OrganisationOut.of(add_organisation(uow, body.name, kind=body.kind, notes=body.notes))


@router.patch("/{organisation_id}", response_model=OrganisationOut)
def update(uow: UoW, organisation_id: int, body: OrganisationUpdate) -> OrganisationOut:
    """Rename an organisation or change its kind and notes."""
    changes = body.model_dump(exclude_unset=True)
    return OrganisationOut.of(
        edit_organisation(
            uow,
            organisation_id,
            name=changes.get("name"),
            kind=changes.get("kind"),
            notes=changes.get("notes"),
        )
    )


@router.delete("/{organisation_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(
    uow: UoW,
    organisation_id: int,
    detach: Annotated[
        bool, Query(description="Clear the organisation of its people and units first.")
    ] = False,
) -> Response:
    """Delete an organisation; with people or units in it, only with ``detach=true``."""
    remove_organisation(uow, organisation_id, detach=detach)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
