"""``/api/v1/favours``: the favours ledger, and each favour by id."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from allies.services.keep.ledger import favour_balances
from allies.services.keep.log import record_favour_by_id
from allies.services.keep.records import edit_favour, list_favours
from allies.services.network.records import people_names
from allies.services.paging import paginate
from allies.services.vocabulary import FavourDirection, kind_named
from allies.web.api.common import Paging
from allies.web.api.plain import add_record_routes, record_router
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.keep.records import BalanceOut, FavourCreate, FavourOut, FavourUpdate

FAVOUR = kind_named("favour")
router = record_router(FAVOUR)


@router.get("", response_model=PageOut[FavourOut])
def list_(
    uow: UoW,
    paging: Paging,
    person_id: Annotated[int | None, Query(description="Favours with this person.")] = None,
    direction: FavourDirection | None = None,
) -> PageOut[FavourOut]:
    """Favours, newest first."""
    found = list_favours(uow, person_id=person_id, direction=direction.value if direction else None)
    names = people_names(uow)
    page = paginate(found, offset=paging.offset, limit=paging.limit)
    return PageOut[FavourOut].of(page, lambda f: FavourOut.of(f, names))


@router.get("/balances", response_model=list[BalanceOut])
def balances(uow: UoW) -> list[BalanceOut]:
    """What I gave and received with each person, the most in my debt last."""
    return [BalanceOut.of(row) for row in favour_balances(uow)]


@router.post("", response_model=FavourOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: FavourCreate) -> FavourOut:
    """Record a favour given or received."""
    made = record_favour_by_id(
        uow,
        body.person_id,
        body.direction.value,
        body.description,
        size=body.size.value,
        on=body.occurred_on,
    )
    return FavourOut.of(made.record, made.names)


@router.patch("/{favour_id}", response_model=FavourOut)
def update(uow: UoW, favour_id: int, body: FavourUpdate) -> FavourOut:
    """Change a favour."""
    edited = edit_favour(
        uow,
        favour_id,
        person_id=body.person_id,
        direction=body.direction.value if body.direction else None,
        description=body.description,
        size=body.size.value if body.size else None,
        on=body.occurred_on,
    )
    return FavourOut.of(edited.record, edited.names)


add_record_routes(router, FAVOUR, FavourOut)
