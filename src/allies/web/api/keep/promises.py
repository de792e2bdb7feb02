"""``/api/v1/promises``: promises made and received, and settling them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.services.keep.log import make_promise, settle_promise
from allies.services.keep.records import (
    edit_promise,
    get_promise,
    list_promise_records,
    remove_promise,
)
from allies.services.network.records import people_names, require_people
from allies.services.paging import paginate
from allies.services.vocabulary import PromiseStatus
from allies.web.api.common import Paging, ref
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.keep.records import PromiseCreate, PromiseOut, PromiseSettle, PromiseUpdate

router = APIRouter(prefix="/promises", tags=["promises"])


@router.get("", response_model=PageOut[PromiseOut])
def list_(
    uow: UoW,
    paging: Paging,
    status_: Annotated[PromiseStatus | None, Query(alias="status")] = None,
    person_id: Annotated[int | None, Query(description="Promises this person made or got.")] = None,
) -> PageOut[PromiseOut]:
    """Promises, soonest due first."""
    found = list_promise_records(
        uow, status=status_.value if status_ else None, person_id=person_id
    )
    names = people_names(uow)
    page = paginate(found, offset=paging.offset, limit=paging.limit)
    return PageOut[PromiseOut].of(page, lambda c: PromiseOut.of(c, names))


@router.get("/{promise_id}", response_model=PromiseOut)
def get(uow: UoW, promise_id: int) -> PromiseOut:
    """One promise."""
    return PromiseOut.of(get_promise(uow, promise_id), people_names(uow))


@router.post("", response_model=PromiseOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: PromiseCreate) -> PromiseOut:
    """Record a promise; a side left out is me."""
    require_people(uow, {"promiser_id": body.promiser_id, "promisee_id": body.promisee_id})
    promise = make_promise(
        uow,
        body.description,
        to=ref(body.promisee_id) if body.promisee_id is not None else "me",
        by=ref(body.promiser_id) if body.promiser_id is not None else "me",
        due=body.due_on,
        made_on=body.made_on or "today",
    )
    return PromiseOut.of(promise, people_names(uow))


@router.patch("/{promise_id}", response_model=PromiseOut)
def update(uow: UoW, promise_id: int, body: PromiseUpdate) -> PromiseOut:
    """Change what a promise says; ``due_on: null`` clears the due date."""
    get_promise(uow, promise_id)
    changes = body.model_dump(exclude_unset=True)
    require_people(uow, {"promiser_id": body.promiser_id, "promisee_id": body.promisee_id})
    promise = edit_promise(
        uow,
        promise_id,
        description=body.description,
        promiser=ref(body.promiser_id) if body.promiser_id is not None else None,
        promisee=ref(body.promisee_id) if body.promisee_id is not None else None,
        made_on=body.made_on,
        due=(changes["due_on"] or "") if "due_on" in changes else None,
        note=body.note,
    )
    return PromiseOut.of(promise, people_names(uow))


@router.post("/{promise_id}/settle", response_model=PromiseOut)
def settle(uow: UoW, promise_id: int, body: PromiseSettle) -> PromiseOut:
    """Close an open promise: done, kept, late, broken or release (409 if not open)."""
    promise = settle_promise(uow, promise_id, body.outcome, on=body.on or "today")
    return PromiseOut.of(promise, people_names(uow))


@router.delete("/{promise_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, promise_id: int) -> Response:
    """Delete a promise."""
    remove_promise(uow, promise_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
