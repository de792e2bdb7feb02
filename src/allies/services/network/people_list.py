"""Listing people: the filtered, sorted people list and its pages, suggestions and the count.

The store reads one page of people with their last contact in one query
(:mod:`allies.domain.listing` says what a listing may filter and sort by); here that is
turned into rows for the faces. :mod:`allies.services.network.people` re-exports all of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import get_args

from allies.domain import Level, parse_enum
from allies.domain.listing import Listed, ListingFilter, ListingSort
from allies.errors import InvalidInput
from allies.services.paging import DEFAULT_LIMIT, Page, check_window
from allies.services.ports import UnitOfWork

__all__ = [
    "SORT_KEYS",
    "PersonRow",
    "SortKey",
    "count_people",
    "list_people",
    "people_page",
    "suggest_people",
]

SortKey = ListingSort
SORT_KEYS: tuple[str, ...] = get_args(ListingSort)


@dataclass(frozen=True)
class PersonRow:
    """One line of the people list."""

    id: int
    name: str
    title: str
    organisation: str
    unit: str
    level: str
    tier: str
    tags: list[str]
    emails: list[str]
    last_contact: date | None
    is_me: bool


def _row(listed: Listed) -> PersonRow:
    p = listed.person
    return PersonRow(
        id=p.id or 0,
        name=p.name,
        title=p.title,
        organisation=listed.organisation,
        unit=listed.unit,
        level=p.level.value if p.level else "",
        tier=p.tier.value if p.tier else "",
        tags=list(p.tags),
        emails=list(p.emails),
        last_contact=listed.last_contact,
        is_me=p.is_me,
    )


def _listing(
    search: str | None,
    tag: str | None,
    unit: str | None,
    level: str | None,
    organisation: str | None,
    contacted_since: date | None,
    not_contacted_since: date | None,
    never_contacted: bool,
    sort: str,
) -> ListingFilter:
    if sort not in SORT_KEYS:
        raise InvalidInput(
            f"Cannot sort by {sort!r}.",
            field="sort",
            hint="Sort by name, last-contact, level, unit or id.",
        )
    return ListingFilter(
        search=search.strip() if search and search.strip() else None,
        tag=tag.strip() if tag and tag.strip() else None,
        unit=unit or None,
        organisation=organisation or None,
        level=parse_enum(Level, level, "level").value if level else None,
        contacted_since=contacted_since,
        not_contacted_since=not_contacted_since,
        never_contacted=never_contacted,
    )


def list_people(
    uow: UnitOfWork,
    *,
    search: str | None = None,
    tag: str | None = None,
    unit: str | None = None,
    level: str | None = None,
    organisation: str | None = None,
    contacted_since: date | None = None,
    not_contacted_since: date | None = None,
    never_contacted: bool = False,
    sort: SortKey = "name",
) -> list[PersonRow]:
    """The people of the workspace as rows, filtered and sorted (every row; the web pages
    ask for one page at a time with :func:`people_page`).

    ``search`` looks in names, titles, e-mails, organisations and units; ``sort=
    "last-contact"`` puts the most recently contacted first and never-contacted people
    last.

    Raises
    ------
    allies.errors.InvalidInput
        When ``level`` or ``sort`` is not one of theirs.
    """
    return people_page(
        uow,
        search=search,
        tag=tag,
        unit=unit,
        level=level,
        organisation=organisation,
        contacted_since=contacted_since,
        not_contacted_since=not_contacted_since,
        never_contacted=never_contacted,
        sort=sort,
        limit=None,
    ).items


def people_page(
    uow: UnitOfWork,
    *,
    search: str | None = None,
    tag: str | None = None,
    unit: str | None = None,
    level: str | None = None,
    organisation: str | None = None,
    contacted_since: date | None = None,
    not_contacted_since: date | None = None,
    never_contacted: bool = False,
    sort: SortKey = "name",
    offset: int = 0,
    limit: int | None = DEFAULT_LIMIT,
) -> Page[PersonRow]:
    """One page of the people list (see :func:`list_people` for the filters), with the
    number of people the whole filtered list holds; ``limit=None`` gives every row.

    The database filters, sorts and cuts the page, so a page costs the same in a
    workspace of ten or ten thousand people.

    Raises
    ------
    allies.errors.InvalidInput
        When a filter, ``offset`` or ``limit`` is out of range.
    """
    listing = _listing(
        search,
        tag,
        unit,
        level,
        organisation,
        contacted_since,
        not_contacted_since,
        never_contacted,
        sort,
    )
    if limit is not None:
        check_window(offset, limit)
    with uow:
        rows, total = uow.people.listing(listing, sort, offset=offset, limit=limit)
    return Page([_row(r) for r in rows], total, offset, limit or max(total, 1))


def suggest_people(uow: UnitOfWork, text: str, *, limit: int = 20) -> list[str]:
    """Up to ``limit`` people whose name holds ``text``, as ``Name (#id)`` (the form every
    person field accepts), names that start with it first."""
    with uow:
        return [f"{name} (#{pid})" for pid, name in uow.people.suggest(text, limit)]


def count_people(uow: UnitOfWork) -> int:
    """How many people the workspace holds.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace's unit of work.
    """
    with uow:
        return uow.people.count()
