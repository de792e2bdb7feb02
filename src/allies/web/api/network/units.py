"""``/api/v1/units``: list, get, create, update and delete units of organisations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.errors import InvalidInput, NotFound
from allies.services.network.records import (
    edit_unit,
    get_organisation,
    get_unit,
    list_units,
    remove_unit,
)
from allies.services.network.structure import add_unit
from allies.services.paging import paginate
from allies.services.vocabulary import Organisation
from allies.web.api.common import Paging
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.structure import UnitCreate, UnitOut, UnitUpdate

router = APIRouter(prefix="/units", tags=["units"])


def _organisation(uow: UoW, organisation_id: int) -> Organisation:
    try:
        return get_organisation(uow, organisation_id)
    except NotFound:
        raise InvalidInput(
            f"There is no organisation #{organisation_id}.", field="organisation_id"
        ) from None


def _one(uow: UoW, unit_id: int) -> UnitOut:
    get_unit(uow, unit_id)
    row = next(r for r in list_units(uow) if r.id == unit_id)
    return UnitOut.of(row)


@router.get("", response_model=PageOut[UnitOut])
def list_(
    uow: UoW, paging: Paging, organisation_id: Annotated[int | None, Query()] = None
) -> PageOut[UnitOut]:
    """Units, by organisation then name."""
    page = paginate(
        list_units(uow, organisation_id=organisation_id), offset=paging.offset, limit=paging.limit
    )
    return PageOut[UnitOut].of(page, UnitOut.of)


@router.get("/{unit_id}", response_model=UnitOut)
def get(uow: UoW, unit_id: int) -> UnitOut:
    """One unit."""
    return _one(uow, unit_id)


@router.post("", response_model=UnitOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: UnitCreate) -> UnitOut:
    """Add a unit, optionally inside an organisation and a parent unit."""
    organisation = None
    if body.organisation_id is not None:
        organisation = f"#{_organisation(uow, body.organisation_id).id}"
    parent = None
    if body.parent_id is not None:
        try:
            parent = get_unit(uow, body.parent_id).name
        except NotFound:
            raise InvalidInput(f"There is no unit #{body.parent_id}.", field="parent_id") from None
    unit = add_unit(uow, body.name, organisation=organisation, parent=parent)
    if body.parent_id is not None and unit.parent_id != body.parent_id:
        unit = edit_unit(uow, unit.id or 0, parent_id=body.parent_id)
    return _one(uow, unit.id or 0)


@router.patch("/{unit_id}", response_model=UnitOut)
def update(uow: UoW, unit_id: int, body: UnitUpdate) -> UnitOut:
    """Rename a unit or move it; ``null`` clears its organisation or parent."""
    changes = body.model_dump(exclude_unset=True)
    organisation: str | None = None
    if "organisation_id" in changes:
        organisation_id = changes["organisation_id"]
        organisation = (
            f"#{_organisation(uow, organisation_id).id}" if organisation_id is not None else ""
        )
    edit_unit(
        uow,
        unit_id,
        name=changes.get("name"),
        organisation=organisation,
        parent_id=changes.get("parent_id"),
        clear_parent="parent_id" in changes and changes["parent_id"] is None,
    )
    return _one(uow, unit_id)


@router.delete("/{unit_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(
    uow: UoW,
    unit_id: int,
    detach: Annotated[bool, Query(description="Clear the unit of its people first.")] = False,
) -> Response:
    """Delete a unit; with people or sub-units in it, only with ``detach=true``."""
    remove_unit(uow, unit_id, detach=detach)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
