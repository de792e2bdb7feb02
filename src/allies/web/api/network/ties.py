"""``/api/v1/ties``: list, get, create, update and delete ties between people."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from allies.services.network.records import edit_tie, list_tie_records, people_names
from allies.services.network.structure import add_tie_by_id
from allies.services.paging import paginate
from allies.services.vocabulary import TieKind, kind_named
from allies.web.api.common import Paging
from allies.web.api.plain import add_record_routes, record_router
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.structure import TieCreate, TieOut, TieUpdate

TIE = kind_named("tie")
router = record_router(TIE)


@router.get("", response_model=PageOut[TieOut])
def list_(
    uow: UoW,
    paging: Paging,
    person_id: Annotated[int | None, Query(description="Ties from or to this person.")] = None,
    kind: TieKind | None = None,
) -> PageOut[TieOut]:
    """Ties, oldest first; optionally of one person or one kind."""
    ties = list_tie_records(uow, person_id=person_id, kind=kind.value if kind else None)
    names = people_names(uow)
    page = paginate(ties, offset=paging.offset, limit=paging.limit)
    return PageOut[TieOut].of(page, lambda t: TieOut.of(t, names))


@router.post("", response_model=TieOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: TieCreate) -> TieOut:
    """Record that ``source_id`` *kind* ``target_id``."""
    added = add_tie_by_id(
        uow,
        body.source_id,
        body.kind.value,
        body.target_id,
        weight=body.weight,
        confidence=body.confidence,
        origin=body.origin.value,
        valid_from=body.valid_from,
        valid_to=body.valid_to,
        note=body.note,
    )
    return TieOut.of(added.record, added.names)


@router.patch("/{tie_id}", response_model=TieOut)
def update(uow: UoW, tie_id: int, body: TieUpdate) -> TieOut:
    """Change a tie; ``null`` for a validity date clears it."""
    changes = body.model_dump(exclude_unset=True)
    edited = edit_tie(
        uow,
        tie_id,
        source_id=changes.get("source_id"),
        target_id=changes.get("target_id"),
        kind=body.kind.value if body.kind else None,
        weight=body.weight,
        confidence=body.confidence,
        origin=body.origin.value if body.origin else None,
        valid_from=body.valid_from,
        valid_to=body.valid_to,
        clear_valid_from="valid_from" in changes and body.valid_from is None,
        clear_valid_to="valid_to" in changes and body.valid_to is None,
        note=body.note,
    )
    return TieOut.of(edited.record, edited.names)


add_record_routes(router, TIE, TieOut)
