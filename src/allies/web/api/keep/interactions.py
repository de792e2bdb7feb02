"""``/api/v1/interactions``: list, get, log, update and delete interactions."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from allies.services.keep.log import log_interaction_by_id
from allies.services.keep.records import default_kind, edit_interaction, list_interactions
from allies.services.network.records import people_names
from allies.services.paging import paginate
from allies.services.vocabulary import InteractionKind, kind_named
from allies.web.api.common import DAY_NOTE, Day, Paging
from allies.web.api.plain import add_record_routes, record_router
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.keep.records import InteractionCreate, InteractionOut, InteractionUpdate

INTERACTION = kind_named("interaction")
router = record_router(INTERACTION)


@router.get("", response_model=PageOut[InteractionOut])
def list_(
    uow: UoW,
    paging: Paging,
    person_id: Annotated[int | None, Query(description="Interactions with this person.")] = None,
    kind: InteractionKind | None = None,
    since: Annotated[Day | None, Query(description="From this day." + DAY_NOTE)] = None,
    until: Annotated[Day | None, Query(description="Up to this day." + DAY_NOTE)] = None,
) -> PageOut[InteractionOut]:
    """Interactions, newest first."""
    found = list_interactions(
        uow, person_id=person_id, kind=kind.value if kind else None, since=since, until=until
    )
    names = people_names(uow)
    page = paginate(found, offset=paging.offset, limit=paging.limit)
    return PageOut[InteractionOut].of(page, lambda i: InteractionOut.of(i, names))


@router.post("", response_model=InteractionOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: InteractionCreate) -> InteractionOut:
    """Log a touch-point with one or more people."""
    logged = log_interaction_by_id(
        uow,
        body.participant_ids,
        kind=body.kind.value if body.kind else default_kind(len(body.participant_ids)),
        on=body.occurred_on,
        tone=body.tone,
        summary=body.summary,
        notes=body.notes,
        initiated_by=body.initiated_by,
        initiator_id=body.initiator_id,
    )
    return InteractionOut.of(logged.record, logged.names)


@router.patch("/{interaction_id}", response_model=InteractionOut)
def update(uow: UoW, interaction_id: int, body: InteractionUpdate) -> InteractionOut:
    """Change an interaction; ``initiated_by: null`` forgets who reached out."""
    changes = body.model_dump(exclude_unset=True)
    initiated: str | None = None
    if body.initiator_id is None and ("initiator_id" in changes or "initiated_by" in changes):
        initiated = body.initiated_by or ""
    edited = edit_interaction(
        uow,
        interaction_id,
        participant_ids=body.participant_ids or None,
        kind=body.kind.value if body.kind else None,
        on=body.occurred_on,
        tone=body.tone,
        summary=body.summary,
        notes=body.notes,
        initiated_by=initiated,
        initiator_id=body.initiator_id,
    )
    return InteractionOut.of(edited.record, edited.names)


add_record_routes(router, INTERACTION, InteractionOut)
