"""Repositories of ties, observations, favours, promises, cadences and stances, with
look-ups beyond the generic ones (see :mod:`allies.services.ports`).

People and interactions have modules of their own (:mod:`allies.store.repositories.people`,
:mod:`allies.store.repositories.interactions`); the interactions' is re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from allies.domain import (
    Cadence,
    DayValues,
    Favour,
    Observation,
    Promise,
    Stance,
    Tie,
    Tier,
)
from allies.domain._rules import as_enum
from allies.store import tables as t
from allies.store.mapping import map_for
from allies.store.repositories.agenda_reads import (
    agenda_promises,
    favour_days,
    owed_favours,
)
from allies.store.repositories.base import IN_CHUNK, Scope, SqlRepository, ids_in, storable_id
from allies.store.repositories.columns import (
    ObservationColumns,
    TieColumns,
    read_observation_columns,
    read_tie_columns,
)
from allies.store.repositories.interactions import SqlInteractionRepository
from allies.store.repositories.perspective import mine, own_favour_days

__all__ = [
    "SqlCadenceRepository",
    "SqlFavourRepository",
    "SqlInteractionRepository",
    "SqlObservationRepository",
    "SqlPromiseRepository",
    "SqlStanceRepository",
    "SqlTieRepository",
]


class SqlTieRepository(SqlRepository[Tie]):
    """Ties between people."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Tie))

    def involving(self, person_id: int) -> list[Tie]:
        """Ties from or to the person, oldest id first."""
        c = t.ties.c
        return self._select(or_(c.source_id == person_id, c.target_id == person_id))

    def columns(self, involving: int | None = None) -> TieColumns:
        """Every tie of the workspace (or those from or to the person ``involving``) as
        plain columns, oldest id first (one query, no object per row): what a
        whole-network analysis reads."""
        return read_tie_columns(self._conn, self._scope.workspace_id, involving)


class SqlObservationRepository(SqlRepository[Observation]):
    """Observed evidence of influence."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Observation))

    def involving(self, person_id: int) -> list[Observation]:
        """Observations whose subject or object is the person, oldest first."""
        c = t.observations.c
        return self._select(
            or_(c.subject_id == person_id, c.object_id == person_id),
            order_by=(c.observed_on, c.id),
        )

    def columns(self, involving: int | None = None) -> ObservationColumns:
        """Every observation of the workspace (or those whose subject or object is the
        person ``involving``) as plain columns, oldest id first (one query, no object per
        row): what a whole-network analysis reads."""
        return read_observation_columns(self._conn, self._scope.workspace_id, involving)


class SqlFavourRepository(SqlRepository[Favour]):
    """The favours ledger."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Favour))

    def _in_workspace(self) -> ColumnElement[bool]:
        own = mine(self._scope, self._table)  # a member's ledger is their own
        return super()._in_workspace() if own is None else and_(super()._in_workspace(), own)

    def with_person(self, person_id: int) -> list[Favour]:
        """Favours given to or received from the person, newest first."""
        c = t.favours.c
        return self._select(c.person_id == person_id, order_by=(c.occurred_on.desc(), c.id.desc()))

    def of_people(self, person_ids: Iterable[int]) -> list[Favour]:
        """The favours given to or received from any of these people, oldest first."""
        c = t.favours.c
        wanted = sorted({i for i in person_ids if storable_id(i)})
        found: list[Favour] = []
        for start in range(0, len(wanted), IN_CHUNK):
            found += self._select(
                ids_in(self._conn, c.person_id, wanted[start : start + IN_CHUNK]),
                order_by=(c.occurred_on, c.id),
            )
        return found

    def favour_days(self, person_ids: Iterable[int], units: Mapping[str, int]) -> DayValues:
        """Each of these people's favours as ``(person, day, signed units)`` columns, in no
        particular order: what relationship health reads, without the rest of the
        records (``units`` maps each size to what it counts for)."""
        if mine(self._scope, self._table) is not None:
            return own_favour_days(self.of_people(person_ids), units)
        return favour_days(self._conn, self._scope.workspace_id, list(person_ids), units)

    def owed_favours(self, units: Mapping[str, int], threshold: int) -> list[Favour]:
        """The favours given to or received from the people whose favours to me exceed
        mine to them by ``threshold`` units or more, oldest first, in one query
        (``units`` maps each size to what it counts for)."""
        if mine(self._scope, self._table) is not None:
            owing = {
                pid
                for pid, (given, received) in self.totals(units).items()
                if received - given >= threshold
            }
            return self.of_people(owing)
        return owed_favours(self._conn, self._scope.workspace_id, units, threshold)

    def totals(self, units: Mapping[str, int]) -> dict[int, tuple[int, int]]:
        """Per person, the units of favours given and received (``units`` maps each size to
        what it counts for)."""
        c = t.favours.c
        worth = case(dict(units), value=c.size, else_=0)
        given = func.sum(case((c.direction == "given", worth), else_=0))
        received = func.sum(case((c.direction == "given", 0), else_=worth))
        query = (
            select(c.person_id, given, received).where(self._in_workspace()).group_by(c.person_id)
        )
        return {pid: (int(g or 0), int(r or 0)) for pid, g, r in self._conn.execute(query).all()}


class SqlPromiseRepository(SqlRepository[Promise]):
    """Promises, mine and others'."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Promise))

    def involving(self, person_id: int) -> list[Promise]:
        """Promises the person made or received, newest first."""
        c = t.promises.c
        return self._select(
            or_(c.promiser_id == person_id, c.promisee_id == person_id),
            order_by=(c.made_on.desc(), c.id.desc()),
        )

    def open_due(self, person_id: int, by: date) -> list[Promise]:
        """The open promises the person made or received that fall due on or before
        ``by`` (overdue ones included), soonest first."""
        c = t.promises.c
        return self._select(
            c.status == "open",
            c.due_on.is_not(None),
            c.due_on <= by,
            or_(c.promiser_id == person_id, c.promisee_id == person_id),
            order_by=(c.due_on, c.id),
        )

    def between(self, person_id: int, others: Iterable[int]) -> list[Promise]:
        """The promises between the person and any of ``others``, either way, oldest
        first."""
        c = t.promises.c
        wanted = sorted({i for i in others if storable_id(i)})
        found: list[Promise] = []
        for start in range(0, len(wanted), IN_CHUNK):
            chunk = wanted[start : start + IN_CHUNK]
            found += self._select(
                or_(
                    (c.promiser_id == person_id) & ids_in(self._conn, c.promisee_id, chunk),
                    (c.promisee_id == person_id) & ids_in(self._conn, c.promiser_id, chunk),
                ),
                order_by=(c.made_on, c.id),
            )
        return found

    def for_agenda(self, person_id: int, due_by: date, others: Iterable[int]) -> list[Promise]:
        """The open promises the person made or received that fall due on or before
        ``due_by``, and every promise between the person and any of ``others``, oldest id
        first (one query)."""
        return agenda_promises(
            self._conn, self._scope.workspace_id, person_id, due_by, list(others)
        )


class SqlCadenceRepository(SqlRepository[Cadence]):
    """Check-in cadences: at most one per person, per tag and per tier."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Cadence))

    def for_person(self, person_id: int) -> Cadence | None:
        """The cadence set on the person themselves, if any."""
        return self._one(t.cadences.c.person_id == person_id)

    def for_tag(self, tag: str) -> Cadence | None:
        """The cadence set on a tag (case-insensitive), if any."""
        return self._one(t.cadences.c.tag == tag.strip().lower())

    def for_tier(self, tier: str) -> Cadence | None:
        """The cadence set on a tier, if any."""
        return self._one(t.cadences.c.tier == as_enum(Tier, tier, "tier").value)

    def _one(self, condition: Any) -> Cadence | None:
        found = self._select(condition)
        return found[0] if found else None


class SqlStanceRepository(SqlRepository[Stance]):
    """Stances, kept as history: every stance recorded is a row."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Stance))

    def for_issue(self, issue_id: int) -> list[Stance]:
        """Every stance recorded on the issue, oldest first."""
        c = t.stances.c
        return self._select(c.issue_id == issue_id, order_by=(c.recorded_on, c.id))

    def current_for_issue(self, issue_id: int) -> list[Stance]:
        """The latest stance of each person on the issue, by person id.

        The latest is the one recorded last; on the same day, the one stored last.
        """
        latest: dict[int, Stance] = {}
        for stance in self.for_issue(issue_id):
            latest[stance.person_id] = stance
        return [latest[person_id] for person_id in sorted(latest)]

    def history(self, person_id: int, issue_id: int) -> list[Stance]:
        """One person's stances on an issue, oldest first."""
        c = t.stances.c
        return self._select(
            c.issue_id == issue_id, c.person_id == person_id, order_by=(c.recorded_on, c.id)
        )

    def hold_issue(self, issue_id: int) -> None:
        """Hold the issue until the transaction ends, so writers of stances on it take turns.

        PostgreSQL locks the issue's row (``SELECT ... FOR UPDATE``); SQLite's write
        transaction holds the whole database from its ``BEGIN IMMEDIATE`` already.
        """
        c = t.campaign_issues.c
        self._conn.execute(select(c.id).where(c.id == issue_id).with_for_update())
