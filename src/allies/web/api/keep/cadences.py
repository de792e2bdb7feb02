"""``/api/v1/cadences``: how often to check in, per person, tag or tier."""

from __future__ import annotations

from fastapi import status

from allies.services.keep.log import set_cadence_by_id
from allies.services.keep.records import edit_cadence, list_cadence_records
from allies.services.network.records import people_names
from allies.services.paging import paginate
from allies.services.vocabulary import kind_named
from allies.web.api.common import Paging
from allies.web.api.plain import add_record_routes, record_router
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.keep.records import CadenceCreate, CadenceOut, CadenceUpdate

CADENCE = kind_named("cadence")
router = record_router(CADENCE)


@router.get("", response_model=PageOut[CadenceOut])
def list_(uow: UoW, paging: Paging) -> PageOut[CadenceOut]:
    """Every cadence: people first, then tags, then tiers."""
    names = people_names(uow)
    page = paginate(list_cadence_records(uow), offset=paging.offset, limit=paging.limit)
    return PageOut[CadenceOut].of(page, lambda c: CadenceOut.of(c, names))


@router.post("", response_model=CadenceOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: CadenceCreate) -> CadenceOut:
    """Set a cadence on one person, tag or tier; an existing one is replaced."""
    cadence = set_cadence_by_id(
        uow,
        ideal_days=body.ideal_days,
        max_days=body.max_days,
        person_id=body.person_id,
        tag=body.tag,
        tier=body.tier.value if body.tier else None,
    )
    return CadenceOut.of(cadence.record, cadence.names)


@router.patch("/{cadence_id}", response_model=CadenceOut)
def update(uow: UoW, cadence_id: int, body: CadenceUpdate) -> CadenceOut:
    """Change a cadence's gaps or snooze it."""
    changes = body.model_dump(exclude_unset=True)
    edited = edit_cadence(
        uow,
        cadence_id,
        ideal_days=body.ideal_days,
        max_days=body.max_days,
        snoozed_until=body.snoozed_until,
        end_snooze="snoozed_until" in changes and body.snoozed_until is None,
    )
    return CadenceOut.of(edited.record, edited.names)


add_record_routes(router, CADENCE, CadenceOut)
