"""The in-memory repositories of :mod:`tests.integration.services.fake_uow`: one kind of
record each, with the copies-out, write-back-on-save rule of the real store."""

from __future__ import annotations

import builtins
import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, NoReturn, Protocol, TypeVar

from allies.domain import (
    Cadence,
    DayValues,
    Favour,
    Interaction,
    PeopleFilter,
    Person,
    Promise,
    PromiseStatus,
    Reached,
)
from allies.domain.folding import fold
from allies.domain.listing import Listed, ListingFilter, ListingSort
from allies.errors import Conflict, NotFound

if TYPE_CHECKING:
    from tests.integration.services.fake_uow import FakeUnitOfWork

__all__ = [
    "FakeCadences",
    "FakeFavours",
    "FakeInteractions",
    "FakePeople",
    "FakePromises",
    "FakeRepository",
]


class _Entity(Protocol):
    id: int | None


E = TypeVar("E", bound=_Entity)

#: The kinds of record the fake keeps, by the name of their repository.
KINDS = (
    "people",
    "organisations",
    "units",
    "interactions",
    "favours",
    "promises",
    "cadences",
    "alliances",
)


def _missing(what: str) -> NoReturn:
    raise NotImplementedError(f"The in-memory unit of work keeps no {what}; use a real store.")


@dataclass
class _State:
    """Every workspace's records (kind -> id -> record) and the ids handed out so far."""

    rows: dict[str, dict[str, dict[int, Any]]] = field(default_factory=dict)
    last_id: dict[str, int] = field(default_factory=dict)
    versions: dict[str, dict[int, int]] = field(default_factory=dict)
    #: Stored analyses: (workspace, kind) -> key -> (when, payload).
    analyses: dict[tuple[str, str], dict[str, tuple[datetime, bytes]]] = field(default_factory=dict)

    def of(self, workspace: str) -> dict[str, dict[int, Any]]:
        return self.rows.setdefault(workspace, {kind: {} for kind in KINDS})


class FakeRepository(Generic[E]):
    """Add, get, find, list, save, remove and count one kind of record, in memory."""

    def __init__(self, uow: FakeUnitOfWork, kind: str) -> None:
        self._uow = uow
        self._kind = kind

    @property
    def _rows(self) -> dict[int, E]:
        rows: dict[int, E] = self._uow._state().of(self._uow.workspace)[self._kind]
        return rows

    def add(self, entity: E) -> E:
        """Keep a new record; sets its ``id`` (ids are never reused, as in the store)."""
        if entity.id is not None:
            raise Conflict(f"This record is already stored as #{entity.id}.")
        state = self._uow._state()
        entity.id = state.last_id.get(self._kind, 0) + 1
        state.last_id[self._kind] = entity.id
        self._stamp(entity, new=True)
        self._rows[entity.id] = copy.deepcopy(entity)
        return entity

    def get(self, entity_id: int) -> E:
        """The record with ``entity_id``; NotFound when there is none."""
        found = self.find(entity_id)
        if found is None:
            raise NotFound(f"No {self._kind} #{entity_id}.")
        return found

    def find(self, entity_id: int) -> E | None:
        """A copy of the record with ``entity_id``, or ``None``."""
        row = self._rows.get(entity_id)
        return copy.deepcopy(row) if row is not None else None

    def list(self) -> list[E]:
        """Copies of every record, oldest id first."""
        return [copy.deepcopy(self._rows[i]) for i in sorted(self._rows)]

    def save(self, entity: E) -> E:
        """Write back a stored record."""
        if entity.id is None or entity.id not in self._rows:
            raise NotFound(f"This {self._kind} record has not been stored yet.")
        self._stamp(entity, new=False)
        self._rows[entity.id] = copy.deepcopy(entity)
        return entity

    def remove(self, entity_id: int) -> None:
        """Forget the record (NotFound if absent)."""
        if entity_id not in self._rows:
            raise NotFound(f"No {self._kind} #{entity_id}.")
        del self._rows[entity_id]

    def count(self, limit: int | None = None) -> int:
        """How many records there are (no more than ``limit``)."""
        return len(self._rows) if limit is None else min(len(self._rows), max(limit, 0))

    def distinct_values(self, column: str) -> builtins.list[Any]:
        """The different values of one attribute (no ``None``), sorted."""
        return sorted({getattr(r, column) for r in self._rows.values()} - {None})

    def _stamp(self, entity: E, *, new: bool) -> None:
        """What the store sets on a write (people's times and versions)."""

    def _where(self, keep: Any, *, newest_first: bool = False) -> builtins.list[E]:
        """Copies of the records ``keep`` accepts, by ``occurred_on``/``made_on`` then id."""
        rows = [r for r in self.list() if keep(r)]
        if newest_first:
            day = "occurred_on" if rows and hasattr(rows[0], "occurred_on") else "made_on"
            rows.sort(key=lambda r: (getattr(r, day), r.id or 0), reverse=True)
        return rows


class FakePeople(FakeRepository[Person]):
    """People, with the look-ups by name and e-mail, and versions."""

    def _stamp(self, entity: Person, *, new: bool) -> None:
        now = datetime.now(UTC)
        entity.updated_at = now
        if new:
            entity.created_at = now
        versions = self._uow._state().versions.setdefault(self._uow.workspace, {})
        assert entity.id is not None
        expected = self._uow._expected.pop(entity.id, None)
        if expected is not None and versions.get(entity.id, 0) != expected:
            raise Conflict(f"{entity.name} was changed by someone else meanwhile.")
        versions[entity.id] = 1 if new else versions.get(entity.id, 0) + 1

    def remove(self, entity_id: int) -> None:
        """Removing a person cascades in the store; the fake does not model that."""
        _missing("removal of people (it cascades in the database)")

    def me(self) -> Person | None:
        return next((p for p in self.list() if p.is_me), None)

    def by_email(self, email: str) -> Person | None:
        needle = email.strip().lower()
        return next(
            (p for p in self.list() if needle and needle in [e.lower() for e in p.emails]),
            None,
        )

    def named(self, name: str) -> list[Person]:
        folded = name.strip().casefold()
        exact = [p for p in self.list() if p.name.casefold() == folded]
        return exact or [p for p in self.list() if fold(p.name) == fold(name.strip())]

    def version_of(self, person_id: int) -> int:
        return self._uow._state().versions.get(self._uow.workspace, {}).get(person_id, 0)

    def expect_version(self, person_id: int, version: int) -> None:
        self._uow._expected[person_id] = version

    def listing(
        self,
        listing: ListingFilter,
        sort: ListingSort = "name",
        *,
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[Listed], int]:
        _missing("people list pages")

    def several(self, person_ids: Iterable[int]) -> list[Person]:
        wanted = set(person_ids)
        return [p for p in self.list() if p.id in wanted]

    def names(self, person_ids: Iterable[int]) -> dict[int, str]:
        return {p.id or 0: p.name for p in self.several(person_ids)}

    def reach(
        self, watched: PeopleFilter, others: PeopleFilter, *, until: date, cutoff: date | None
    ) -> list[Reached]:
        def matches(person: Person, wanted: PeopleFilter) -> bool:
            tags = {tag.casefold() for tag in wanted.tags}
            return (
                (person.tier is not None and person.tier.value in wanted.tiers)
                or any(tag.casefold() in tags for tag in person.tags)
                or person.id in wanted.ids
                or (
                    person.organisation_id is not None
                    and person.organisation_id in wanted.organisation_ids
                )
            )

        last = self._uow.interactions.last_contact(until=until)
        found = []
        for person in sorted(self.list(), key=lambda p: p.id or 0):
            seen = last.get(person.id or 0)
            watching = matches(person, watched)
            quiet = cutoff is not None and (seen is None or seen <= cutoff)
            if person.is_me or matches(person, others) or (watching and quiet):
                found.append(Reached(person, watching, seen))
        return found

    def tags(self) -> list[str]:
        return sorted({tag for p in self._rows.values() for tag in p.tags})

    def head_counts(self, by: Literal["organisation", "unit"]) -> dict[int, int]:
        counts: dict[int, int] = {}
        for person in self._rows.values():
            key = person.organisation_id if by == "organisation" else person.unit_id
            if key is not None:
                counts[key] = counts.get(key, 0) + 1
        return counts

    def suggest(self, text: str, limit: int = 20) -> list[tuple[int, str]]:
        needle = fold(text.strip())
        found = [p for p in self.list() if needle in fold(p.name)]
        found.sort(key=lambda p: (not fold(p.name).startswith(needle), fold(p.name)))
        return [(p.id or 0, p.name) for p in found[:limit]]


class FakeInteractions(FakeRepository[Interaction]):
    """Interactions, and the contact days the health scores read."""

    def with_person(self, person_id: int) -> list[Interaction]:
        return self._where(lambda i: person_id in i.participant_ids, newest_first=True)

    def summary_with_person(self, person_id: int) -> tuple[int, date | None]:
        taken = self.with_person(person_id)
        return len(taken), max((i.occurred_on for i in taken), default=None)

    def newest_with_person(
        self, person_id: int, limit: int, *, before: tuple[date, int] | None = None
    ) -> list[Interaction]:
        taken = sorted(
            self.with_person(person_id), key=lambda i: (i.occurred_on, i.id or 0), reverse=True
        )
        if before is not None:
            taken = [i for i in taken if (i.occurred_on, i.id or 0) < before]
        return taken[: max(limit, 0)]

    def latest(self, limit: int) -> list[Interaction]:
        return self._where(lambda i: True, newest_first=True)[: max(limit, 0)]

    def in_window(self, first: date, last: date) -> list[Interaction]:
        found = self._where(lambda i: first <= i.occurred_on <= last)
        return sorted(found, key=lambda i: (i.occurred_on, i.id or 0))

    def _seen(self, until: date | None) -> Iterable[tuple[int, Interaction]]:
        for interaction in self._rows.values():
            if until is None or interaction.occurred_on <= until:
                for pid in interaction.participant_ids:
                    yield pid, interaction

    def last_contact(
        self, person_ids: Iterable[int] | None = None, *, until: date | None = None
    ) -> dict[int, date]:
        wanted = None if person_ids is None else set(person_ids)
        last: dict[int, date] = {}
        for pid, interaction in self._seen(until):
            if (wanted is None or pid in wanted) and interaction.occurred_on > last.get(
                pid, date.min
            ):
                last[pid] = interaction.occurred_on
        return last

    def contact_days(self, person_ids: Iterable[int], *, until: date | None = None) -> DayValues:
        wanted = set(person_ids)
        return DayValues.of(
            (pid, i.occurred_on.toordinal(), i.tone)
            for pid, i in self._seen(until)
            if pid in wanted
        )


class FakeFavours(FakeRepository[Favour]):
    """The favours ledger."""

    def with_person(self, person_id: int) -> list[Favour]:
        return self._where(lambda f: f.person_id == person_id, newest_first=True)

    @staticmethod
    def _worth(favour: Favour, units: Mapping[str, int]) -> int:
        return units.get(str(favour.size.value), 0)

    def favour_days(self, person_ids: Iterable[int], units: Mapping[str, int]) -> DayValues:
        wanted = set(person_ids)
        return DayValues.of(
            (
                f.person_id,
                f.occurred_on.toordinal(),
                self._worth(f, units) * (1 if f.direction.value == "given" else -1),
            )
            for f in self._rows.values()
            if f.person_id in wanted
        )

    def owed_favours(self, units: Mapping[str, int], threshold: int) -> list[Favour]:
        owing = {
            pid
            for pid, (given, received) in self.totals(units).items()
            if received - given >= threshold
        }
        chosen = [f for f in self._rows.values() if f.person_id in owing]
        return [copy.deepcopy(f) for f in sorted(chosen, key=lambda f: (f.occurred_on, f.id or 0))]

    def totals(self, units: Mapping[str, int]) -> dict[int, tuple[int, int]]:
        totals: dict[int, tuple[int, int]] = {}
        for f in self._rows.values():
            given, received = totals.get(f.person_id, (0, 0))
            worth = self._worth(f, units)
            if f.direction.value == "given":
                given += worth
            else:
                received += worth
            totals[f.person_id] = (given, received)
        return totals


class FakePromises(FakeRepository[Promise]):
    """Promises, mine and others'."""

    def involving(self, person_id: int) -> list[Promise]:
        return self._where(lambda p: person_id in (p.promiser_id, p.promisee_id), newest_first=True)

    def between(self, person_id: int, others: Iterable[int]) -> list[Promise]:
        wanted = set(others)

        def either_way(p: Promise) -> bool:
            pair = (p.promiser_id, p.promisee_id)
            return person_id in pair and bool(wanted & (set(pair) - {person_id}))

        return sorted(self._where(either_way), key=lambda p: (p.made_on, p.id or 0))

    def for_agenda(self, person_id: int, due_by: date, others: Iterable[int]) -> list[Promise]:
        wanted = set(others)

        def shown(p: Promise) -> bool:
            mine = person_id in (p.promiser_id, p.promisee_id)
            due = p.status == PromiseStatus.OPEN and p.due_on is not None and p.due_on <= due_by
            other = p.promisee_id if p.promiser_id == person_id else p.promiser_id
            return mine and (due or other in wanted)

        return self._where(shown)


class FakeCadences(FakeRepository[Cadence]):
    """Check-in cadences: at most one per person, per tag and per tier."""

    def for_person(self, person_id: int) -> Cadence | None:
        return next(iter(self._where(lambda c: c.person_id == person_id)), None)

    def for_tag(self, tag: str) -> Cadence | None:
        return next(iter(self._where(lambda c: c.tag == tag.strip().lower())), None)

    def for_tier(self, tier: str) -> Cadence | None:
        return next(iter(self._where(lambda c: c.tier == tier)), None)
