"""Repositories with look-ups beyond the generic ones (see :mod:`allies.services.ports`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Text, case, cast, func, or_, select

from allies.domain import (
    Cadence,
    DayValues,
    Favour,
    Interaction,
    Observation,
    PeopleFilter,
    Person,
    Promise,
    Reached,
    Stance,
    Tie,
    Tier,
)
from allies.domain._rules import as_enum
from allies.errors import Conflict
from allies.store import tables as t
from allies.store.mapping import map_for
from allies.store.repositories.agenda_reads import (
    agenda_promises,
    contact_days,
    favour_days,
    owed_favours,
    people_matching,
    reach,
)
from allies.store.repositories.base import Scope, SqlRepository, ids_in, storable_id
from allies.store.repositories.columns import (
    ObservationColumns,
    TieColumns,
    read_observation_columns,
    read_tie_columns,
)
from allies.store.repositories.people_listing import (
    Listed,
    ListingFilter,
    ListingSort,
    last_contacts,
    list_people_page,
)

__all__ = [
    "SqlCadenceRepository",
    "SqlFavourRepository",
    "SqlInteractionRepository",
    "SqlObservationRepository",
    "SqlPersonRepository",
    "SqlPromiseRepository",
    "SqlStanceRepository",
    "SqlTieRepository",
]

#: How many ids one ``IN (...)`` holds at most.
_CHUNK = 500


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
        # Stored e-mails are lower-case in a JSON list: find the rows that may hold it,
        # then compare exactly.
        fragment = json.dumps(needle)[1:-1]
        query = (
            select(t.people.c.id, t.people.c.emails)
            .where(
                self._in_workspace(),
                func.lower(cast(t.people.c.emails, Text)).contains(fragment, autoescape=True),
            )
            .order_by(t.people.c.id)
        )
        for person_id, emails in self._conn.execute(query).all():
            if any(str(stored).strip().lower() == needle for stored in emails or ()):
                return self.get(person_id)
        return None

    def named(self, name: str) -> list[Person]:
        """The people called exactly ``name`` (compared without regard to case)."""
        folded = name.strip().casefold()
        found = self._select(func.lower(t.people.c.name) == folded)
        return [p for p in found if p.name.casefold() == folded]

    def listing(
        self,
        listing: ListingFilter,
        sort: ListingSort = "name",
        *,
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[Listed], int]:
        """One page of the people list, filtered and sorted by the database, and the number
        of rows of the whole list (see :mod:`allies.store.repositories.people_listing`)."""
        return list_people_page(
            self._conn,
            self._in_workspace(),
            lambda row: self._map.load(row, {}),
            listing,
            sort,
            offset=offset,
            limit=limit,
        )

    def several(self, person_ids: Iterable[int]) -> list[Person]:
        """The people with these ids (those of this workspace), oldest id first."""
        wanted = sorted({i for i in person_ids if storable_id(i)})
        found: list[Person] = []
        for start in range(0, len(wanted), _CHUNK):
            found += self._select(ids_in(self._conn, t.people.c.id, wanted[start : start + _CHUNK]))
        return sorted(found, key=lambda p: p.id or 0)

    def names(self, person_ids: Iterable[int]) -> dict[int, str]:
        """The names of the people with these ids (those of this workspace)."""
        wanted = sorted({i for i in person_ids if storable_id(i)})
        c = t.people.c
        names: dict[int, str] = {}
        for start in range(0, len(wanted), _CHUNK):
            query = select(c.id, c.name).where(
                self._in_workspace(), ids_in(self._conn, c.id, wanted[start : start + _CHUNK])
            )
            names.update({pid: name for pid, name in self._conn.execute(query).all()})
        return names

    def ids_where(
        self,
        *,
        tiers: Iterable[str] = (),
        tags: Iterable[str] = (),
        ids: Iterable[int] = (),
        organisation_ids: Iterable[int] = (),
    ) -> list[int]:
        """The ids of the people in any of these tiers, with any of these tags, among these
        ids or in any of these organisations (a tag is matched as a whole word)."""
        condition = people_matching(
            self._conn,
            PeopleFilter(tuple(tiers), tuple(tags), tuple(ids), tuple(organisation_ids)),
        )
        if condition is None:
            return []
        c = t.people.c
        query = select(c.id).where(self._in_workspace(), condition).order_by(c.id)
        return list(self._conn.scalars(query))

    def reach(
        self,
        watched: PeopleFilter,
        others: PeopleFilter,
        *,
        until: date,
        cutoff: date | None,
    ) -> list[Reached]:
        """Me, everyone ``others`` matches, and those ``watched`` matches whose last
        contact is on or before ``cutoff`` or who have none (none of them when ``cutoff``
        is ``None``), oldest id first, with whether ``watched`` matched them and their
        last contact on or before ``until``. The people are outlines: their name, tier,
        level, organisation, unit, tags, interests and values only (no contact details,
        notes or other free text), what the daily routine reads of them."""
        return reach(
            self._conn, self._scope.workspace_id, watched, others, until=until, cutoff=cutoff
        )

    def head_counts(self, by: Literal["organisation", "unit"]) -> dict[int, int]:
        """How many people each organisation (or unit) has, by its id."""
        column = t.people.c.organisation_id if by == "organisation" else t.people.c.unit_id
        query = (
            select(column, func.count())
            .where(self._in_workspace(), column.is_not(None))
            .group_by(column)
        )
        return {int(key): int(count) for key, count in self._conn.execute(query).all()}

    def tags(self) -> list[str]:
        """Every tag used in the workspace, sorted."""
        query = select(cast(t.people.c.tags, Text)).where(self._in_workspace()).distinct()
        return sorted(
            {
                str(tag)
                for (tags,) in self._conn.execute(query).all()
                for tag in json.loads(tags or "[]")
            }
        )

    def suggest(self, text: str, limit: int = 20) -> list[tuple[int, str]]:
        """Up to ``limit`` people whose name holds ``text`` (any case): names starting with
        it first, then by name; as ``(id, name)``."""
        c = t.people.c
        needle = text.strip().casefold()
        name = func.lower(c.name)
        query = select(c.id, c.name).where(self._in_workspace())
        if needle:
            query = query.where(name.contains(needle, autoescape=True)).order_by(
                name.startswith(needle, autoescape=True).desc(), name, c.id
            )
        else:
            query = query.order_by(name, c.id)
        return [(pid, found) for pid, found in self._conn.execute(query.limit(limit)).all()]

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

    def last_contact(
        self, person_ids: Iterable[int] | None = None, *, until: date | None = None
    ) -> dict[int, date]:
        """The day of the latest interaction (on or before ``until``) of each of these
        people, or of everyone of the workspace who took part in one."""
        if person_ids is None:
            everyone = select(t.people.c.id).where(
                t.people.c.workspace_id == self._scope.workspace_id
            )
            return last_contacts(self._conn, everyone, until=until)
        return last_contacts(self._conn, sorted(set(person_ids)), until=until)

    def contact_days(self, person_ids: Iterable[int], *, until: date | None = None) -> DayValues:
        """Each of these people's interactions (on or before ``until``) as ``(person,
        day, tone)`` columns, in no particular order: what relationship health reads,
        without the rest of the records."""
        return contact_days(self._conn, list(person_ids), until=until)


class SqlFavourRepository(SqlRepository[Favour]):
    """The favours ledger."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Favour))

    def with_person(self, person_id: int) -> list[Favour]:
        """Favours given to or received from the person, newest first."""
        c = t.favours.c
        return self._select(c.person_id == person_id, order_by=(c.occurred_on.desc(), c.id.desc()))

    def of_people(self, person_ids: Iterable[int]) -> list[Favour]:
        """The favours given to or received from any of these people, oldest first."""
        c = t.favours.c
        wanted = sorted({i for i in person_ids if storable_id(i)})
        found: list[Favour] = []
        for start in range(0, len(wanted), _CHUNK):
            found += self._select(
                ids_in(self._conn, c.person_id, wanted[start : start + _CHUNK]),
                order_by=(c.occurred_on, c.id),
            )
        return found

    def favour_days(self, person_ids: Iterable[int], units: Mapping[str, int]) -> DayValues:
        """Each of these people's favours as ``(person, day, signed units)`` columns, in no
        particular order: what relationship health reads, without the rest of the
        records (``units`` maps each size to what it counts for)."""
        return favour_days(self._conn, self._scope.workspace_id, list(person_ids), units)

    def owed_favours(self, units: Mapping[str, int], threshold: int) -> list[Favour]:
        """The favours given to or received from the people whose favours to me exceed
        mine to them by ``threshold`` units or more, oldest first, in one query
        (``units`` maps each size to what it counts for)."""
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
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
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
