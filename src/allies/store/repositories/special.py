"""Repositories with look-ups beyond the generic ones (see :mod:`allies.services.ports`)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from allies.domain import (
    Cadence,
    Commitment,
    Favour,
    Interaction,
    Observation,
    Person,
    Stance,
    Tie,
    Tier,
)
from allies.domain._rules import as_enum
from allies.errors import Conflict
from allies.store import tables as t
from allies.store.mapping import map_for
from allies.store.repositories.base import Scope, SqlRepository
from allies.store.repositories.columns import (
    ObservationColumns,
    TieColumns,
    read_observation_columns,
    read_tie_columns,
)

__all__ = [
    "SqlCadenceRepository",
    "SqlCommitmentRepository",
    "SqlFavourRepository",
    "SqlInteractionRepository",
    "SqlObservationRepository",
    "SqlPersonRepository",
    "SqlStanceRepository",
    "SqlTieRepository",
]


class SqlPersonRepository(SqlRepository[Person]):
    """People. The store sets ``created_at`` and ``updated_at`` and counts versions.

    Saving is optimistic: the version a person had when this unit of work read them (or
    the one named with :meth:`expect_version`) must still be the stored one, or the save
    raises :class:`allies.errors.Conflict` instead of overwriting someone else's change.
    """

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Person))
        self._versions: dict[int, int] = {}

    def version_of(self, person_id: int) -> int:
        """The version of the person as this unit of work read them; the stored one when it
        has not read them. (It grows by one with every save.)

        Reading it from the same row as the person's fields matters: a version read later
        could already include someone else's change that the fields do not show.
        """
        if person_id in self._versions:
            return self._versions[person_id]
        found = self._conn.scalar(
            select(t.people.c.version).where(t.people.c.id == person_id, self._in_workspace())
        )
        if found is None:
            raise self._not_found(person_id)
        return int(found)

    def expect_version(self, person_id: int, version: int) -> None:
        """Make the next save of the person fail with Conflict unless it is at ``version``."""
        self._versions[person_id] = int(version)

    def _seen(self, rows: list[Any]) -> None:
        # The first read wins: a person's fields are never older than the version the
        # save checks (a later read may only make a save fail that could have passed).
        for row in rows:
            self._versions.setdefault(row["id"], row["version"])

    def _save_guard(self, entity_id: int) -> list[ColumnElement[bool]]:
        expected = self._versions.get(entity_id)
        return [] if expected is None else [t.people.c.version == expected]

    def _save_missed(self, entity_id: int) -> Exception:
        stored = self._conn.scalar(
            select(t.people.c.version).where(t.people.c.id == entity_id, self._in_workspace())
        )
        if stored is None:
            return self._not_found(entity_id)
        return Conflict(
            f"Person #{entity_id} was changed by someone else since it was read "
            f"(it is now at version {stored}, not {self._versions.get(entity_id)}).",
            hint="Reload the person and make the change again.",
        )

    def me(self) -> Person | None:
        """The owner of the workspace (the lowest id if several are marked)."""
        found = self._select(t.people.c.is_me.is_(True))
        return found[0] if found else None

    def by_email(self, email: str) -> Person | None:
        """The person with this e-mail, compared case-insensitively; ``None`` if nobody."""
        needle = email.strip().lower()
        if not needle:
            return None
        query = (
            select(t.people.c.id, t.people.c.emails)
            .where(self._in_workspace())
            .order_by(t.people.c.id)
        )
        for person_id, emails in self._conn.execute(query):
            if any(str(stored).strip().lower() == needle for stored in emails or ()):
                return self.get(person_id)
        return None

    def _values(self, entity: Person, *, new: bool) -> dict[str, Any]:
        values = super()._values(entity, new=new)
        values["updated_at"] = datetime.now(UTC)
        if new:
            values["created_at"] = values["updated_at"]
            values["version"] = 1
        else:
            values["version"] = t.people.c.version + 1
        return values

    def _written(self, entity: Person, values: dict[str, Any], *, new: bool) -> None:
        entity.updated_at = values["updated_at"]
        if new:
            entity.created_at = values["created_at"]
            self._versions[entity.id or 0] = 1
        elif entity.id in self._versions:
            self._versions[entity.id] += 1


class SqlTieRepository(SqlRepository[Tie]):
    """Ties between people."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Tie))

    def involving(self, person_id: int) -> list[Tie]:
        """Ties from or to the person, oldest id first."""
        c = t.ties.c
        return self._select(or_(c.source_id == person_id, c.target_id == person_id))

    def columns(self) -> TieColumns:
        """Every tie of the workspace as plain columns, oldest id first (one query, no
        object per row): what a whole-network analysis reads."""
        return read_tie_columns(self._conn, self._scope.workspace_id)


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

    def columns(self) -> ObservationColumns:
        """Every observation of the workspace as plain columns, oldest id first (one query,
        no object per row): what a whole-network analysis reads."""
        return read_observation_columns(self._conn, self._scope.workspace_id)


class SqlInteractionRepository(SqlRepository[Interaction]):
    """Interactions with their participants."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Interaction))

    def with_person(self, person_id: int) -> list[Interaction]:
        """Interactions the person took part in, newest first."""
        p = t.interaction_participants.c
        c = t.interactions.c
        return self._select(
            c.id.in_(select(p.interaction_id).where(p.person_id == person_id)),
            order_by=(c.occurred_on.desc(), c.id.desc()),
        )

    def last_contact(self) -> dict[int, date]:
        """For everyone who took part in an interaction, the date of the latest (one query)."""
        p = t.interaction_participants.c
        c = t.interactions.c
        query = (
            select(p.person_id, func.max(c.occurred_on))
            .select_from(t.interaction_participants.join(t.interactions))
            .where(c.workspace_id == self._scope.workspace_id)
            .group_by(p.person_id)
        )
        return {person_id: last for person_id, last in self._conn.execute(query)}


class SqlFavourRepository(SqlRepository[Favour]):
    """The favours ledger."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Favour))

    def with_person(self, person_id: int) -> list[Favour]:
        """Favours given to or received from the person, newest first."""
        c = t.favours.c
        return self._select(c.person_id == person_id, order_by=(c.occurred_on.desc(), c.id.desc()))


class SqlCommitmentRepository(SqlRepository[Commitment]):
    """Promises, mine and others'."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Commitment))

    def involving(self, person_id: int) -> list[Commitment]:
        """Promises the person made or received, newest first."""
        c = t.commitments.c
        return self._select(
            or_(c.promiser_id == person_id, c.promisee_id == person_id),
            order_by=(c.made_on.desc(), c.id.desc()),
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
