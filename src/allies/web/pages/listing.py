"""Searching a record list and cutting it into pages, as the People list does.

Every record page (interactions, ties, observations, favours, promises ...) takes
``q`` (words that must all appear in a row, capitals and accents ignored) and ``page``
(fifty rows to a page) in its query string; the other filters are kept in the links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar
from urllib.parse import urlencode

from allies.services.network.lookup import fold
from allies.services.paging import paginate

#: How many rows one page of a record list shows.
PAGE_SIZE = 50
#: The highest page number a list accepts.
LAST_PAGE = 100_000


class Listable(Protocol):
    """What a row offers to the search: its title, lines and people."""

    title: str
    lines: list[str]
    people: list[tuple[int, str]]


R = TypeVar("R", bound="Listable")


@dataclass(frozen=True)
class Listing(Generic[R]):
    """One page of a searched list, with what the page needs to link on."""

    rows: list[R]
    total: int
    matched: int
    first: int
    page: int
    pages: int
    query: str
    previous_url: str | None
    next_url: str | None
    keep: dict[str, str]


def _text(row: Listable) -> str:
    return fold(" ".join([row.title, *row.lines, *(name for _, name in row.people)]))


def _page_number(raw: str) -> int:
    return min(max(int(raw), 1), LAST_PAGE) if raw.isdigit() else 1


def page_of(rows: Sequence[R], query: Mapping[str, str], path: str) -> Listing[R]:
    """The page of ``rows`` the query string asks for, after its search ``q``."""
    q = " ".join(query.get("q", "").split())[:200]
    words = fold(q).split()
    matched = [r for r in rows if all(w in _text(r) for w in words)] if words else list(rows)
    pages = max(1, -(-len(matched) // PAGE_SIZE))
    page = min(_page_number(query.get("page", "")), pages)
    cut = paginate(matched, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    keep = {k: v for k, v in query.items() if k not in ("page", "saved", "who") and v}

    def url(number: int) -> str:
        params = {**keep, "page": str(number)} if number > 1 else keep
        return path + ("?" + urlencode(params) if params else "")

    return Listing(
        rows=cut.items,
        total=len(rows),
        matched=len(matched),
        first=cut.offset + 1,
        page=page,
        pages=pages,
        query=q,
        previous_url=url(page - 1) if page > 1 else None,
        next_url=url(page + 1) if page < pages else None,
        keep={k: v for k, v in keep.items() if k != "q"},
    )
