"""``/api/v1/units``: list, get, create, update and delete units of organisations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.services.network.records import list_units, remove_unit
from allies.services.network.structure import add_unit_by_id, edit_unit_by_id, unit_row
from allies.services.paging import paginate
from allies.web.api.common import Paging
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.structure import UnitCreate, UnitOut, UnitUpdate

router = APIRouter(prefix="/units", tags=["units"])


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
    return UnitOut.of(unit_row(uow, unit_id))


@router.post("", response_model=UnitOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: UnitCreate) -> UnitOut:
    """Add a unit, optionally inside an organisation and a parent unit."""
    return UnitOut.of(
        add_unit_by_id(
            uow, body.name, organisation_id=body.organisation_id, parent_id=body.parent_id
        )
    )


@router.patch("/{unit_id}", response_model=UnitOut)
def update(uow: UoW, unit_id: int, body: UnitUpdate) -> UnitOut:
    """Rename a unit or move it; ``null`` clears its organisation or parent."""
    changes = body.model_dump(exclude_unset=True)
    edited = edit_unit_by_id(
        uow,
        unit_id,
        name=changes.get("name"),
        organisation_id=changes.get("organisation_id"),
        clear_organisation="organisation_id" in changes and changes["organisation_id"] is None,
        parent_id=changes.get("parent_id"),
        clear_parent="parent_id" in changes and changes["parent_id"] is None,
    )
    return UnitOut.of(edited)


@router.delete("/{unit_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(
    uow: UoW,
    unit_id: int,
    detach: Annotated[bool, Query(description="Clear the unit of its people first.")] = False,
) -> Response:
    """Delete a unit; with people or sub-units in it, only with ``detach=true``."""
    remove_unit(uow, unit_id, detach=detach)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
