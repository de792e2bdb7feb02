"""``/api/v1/ties``: list, get, create, update and delete ties between people."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.services.network.records import (
    edit_tie,
    get_tie,
    list_tie_records,
    people_names,
    require_people,
)
from allies.services.network.structure import add_tie, remove_tie
from allies.services.paging import paginate
from allies.services.vocabulary import TieKind
from allies.web.api.common import Paging, ref
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.structure import TieCreate, TieOut, TieUpdate

router = APIRouter(prefix="/ties", tags=["ties"])


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


@router.get("/{tie_id}", response_model=TieOut)
def get(uow: UoW, tie_id: int) -> TieOut:
    """One tie."""
    tie = get_tie(uow, tie_id)
    return TieOut.of(tie, people_names(uow))


@router.post("", response_model=TieOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: TieCreate) -> TieOut:
    """Record that ``source_id`` *kind* ``target_id``."""
    require_people(uow, {"source_id": body.source_id, "target_id": body.target_id})
    tie = add_tie(
        uow,
        ref(body.source_id),
        body.kind.value,
        ref(body.target_id),
        weight=body.weight,
        confidence=body.confidence,
        origin=body.origin.value,
        valid_from=body.valid_from,
        valid_to=body.valid_to,
        note=body.note,
    )
    return TieOut.of(tie, people_names(uow))


@router.patch("/{tie_id}", response_model=TieOut)
def update(uow: UoW, tie_id: int, body: TieUpdate) -> TieOut:
    """Change a tie; ``null`` for a validity date clears it."""
    get_tie(uow, tie_id)
    changes = body.model_dump(exclude_unset=True)
    require_people(uow, {k: changes.get(k) for k in ("source_id", "target_id")})
    tie = edit_tie(
        uow,
        tie_id,
        source=ref(changes["source_id"]) if changes.get("source_id") is not None else None,
        target=ref(changes["target_id"]) if changes.get("target_id") is not None else None,
        kind=body.kind.value if body.kind else None,
        weight=body.weight,
        confidence=body.confidence,
        origin=body.origin.value if body.origin else None,
        valid_from=(changes["valid_from"] or "") if "valid_from" in changes else None,
        valid_to=(changes["valid_to"] or "") if "valid_to" in changes else None,
        note=body.note,
    )
    return TieOut.of(tie, people_names(uow))


@router.delete("/{tie_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, tie_id: int) -> Response:
    """Delete a tie."""
    remove_tie(uow, tie_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
