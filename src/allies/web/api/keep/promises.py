"""``/api/v1/promises``: promises made and received, and settling them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from allies.services.keep.log import make_promise_by_id, settle_promise_named
from allies.services.keep.records import edit_promise, list_promise_records
from allies.services.network.records import people_names
from allies.services.paging import paginate
from allies.services.vocabulary import PromiseStatus, kind_named
from allies.web.api.common import Paging
from allies.web.api.plain import add_record_routes, record_router
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.keep.records import PromiseCreate, PromiseOut, PromiseSettle, PromiseUpdate

PROMISE = kind_named("promise")
router = record_router(PROMISE)


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


@router.post("", response_model=PromiseOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: PromiseCreate) -> PromiseOut:
    """Record a promise; a side left out is me."""
    made = make_promise_by_id(
        uow,
        body.description,
        promiser_id=body.promiser_id,
        promisee_id=body.promisee_id,
        due=body.due_on,
        made_on=body.made_on,
    )
    return PromiseOut.of(made.record, made.names)


@router.patch("/{promise_id}", response_model=PromiseOut)
def update(uow: UoW, promise_id: int, body: PromiseUpdate) -> PromiseOut:
    """Change what a promise says; ``due_on: null`` clears the due date."""
    changes = body.model_dump(exclude_unset=True)
    edited = edit_promise(
        uow,
        promise_id,
        description=body.description,
        promiser_id=body.promiser_id,
        promisee_id=body.promisee_id,
        made_on=body.made_on,
        due=body.due_on,
        clear_due="due_on" in changes and body.due_on is None,
        note=body.note,
    )
    return PromiseOut.of(edited.record, edited.names)


@router.post("/{promise_id}/settle", response_model=PromiseOut)
def settle(uow: UoW, promise_id: int, body: PromiseSettle) -> PromiseOut:
    """Close an open promise: done, kept, late, broken or release (409 if not open)."""
    settled = settle_promise_named(uow, promise_id, body.outcome, on=body.on)
    return PromiseOut.of(settled.record, settled.names)


add_record_routes(router, PROMISE, PromiseOut)
