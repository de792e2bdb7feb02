"""What every API router shares: paging parameters and person references."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from pydantic import AfterValidator

from allies.services.dates import DAY_RANGE, FIRST_DAY, LAST_DAY
from allies.services.paging import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET


def _in_calendar(day: date) -> date:
    """Refuse a day outside the range every analysis can count from."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"the day must be {DAY_RANGE}")
    return day


#: A day a query may name: from ``FIRST_DAY`` to ``LAST_DAY`` (1900-01-01 to 2199-12-31).
Day = Annotated[date, AfterValidator(_in_calendar)]
#: How the range of :data:`Day` is stated in the API's description of a parameter.
DAY_NOTE = f" A date {DAY_RANGE}."


@dataclass(frozen=True)
class PageParams:
    """Which page of a list is wanted."""

    offset: int
    limit: int


async def page_params(
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many rows to skip.")] = 0,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="How many rows at most.")
    ] = DEFAULT_LIMIT,
) -> PageParams:
    """Read ``offset`` and ``limit`` from the query string."""
    return PageParams(offset, limit)


Paging = Annotated[PageParams, Depends(page_params)]


def ref(person_id: int) -> str:
    """A person reference the services understand, from an id."""
    return f"#{person_id}"
