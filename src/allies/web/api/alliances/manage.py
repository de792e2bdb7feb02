"""``/api/v1/alliances``: alliances and their partners, goals, agreement, duties,
milestones, conflicts, status and health.

The same services as ``allies alliance`` and the alliance pages. Every change answers
with the whole alliance as it now stands (its health included), so a client sees the ids
of what it added. People and organisations are named by id.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.services.alliances import manage as service
from allies.services.alliances.records import (
    delete_alliance,
    edit_alliance,
    get_alliance,
    require_organisations,
)
from allies.services.network.records import require_people
from allies.web.api.common import DAY_NOTE, Day, ref
from allies.web.deps import UoW
from allies.web.schemas.alliances import (
    AgreementIn,
    AllianceConflictIn,
    AllianceCreate,
    AllianceGoalIn,
    AllianceHealthOut,
    AllianceOut,
    AlliancePartnerIn,
    AllianceRowOut,
    AllianceStatusIn,
    AllianceUpdate,
    ConflictNoteIn,
    MilestoneIn,
    OnDayIn,
    ResponsibilityIn,
    health_out,
)
from allies.web.schemas.common import ERRORS

router = APIRouter(prefix="/api/v1/alliances", tags=["alliances"], responses=ERRORS)

AsOf = Annotated[
    Day | None, Query(description="Health as on this day (default: today)." + DAY_NOTE)
]
CREATED = status.HTTP_201_CREATED


def _key(alliance_id: int) -> str:
    return f"#{alliance_id}"


def _out(uow: UoW, alliance_id: int, as_of: date | None = None) -> AllianceOut:
    return AllianceOut.of(service.show_alliance(uow, _key(alliance_id), today=as_of))


@router.get("", response_model=list[AllianceRowOut])
def list_(uow: UoW, as_of: AsOf = None) -> list[AllianceRowOut]:
    """Every alliance with its status and health, active ones first."""
    return [AllianceRowOut.model_validate(r) for r in service.list_alliances(uow, today=as_of)]


@router.post("", response_model=AllianceOut, status_code=CREATED)
def create(uow: UoW, body: AllianceCreate) -> AllianceOut:
    """Start an alliance (forming); a second one with the same name is refused (409)."""
    require_people(uow, {"person_ids": body.person_ids})
    require_organisations(uow, {"organisation_ids": body.organisation_ids})
    alliance = service.create_alliance(
        uow,
        body.name,
        purpose=body.purpose,
        people=[ref(p) for p in body.person_ids],
        organisations=[_key(o) for o in body.organisation_ids],
        goals=body.goals,
        ideal_days=body.checkin_ideal_days,
        max_days=body.checkin_max_days,
        started_on=body.started_on,
    )
    return _out(uow, alliance.id or 0)


@router.get("/{alliance_id}", response_model=AllianceOut)
def get(uow: UoW, alliance_id: int, as_of: AsOf = None) -> AllianceOut:
    """One alliance: partners, goals, agreement, duties, milestones, conflicts, health."""
    return _out(uow, alliance_id, as_of)


@router.patch("/{alliance_id}", response_model=AllianceOut)
def update(uow: UoW, alliance_id: int, body: AllianceUpdate) -> AllianceOut:
    """Rename an alliance, change its purpose, start day or check-in cadence; fields left
    out stay."""
    given = body.model_fields_set
    edit_alliance(
        uow,
        _key(alliance_id),
        name=body.name,
        purpose=body.purpose,
        started_on=body.started_on,
        clear_start="started_on" in given and body.started_on is None,
        ideal_days=body.checkin_ideal_days,
        max_days=body.checkin_max_days,
    )
    return _out(uow, alliance_id)


@router.delete("/{alliance_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, alliance_id: int) -> Response:
    """Delete an alliance with everything in it (its people and organisations stay)."""
    delete_alliance(uow, _key(alliance_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{alliance_id}/health", response_model=AllianceHealthOut)
def health(uow: UoW, alliance_id: int, as_of: AsOf = None) -> AllianceHealthOut:
    """The alliance's health, 0-100, each part with its weight and reason."""
    return health_out(service.show_alliance(uow, _key(alliance_id), today=as_of))


@router.post("/{alliance_id}/status", response_model=AllianceOut)
def move_status(uow: UoW, alliance_id: int, body: AllianceStatusIn) -> AllianceOut:
    """Move the alliance forming → active ⇄ dormant → ended (409 for another move)."""
    service.move_status(uow, _key(alliance_id), body.status, on=body.on)
    return _out(uow, alliance_id)


@router.post("/{alliance_id}/partners", response_model=AllianceOut, status_code=CREATED)
def add_partner(uow: UoW, alliance_id: int, body: AlliancePartnerIn) -> AllianceOut:
    """Add a partner: a person or an organisation, with what they bring."""
    get_alliance(uow, _key(alliance_id))
    require_people(uow, {"person_id": body.person_id})
    require_organisations(uow, {"organisation_id": body.organisation_id})
    service.add_partner(
        uow,
        _key(alliance_id),
        person=ref(body.person_id) if body.person_id is not None else None,
        organisation=_key(body.organisation_id) if body.organisation_id is not None else None,
        role=body.role,
    )
    return _out(uow, alliance_id)


@router.post("/{alliance_id}/goals", response_model=AllianceOut, status_code=CREATED)
def add_goal(uow: UoW, alliance_id: int, body: AllianceGoalIn) -> AllianceOut:
    """Add a common goal."""
    service.add_goal(uow, _key(alliance_id), body.goal)
    return _out(uow, alliance_id)


@router.put("/{alliance_id}/agreement", response_model=AllianceOut)
def set_agreement(uow: UoW, alliance_id: int, body: AgreementIn) -> AllianceOut:
    """Write the agreement's four parts: what is agreed, where it is written down, how it
    is checked up on and how it is divided up."""
    service.set_agreement(
        uow,
        _key(alliance_id),
        agreed=body.agreed,
        written=body.written,
        checked=body.checked,
        divided=body.divided,
    )
    return _out(uow, alliance_id)


@router.post("/{alliance_id}/responsibilities", response_model=AllianceOut, status_code=CREATED)
def add_responsibility(uow: UoW, alliance_id: int, body: ResponsibilityIn) -> AllianceOut:
    """Add a duty: who does what by when."""
    get_alliance(uow, _key(alliance_id))
    require_people(uow, {"person_id": body.person_id})
    service.add_duty(
        uow,
        _key(alliance_id),
        body.what,
        who=ref(body.person_id) if body.person_id is not None else None,
        due=body.due_on,
    )
    return _out(uow, alliance_id)


@router.post(
    "/{alliance_id}/responsibilities/{responsibility_id}/complete", response_model=AllianceOut
)
def complete_responsibility(
    uow: UoW, alliance_id: int, responsibility_id: int, body: OnDayIn | None = None
) -> AllianceOut:
    """Mark a duty done (today unless ``on`` says otherwise)."""
    on = body.on if body else None
    service.duty_done(uow, _key(alliance_id), responsibility_id, on=on)
    return _out(uow, alliance_id)


@router.post("/{alliance_id}/milestones", response_model=AllianceOut, status_code=CREATED)
def add_milestone(uow: UoW, alliance_id: int, body: MilestoneIn) -> AllianceOut:
    """Add a milestone with the day it is expected."""
    service.add_milestone(uow, _key(alliance_id), body.title, due=body.due_on)
    return _out(uow, alliance_id)


@router.post("/{alliance_id}/milestones/{milestone_id}/reached", response_model=AllianceOut)
def milestone_reached(
    uow: UoW, alliance_id: int, milestone_id: int, body: OnDayIn | None = None
) -> AllianceOut:
    """Mark a milestone reached; it then waits on the agenda to be celebrated."""
    on = body.on if body else None
    service.mark_milestone(uow, _key(alliance_id), milestone_id, "reached", on=on)
    return _out(uow, alliance_id)


@router.post("/{alliance_id}/milestones/{milestone_id}/celebrated", response_model=AllianceOut)
def milestone_celebrated(
    uow: UoW, alliance_id: int, milestone_id: int, body: OnDayIn | None = None
) -> AllianceOut:
    """Mark a milestone celebrated (which also reaches it)."""
    on = body.on if body else None
    service.mark_milestone(uow, _key(alliance_id), milestone_id, "celebrated", on=on)
    return _out(uow, alliance_id)


@router.post("/{alliance_id}/conflicts", response_model=AllianceOut, status_code=CREATED)
def open_conflict(uow: UoW, alliance_id: int, body: AllianceConflictIn) -> AllianceOut:
    """Record a conflict between partners, open until discussed and resolved."""
    service.open_conflict(uow, _key(alliance_id), body.title, notes=body.notes, on=body.opened_on)
    return _out(uow, alliance_id)


@router.post("/{alliance_id}/conflicts/{conflict_id}/discussed", response_model=AllianceOut)
def conflict_discussed(
    uow: UoW, alliance_id: int, conflict_id: int, body: ConflictNoteIn | None = None
) -> AllianceOut:
    """Mark a conflict discussed, adding a dated note (409 once resolved)."""
    note = body or ConflictNoteIn()
    service.move_conflict(
        uow, _key(alliance_id), conflict_id, "discussed", note=note.note, on=note.on
    )
    return _out(uow, alliance_id)


@router.post("/{alliance_id}/conflicts/{conflict_id}/resolved", response_model=AllianceOut)
def conflict_resolved(
    uow: UoW, alliance_id: int, conflict_id: int, body: ConflictNoteIn | None = None
) -> AllianceOut:
    """Mark a conflict resolved, adding a dated note (409 once resolved)."""
    note = body or ConflictNoteIn()
    service.move_conflict(
        uow, _key(alliance_id), conflict_id, "resolved", note=note.note, on=note.on
    )
    return _out(uow, alliance_id)
