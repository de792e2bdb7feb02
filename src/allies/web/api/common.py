"""What every API router shares: paging parameters and person references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

from allies.services.paging import DEFAULT_LIMIT, MAX_LIMIT


@dataclass(frozen=True)
class PageParams:
    """Which page of a list is wanted."""

    offset: int
    limit: int


async def page_params(
    offset: Annotated[int, Query(ge=0, description="How many rows to skip.")] = 0,
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
