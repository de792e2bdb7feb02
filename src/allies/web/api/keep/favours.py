"""``/api/v1/favours``: the favours ledger, and each favour by id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.services.keep.log import favour_balances, record_favour
from allies.services.keep.records import edit_favour, get_favour, list_favours, remove_favour
from allies.services.network.records import people_names, require_people
from allies.services.paging import paginate
from allies.services.vocabulary import FavourDirection
from allies.web.api.common import Paging, ref
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.keep.records import BalanceOut, FavourCreate, FavourOut, FavourUpdate

router = APIRouter(prefix="/favours", tags=["favours"])


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


@router.get("/{favour_id}", response_model=FavourOut)
def get(uow: UoW, favour_id: int) -> FavourOut:
    """One favour."""
    return FavourOut.of(get_favour(uow, favour_id), people_names(uow))


@router.post("", response_model=FavourOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: FavourCreate) -> FavourOut:
    """Record a favour given or received."""
    require_people(uow, {"person_id": body.person_id})
    favour = record_favour(
        uow,
        ref(body.person_id),
        body.direction.value,
        body.description,
        size=body.size.value,
        on=body.occurred_on or "today",
    )
    return FavourOut.of(favour, people_names(uow))


@router.patch("/{favour_id}", response_model=FavourOut)
def update(uow: UoW, favour_id: int, body: FavourUpdate) -> FavourOut:
    """Change a favour."""
    get_favour(uow, favour_id)
    require_people(uow, {"person_id": body.person_id})
    favour = edit_favour(
        uow,
        favour_id,
        person=ref(body.person_id) if body.person_id is not None else None,
        direction=body.direction.value if body.direction else None,
        description=body.description,
        size=body.size.value if body.size else None,
        on=body.occurred_on,
    )
    return FavourOut.of(favour, people_names(uow))


@router.delete("/{favour_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, favour_id: int) -> Response:
    """Delete a favour."""
    remove_favour(uow, favour_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
