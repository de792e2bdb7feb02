"""Whose workspace it is: the member viewing it, their person ("me") and their own records.

On a team server every member of a workspace is a person of its network (their
membership's ``person_id``), and the unit of work acts for one of them (its
:class:`~allies.domain.accounts.Actor`). The store reads the workspace from that member's
perspective:

- **me** is the actor's person: a person read through the unit of work is ``is_me`` when
  it is the actor's person, and ``me()`` finds it. The flag stored on the person is left
  alone: it marks the workspace's own "me" (its owner's person, the local user's), which an
  actor without a person of their own, and the command line, still see as "me".
- **my records**: favours and interactions are between "me" and others, so an actor with a
  person of their own reads the ones they wrote (``author_id``), and those without an
  author (written before the team, or on the command line) when they are the workspace's
  own "me". Everyone still sees the whole network: people, ties, observations, campaigns.
- **authors**: every interaction, observation, favour and promise a member adds records
  them as its author (their user id; :class:`~allies.store.repositories.base.SqlRepository`
  writes it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import ColumnElement, Table, and_, or_, select

from allies.domain import DayValues, Favour, Interaction
from allies.store import tables as t
from allies.store.repositories.base import Scope

__all__ = ["home_person", "mine", "own_contact_days", "own_favour_days", "viewer_of"]


def viewer_of(scope: Scope) -> int | None:
    """The person who is "me" for the unit of work's actor, when the actor has one."""
    actor = scope.actor
    return None if actor is None else actor.person_id


def home_person(scope: Scope) -> int | None:
    """The workspace's own "me": the person marked as such (the lowest id if several)."""
    c = t.people.c
    found = scope.connection.scalar(
        select(c.id)
        .where(c.workspace_id == scope.workspace_id, c.is_me.is_(True))
        .order_by(c.id)
        .limit(1)
    )
    return None if found is None else int(found)


def mine(scope: Scope, table: Table) -> ColumnElement[bool] | None:
    """The condition keeping the records of ``table`` that belong to the viewer: those they
    wrote, and the unsigned ones when they are the workspace's own "me". ``None`` (no
    condition) when the actor has no person of their own, or on the command line."""
    viewer = viewer_of(scope)
    if viewer is None or scope.actor is None:
        return None
    written = table.c.author_id == scope.actor.user_id
    if home_person(scope) == viewer:
        return or_(written, table.c.author_id.is_(None))
    return and_(written)


def own_contact_days(
    interactions: Iterable[Interaction], person_ids: Iterable[int], until: date | None
) -> DayValues:
    """The ``(person, day, tone)`` columns of these people in ``interactions`` (the
    viewer's own), on or before ``until``: what the database reads for the whole team."""
    wanted = set(person_ids)
    return DayValues.of(
        (pid, meeting.occurred_on.toordinal(), meeting.tone)
        for meeting in interactions
        if until is None or meeting.occurred_on <= until
        for pid in meeting.participant_ids
        if pid in wanted
    )


def own_favour_days(favours: Iterable[Favour], units: Mapping[str, int]) -> DayValues:
    """The ``(person, day, signed units)`` columns of ``favours`` (the viewer's own),
    positive when I gave."""
    return DayValues.of(
        (
            f.person_id,
            f.occurred_on.toordinal(),
            units.get(f.size.value, 0) * (1 if f.direction.value == "given" else -1),
        )
        for f in favours
    )
