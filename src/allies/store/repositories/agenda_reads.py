"""The reads of the daily agenda: one query each, plain values or lean records.

The agenda of a workspace of ten thousand people looks at a few hundred of them and at
their interactions, favours and promises as days and numbers (see
:func:`allies.services.agenda.snapshot.load_agenda_snapshot`). These functions answer its
questions with column queries and build no more than the records it shows; the
repositories of :mod:`allies.store.repositories.special` offer them as methods.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    Text,
    and_,
    any_,
    bindparam,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
)

from allies.domain import DayValues, Favour, PeopleFilter, Person, Promise, Reached
from allies.store import tables as t
from allies.store.repositories.base import ids_in, storable_id

__all__ = [
    "agenda_promises",
    "contact_days",
    "favour_days",
    "owed_favours",
    "people_matching",
    "reach",
]

#: How many ids one query's list holds at most (SQLite's limit on parameters).
_CHUNK = 500


def _ids(values: Sequence[int]) -> list[int]:
    return sorted({i for i in values if storable_id(i)})


def people_matching(connection: Connection, wanted: PeopleFilter) -> ColumnElement[bool] | None:
    """The condition on ``people`` of a filter (a tag is matched as a whole word, in any
    case); ``None`` when the filter matches nobody."""
    c = t.people.c
    either: list[ColumnElement[bool]] = []
    if tiers := sorted(set(wanted.tiers)):
        either.append(c.tier.in_(tiers))
    for tag in sorted(set(wanted.tags)):
        either.append(cast(c.tags, Text).contains(json.dumps(tag.casefold()), autoescape=True))
    if ids := _ids(wanted.ids):
        either.append(ids_in(connection, c.id, ids))
    if organisations := _ids(wanted.organisation_ids):
        either.append(ids_in(connection, c.organisation_id, organisations))
    return or_(*either) if either else None


def _outline_columns(me: int | None = None) -> tuple[Any, ...]:
    """The columns of an outline; ``is_me`` says whether it is person ``me`` when given
    (the member viewing: :mod:`allies.store.repositories.perspective`)."""
    c = t.people.c
    return (
        c.id,
        c.name,
        c.organisation_id,
        c.unit_id,
        c.tags,
        c.interests,
        c["values"],
        c.level,
        c.tier,
        c.is_me if me is None else (c.id == me).label("is_me"),
    )


def _outline(row: Sequence[Any]) -> Person:
    """The person of a row of :func:`_outline_columns`."""
    pid, name, organisation, unit, tags, interests, values, level, tier, is_me = row[:10]
    return Person.trusted(
        name,
        organisation_id=organisation,
        unit_id=unit,
        tags=list(tags or ()),
        interests=interests,
        values=values,
        level=level,
        tier=tier,
        is_me=bool(is_me),
        id=pid,
    )


def reach(
    connection: Connection,
    workspace_id: int,
    watched: PeopleFilter,
    others: PeopleFilter,
    *,
    until: date,
    cutoff: date | None,
    me: int | None = None,
) -> list[Reached]:
    """Me, everyone ``others`` matches, and those ``watched`` matches whose last contact
    is on or before ``cutoff`` or who have none (none of them when ``cutoff`` is
    ``None``), oldest id first, as outlines with whether ``watched`` matched them and
    their last contact on or before ``until``. An outline is a :class:`Person` with the
    name, tier, level, organisation, unit, tags, interests and values only (no contact
    details, notes or other free text): what the routine reads of people. ``me`` is the
    person who is me (the member viewing); by default the one marked so.

    One query: the people either filter matches are found with one scan; the watched
    that neither filter keeps otherwise are kept when no contact falls after ``cutoff``
    (one index seek each), and the last contact is looked up (one seek each) only for
    those that come back.
    """
    c = t.people.c
    p = t.interaction_participants.c
    watch = people_matching(connection, watched)
    other = people_matching(connection, others)
    either = people_matching(
        connection,
        PeopleFilter(
            tiers=(*watched.tiers, *others.tiers),
            tags=(*watched.tags, *others.tags),
            ids=(*watched.ids, *others.ids),
            organisation_ids=(*watched.organisation_ids, *others.organisation_ids),
        ),
    )
    is_me = c.is_me.is_(True) if me is None else c.id == me
    found = (
        select(
            *_outline_columns(me),
            (watch if watch is not None else false()).label("watched"),
            (other if other is not None else false()).label("other"),
        )
        .where(
            c.workspace_id == workspace_id,
            is_me if either is None else or_(is_me, either),
        )
        .offset(0)  # keeps the database from evaluating the filters more than once
        .subquery("found")
    )
    f = found.c
    kept: list[ColumnElement[bool]] = [f.is_me.is_(True), f.other.is_(True)]
    if cutoff is not None:
        recent = (
            select(p.person_id)
            .where(p.person_id == f.id, p.occurred_on > cutoff, p.occurred_on <= until)
            .exists()
        )
        kept.append(and_(f.watched.is_(True), ~recent))
    last = (
        select(func.max(p.occurred_on))
        .where(p.person_id == f.id, p.occurred_on <= until)
        .scalar_subquery()
    )
    query = select(found, last.label("last")).where(or_(*kept)).order_by(f.id)
    return [
        Reached(_outline(row), bool(row.watched), row.last)
        for row in connection.execute(query).all()
    ]


def _columns(rows: Sequence[Any]) -> DayValues:
    """``(person, day as a date, value)`` rows as columns with the days as ordinals."""
    return DayValues(
        tuple(map(itemgetter(0), rows)),
        tuple(map(date.toordinal, map(itemgetter(1), rows))),
        tuple(map(itemgetter(2), rows)),
    )


#: The day before :meth:`datetime.date.toordinal`'s first: a date minus it is its ordinal.
_DAY_ZERO = literal(date(1, 1, 1), Date)


def _aggregated(columns: tuple[Any, Any, Any], *where: ColumnElement[bool]) -> Select[Any]:
    """On PostgreSQL: one row of three arrays, the people, the days as ordinals and the
    values of the rows ``where`` selects (``NULL`` each when there are none)."""
    person, day, value = columns
    ordinal = day - _DAY_ZERO + 1
    return select(func.array_agg(person), func.array_agg(ordinal), func.array_agg(value)).where(
        *where
    )


#: The people's ids of an aggregated read on PostgreSQL (one array parameter).
_WANTED = bindparam("wanted", type_=ARRAY(Integer))
_P = t.interaction_participants.c
_CONTACT_DAYS = _aggregated((_P.person_id, _P.occurred_on, _P.tone), _P.person_id == any_(_WANTED))
_CONTACT_DAYS_UNTIL = _aggregated(
    (_P.person_id, _P.occurred_on, _P.tone),
    _P.person_id == any_(_WANTED),
    _P.occurred_on <= bindparam("until", type_=Date),
)


def _from_arrays(row: Sequence[Any] | None) -> DayValues:
    """The columns of a row of :func:`_aggregated`."""
    if row is None or row[0] is None:
        return DayValues()
    return DayValues(tuple(row[0]), tuple(row[1]), tuple(row[2]))


def contact_days(
    connection: Connection, person_ids: Sequence[int], *, until: date | None = None
) -> DayValues:
    """Each of these people's interactions (on or before ``until``) as ``(person, day,
    tone)``, in no particular order.

    On PostgreSQL the database gathers the columns into three arrays (one row to
    convert instead of one per interaction); elsewhere they come as rows.
    """
    p = t.interaction_participants.c
    wanted = _ids(person_ids)
    if not wanted:
        return DayValues()
    if connection.dialect.name == "postgresql":
        if until is None:
            return _from_arrays(connection.execute(_CONTACT_DAYS, {"wanted": wanted}).first())
        found = connection.execute(_CONTACT_DAYS_UNTIL, {"wanted": wanted, "until": until})
        return _from_arrays(found.first())
    rows: list[Any] = []
    for start in range(0, len(wanted), _CHUNK):
        query = select(p.person_id, p.occurred_on, p.tone).where(
            ids_in(connection, p.person_id, wanted[start : start + _CHUNK])
        )
        if until is not None:
            query = query.where(p.occurred_on <= until)
        rows += connection.execute(query).all()
    return _columns(rows)


def favour_days(
    connection: Connection,
    workspace_id: int,
    person_ids: Sequence[int],
    units: Mapping[str, int],
) -> DayValues:
    """Each of these people's favours as ``(person, day, signed units)`` (positive when I
    gave), in no particular order; ``units`` maps each size to what it counts for.

    On PostgreSQL the database gathers the columns into three arrays, as for
    :func:`contact_days`.
    """
    c = t.favours.c
    worth = case(dict(units), value=c.size, else_=0)
    signed = case((c.direction == "given", worth), else_=-worth)
    wanted = _ids(person_ids)
    if not wanted:
        return DayValues()
    if connection.dialect.name == "postgresql":
        query = _aggregated(
            (c.person_id, c.occurred_on, signed),
            c.workspace_id == workspace_id,
            c.person_id == any_(literal(wanted, ARRAY(Integer))),
        )
        return _from_arrays(connection.execute(query).first())
    rows: list[Any] = []
    for start in range(0, len(wanted), _CHUNK):
        query = select(c.person_id, c.occurred_on, signed).where(
            c.workspace_id == workspace_id,
            ids_in(connection, c.person_id, wanted[start : start + _CHUNK]),
        )
        rows += connection.execute(query).all()
    return _columns(rows)


def owed_favours(
    connection: Connection, workspace_id: int, units: Mapping[str, int], threshold: int
) -> list[Favour]:
    """The favours given to or received from the people whose favours to me exceed mine
    to them by ``threshold`` units or more, oldest first (``units`` maps each size to what
    it counts for)."""
    c = t.favours.c
    worth = case(dict(units), value=c.size, else_=0)
    balance = func.sum(case((c.direction == "given", -worth), else_=worth))
    owing = (
        select(c.person_id)
        .where(c.workspace_id == workspace_id)
        .group_by(c.person_id)
        .having(balance >= threshold)
    )
    query = (
        select(c.id, c.person_id, c.direction, c.description, c.occurred_on, c.size)
        .where(c.workspace_id == workspace_id, c.person_id.in_(owing.scalar_subquery()))
        .order_by(c.occurred_on, c.id)
    )
    return [
        Favour.trusted(person, direction, description, day, size, fid)
        for fid, person, direction, description, day, size in connection.execute(query).all()
    ]


def agenda_promises(
    connection: Connection,
    workspace_id: int,
    person_id: int,
    due_by: date,
    others: Sequence[int],
) -> list[Promise]:
    """The open promises the person made or received that fall due on or before
    ``due_by``, and every promise between the person and any of ``others``, oldest id
    first."""
    c = t.promises.c
    involved = or_(c.promiser_id == person_id, c.promisee_id == person_id)
    due = and_(c.status == "open", c.due_on.is_not(None), c.due_on <= due_by, involved)
    wanted = _ids(others)
    found: dict[int, Promise] = {}
    for start in range(0, max(len(wanted), 1), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        either = [due]
        if chunk:
            either.append((c.promiser_id == person_id) & ids_in(connection, c.promisee_id, chunk))
            either.append((c.promisee_id == person_id) & ids_in(connection, c.promiser_id, chunk))
        query = select(
            c.id,
            c.promiser_id,
            c.promisee_id,
            c.description,
            c.made_on,
            c.due_on,
            c.status,
            c.resolved_on,
            c.note,
        ).where(c.workspace_id == workspace_id, or_(*either))
        for row in connection.execute(query).all():
            if row[0] not in found:
                pid, promiser, promisee, description, made, due_on, status, resolved, note = row
                found[pid] = Promise.trusted(
                    promiser, promisee, description, made, due_on, status, resolved, note, pid
                )
    return [found[pid] for pid in sorted(found)]
