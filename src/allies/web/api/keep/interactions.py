"""``/api/v1/interactions``: list, get, log, update and delete interactions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.errors import InvalidInput
from allies.services.keep.log import log_interaction
from allies.services.keep.records import (
    default_kind,
    edit_interaction,
    get_interaction,
    list_interactions,
    remove_interaction,
)
from allies.services.network.records import people_names, require_people
from allies.services.paging import paginate
from allies.services.vocabulary import InteractionKind
from allies.web.api.common import Paging, ref
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.keep.records import InteractionCreate, InteractionOut, InteractionUpdate

router = APIRouter(prefix="/interactions", tags=["interactions"])


def _initiator(initiated_by: str | None, initiator_id: int | None, people: list[int]) -> str | None:
    if initiator_id is not None:
        if initiator_id not in people:
            raise InvalidInput(
                "The initiator must be one of the participants.", field="initiator_id"
            )
        return ref(initiator_id)
    return initiated_by


@router.get("", response_model=PageOut[InteractionOut])
def list_(
    uow: UoW,
    paging: Paging,
    person_id: Annotated[int | None, Query(description="Interactions with this person.")] = None,
    kind: InteractionKind | None = None,
    since: date | None = None,
    until: date | None = None,
) -> PageOut[InteractionOut]:
    """Interactions, newest first."""
    found = list_interactions(
        uow, person_id=person_id, kind=kind.value if kind else None, since=since, until=until
    )
    names = people_names(uow)
    page = paginate(found, offset=paging.offset, limit=paging.limit)
    return PageOut[InteractionOut].of(page, lambda i: InteractionOut.of(i, names))


@router.get("/{interaction_id}", response_model=InteractionOut)
def get(uow: UoW, interaction_id: int) -> InteractionOut:
    """One interaction."""
    return InteractionOut.of(get_interaction(uow, interaction_id), people_names(uow))


@router.post("", response_model=InteractionOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: InteractionCreate) -> InteractionOut:
    """Log a touch-point with one or more people."""
    require_people(uow, {"participant_ids": body.participant_ids})
    meeting = log_interaction(
        uow,
        [ref(p) for p in body.participant_ids],
        kind=body.kind.value if body.kind else default_kind(len(body.participant_ids)),
        on=body.occurred_on or "today",
        tone=body.tone,
        summary=body.summary,
        notes=body.notes,
        initiated_by=_initiator(body.initiated_by, body.initiator_id, body.participant_ids),
    )
    return InteractionOut.of(meeting, people_names(uow))


@router.patch("/{interaction_id}", response_model=InteractionOut)
def update(uow: UoW, interaction_id: int, body: InteractionUpdate) -> InteractionOut:
    """Change an interaction; ``initiated_by: null`` forgets who reached out."""
    current = get_interaction(uow, interaction_id)
    changes = body.model_dump(exclude_unset=True)
    require_people(uow, {"participant_ids": body.participant_ids})
    people = body.participant_ids or current.participant_ids
    initiated: str | None = None
    if "initiator_id" in changes or "initiated_by" in changes:
        initiated = _initiator(body.initiated_by, body.initiator_id, people) or ""
    meeting = edit_interaction(
        uow,
        interaction_id,
        people=[ref(p) for p in body.participant_ids] if body.participant_ids else None,
        kind=body.kind.value if body.kind else None,
        on=body.occurred_on,
        tone=body.tone,
        summary=body.summary,
        notes=body.notes,
        initiated_by=initiated,
    )
    return InteractionOut.of(meeting, people_names(uow))


@router.delete("/{interaction_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, interaction_id: int) -> Response:
    """Delete an interaction."""
    remove_interaction(uow, interaction_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
