"""The people list as one query: filtered, sorted and cut into a page by the database.

A workspace of ten thousand people is listed fifty at a time; only the page's rows become
domain objects, and the last contact of each comes from the ``(person_id, occurred_on)``
index of the participations. The last contact of everyone is aggregated only when the
filter or the order needs it. Names are searched and sorted by their folded form (no case,
no accents: "Etienne" finds Étienne), a column the store writes with every save.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    String,
    Subquery,
    Text,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)

from allies.domain import Person
from allies.domain.folding import fold
from allies.domain.listing import LEVEL_ORDER, Listed, ListingFilter, ListingSort
from allies.store import tables as t
from allies.store.repositories.base import ids_in


def last_contacts(
    connection: Connection,
    person_ids: Sequence[int] | Select[Any] | None,
    *,
    until: date | None = None,
) -> dict[int, date]:
    """The day of each person's latest interaction (on or before ``until``), from the
    participations' index; ``person_ids`` is a list or a query of ids."""
    p = t.interaction_participants.c
    query = select(p.person_id, func.max(p.occurred_on)).group_by(p.person_id)
    if person_ids is not None:
        if isinstance(person_ids, Select):
            query = query.where(p.person_id.in_(person_ids.scalar_subquery()))
        elif not person_ids:
            return {}
        else:
            query = query.where(ids_in(connection, p.person_id, list(person_ids)))
    if until is not None:
        query = query.where(p.occurred_on <= until)
    return {person_id: last for person_id, last in connection.execute(query).all()}


def _contacts(workspace: ColumnElement[bool]) -> Subquery:
    p = t.interaction_participants.c
    return (
        select(p.person_id, func.max(p.occurred_on).label("last"))
        .where(p.person_id.in_(select(t.people.c.id).where(workspace).scalar_subquery()))
        .group_by(p.person_id)
        .subquery("contacts")
    )


def _contains(column: Any, needle: str) -> ColumnElement[bool]:
    return func.lower(cast(column, Text)).contains(needle.casefold(), autoescape=True)


def _holds(column: Any, *words: str) -> ColumnElement[bool]:
    """The lower-cased ``column`` holds one of ``words``."""
    return or_(*(_contains(column, word) for word in dict.fromkeys(words)))


def _search(needle: str) -> list[ColumnElement[bool]]:
    """Every word typed is in the person's name or organisation's name (accents and case
    ignored, from their folded names) or in their title, e-mails or unit (case ignored,
    as typed or without accents).

    The organisations and units that match are found once, by a subquery each, rather
    than for every person; names are read from the folded name's index.
    """
    people = t.people.c
    where: list[ColumnElement[bool]] = []
    for word in needle.casefold().split():
        plain = fold(word)
        organisations = select(t.organisations.c.id).where(
            t.organisations.c.name_folded.contains(plain, autoescape=True)
        )
        units = select(t.units.c.id).where(_holds(t.units.c.name, word, plain))
        where.append(
            or_(
                people.name_folded.contains(plain, autoescape=True),
                people.organisation_id.in_(organisations.scalar_subquery()),
                _holds(people.title, word, plain),
                # stored lower-case: no lower() on every row
                *(
                    cast(people.emails, Text).contains(w, autoescape=True)
                    for w in dict.fromkeys((word, plain))
                ),
                people.unit_id.in_(units.scalar_subquery()),
            )
        )
    return where


def _conditions(
    f: ListingFilter, contacts: Subquery | None, organisations: FromClause, units: FromClause
) -> list[ColumnElement[bool]]:
    people = t.people.c
    where: list[ColumnElement[bool]] = []
    if f.search:
        where.extend(_search(f.search))
    if f.tag:
        # Tags are stored lower-case in a JSON list: a quoted element matches exactly.
        where.append(
            cast(people.tags, Text).contains(json.dumps(f.tag.casefold()), autoescape=True)
        )
    if f.unit:
        where.append(func.lower(units.c.name) == f.unit.casefold())
    if f.organisation:
        where.append(organisations.c.name_folded == fold(f.organisation.strip()))
    if f.level:
        where.append(people.level == f.level)
    if contacts is not None:
        last = contacts.c.last
        if f.contacted_since:
            where.append(last >= f.contacted_since)
        if f.not_contacted_since:
            where.append(or_(last.is_(None), last < f.not_contacted_since))
        if f.never_contacted:
            where.append(last.is_(None))
    return where


def _ordering(
    sort: ListingSort, contacts: Subquery | None, units: FromClause, *, searching: bool
) -> list[ColumnElement[Any]]:
    people = t.people.c
    # The whole list is read in this order from the folded name's index. A search keeps
    # few rows: one pass over the table and a sort of those is quicker than walking the
    # index through everyone (SQLite uses no index for an expression: the `|| ''`).
    name: ColumnElement[Any] = people.name_folded.concat("") if searching else people.name_folded
    if sort == "last-contact" and contacts is not None:
        return [contacts.c.last.is_(None), contacts.c.last.desc(), name, people.id]
    if sort == "level":
        rank = case(  # no level last
            {level: n for n, level in enumerate(LEVEL_ORDER)},
            value=people.level,
            else_=len(LEVEL_ORDER),
        )
        return [rank, name, people.id]
    if sort == "unit":
        return [units.c.name.is_(None), func.lower(units.c.name), name, people.id]
    if sort == "id":
        return [people.id]
    return [name, people.id]


def list_people_page(
    connection: Connection,
    workspace: ColumnElement[bool],
    load: Callable[[Any], Person],
    listing: ListingFilter,
    sort: ListingSort,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[Listed], int]:
    """The rows of one page of the people list and how many rows the whole list holds.

    ``workspace`` is the condition that keeps to one workspace's people; ``load`` turns a
    row of ``people`` into a :class:`Person`; ``limit=None`` gives every row.
    """
    organisations = t.organisations.alias("organisation")
    units = t.units.alias("unit")
    contacts = _contacts(workspace) if listing.needs_contacts or sort == "last-contact" else None
    joined = t.people.outerjoin(
        organisations, organisations.c.id == t.people.c.organisation_id
    ).outerjoin(units, units.c.id == t.people.c.unit_id)
    if contacts is not None:
        joined = joined.outerjoin(contacts, contacts.c.person_id == t.people.c.id)
    conditions = [workspace, *_conditions(listing, contacts, organisations, units)]
    total = int(connection.scalar(select(func.count()).select_from(joined).where(*conditions)) or 0)
    last_column = contacts.c.last if contacts is not None else literal(None, type_=String)
    query = (
        select(
            t.people,
            func.coalesce(organisations.c.name, "").label("_organisation"),
            func.coalesce(units.c.name, "").label("_unit"),
            last_column.label("_last"),
        )
        .select_from(joined)
        .where(*conditions)
        .order_by(*_ordering(sort, contacts, units, searching=bool(listing.search)))
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = connection.execute(query).mappings().all()
    if contacts is None:
        everyone = limit is None or len(rows) > limit
        ids = select(t.people.c.id).where(workspace) if everyone else [r["id"] for r in rows]
        lasts = last_contacts(connection, ids)
    else:
        lasts = {row["id"]: row["_last"] for row in rows if row["_last"] is not None}
    listed = [
        Listed(load(row), row["_organisation"], row["_unit"], lasts.get(row["id"])) for row in rows
    ]
    return listed, total
