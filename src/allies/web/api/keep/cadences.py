"""``/api/v1/cadences``: how often to check in, per person, tag or tier."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from allies.services.keep.log import set_cadence
from allies.services.keep.records import (
    edit_cadence,
    get_cadence,
    list_cadence_records,
    remove_cadence,
)
from allies.services.network.records import people_names, require_people
from allies.services.paging import paginate
from allies.web.api.common import Paging, ref
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.keep.records import CadenceCreate, CadenceOut, CadenceUpdate

router = APIRouter(prefix="/cadences", tags=["cadences"])


@router.get("", response_model=PageOut[CadenceOut])
def list_(uow: UoW, paging: Paging) -> PageOut[CadenceOut]:
    """Every cadence: people first, then tags, then tiers."""
    names = people_names(uow)
    page = paginate(list_cadence_records(uow), offset=paging.offset, limit=paging.limit)
    return PageOut[CadenceOut].of(page, lambda c: CadenceOut.of(c, names))


@router.get("/{cadence_id}", response_model=CadenceOut)
def get(uow: UoW, cadence_id: int) -> CadenceOut:
    """One cadence."""
    return CadenceOut.of(get_cadence(uow, cadence_id), people_names(uow))


@router.post("", response_model=CadenceOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: CadenceCreate) -> CadenceOut:
    """Set a cadence on one person, tag or tier; an existing one is replaced."""
    require_people(uow, {"person_id": body.person_id})
    cadence = set_cadence(
        uow,
        ideal_days=body.ideal_days,
        max_days=body.max_days,
        person=ref(body.person_id) if body.person_id is not None else None,
        tag=body.tag,
        tier=body.tier.value if body.tier else None,
    )
    return CadenceOut.of(cadence, people_names(uow))


@router.patch("/{cadence_id}", response_model=CadenceOut)
def update(uow: UoW, cadence_id: int, body: CadenceUpdate) -> CadenceOut:
    """Change a cadence's gaps or snooze it."""
    get_cadence(uow, cadence_id)
    changes = body.model_dump(exclude_unset=True)
    cadence = edit_cadence(
        uow,
        cadence_id,
        ideal_days=body.ideal_days,
        max_days=body.max_days,
        snoozed_until=(changes["snoozed_until"] or "") if "snoozed_until" in changes else None,
    )
    return CadenceOut.of(cadence, people_names(uow))


@router.delete("/{cadence_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, cadence_id: int) -> Response:
    """Delete a cadence."""
    remove_cadence(uow, cadence_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
