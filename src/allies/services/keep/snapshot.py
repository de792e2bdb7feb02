"""Everything the keeping-alliances use cases read, loaded once in one transaction.

Health, check-ins, reliability, nudges, alliances and the daily agenda all look at the
same records: people, interactions, favours, promises, cadences and alliances. A
:class:`Snapshot` holds them as domain objects, so one agenda is computed from one
consistent reading and the functions built on it need no unit of work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from allies.domain import (
    Alliance,
    Cadence,
    DayValues,
    Favour,
    Interaction,
    Organisation,
    Person,
    Promise,
)
from allies.errors import NextStep, NotFound
from allies.services.ports import UnitOfWork


@dataclass
class Snapshot:
    """One workspace's routine, read in one transaction."""

    people: list[Person]
    organisations: list[Organisation]
    interactions: list[Interaction]
    favours: list[Favour]
    promises: list[Promise]
    cadences: list[Cadence]
    alliances: list[Alliance]
    #: Precomputed last contacts up to ``contacts_until`` (see :func:`load_agenda_snapshot`);
    #: ``None``: computed from ``interactions``.
    contacts: dict[int, date] | None = None
    contacts_until: date | None = None
    #: Precomputed interactions as ``(person, day, tone)`` columns (of some people only,
    #: see :func:`load_agenda_snapshot`); ``None``: from ``interactions``.
    contact_columns: DayValues | None = None
    #: Precomputed favours as ``(person, day, signed units)`` columns; ``None``: from
    #: ``favours``.
    favour_columns: DayValues | None = None
    #: Names of people referred to but not in ``people`` (the parties of promises).
    names: dict[int, str] = field(default_factory=dict)
    _by_id: dict[int, Person] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {p.id: p for p in self.people if p.id is not None}

    @property
    def me(self) -> Person | None:
        """The owner, when one is marked."""
        return next((p for p in self.people if p.is_me), None)

    @property
    def me_id(self) -> int | None:
        """The owner's id, when one is marked."""
        me = self.me
        return me.id if me else None

    def require_me(self) -> int:
        """The owner's id; NotFound with what to do when nobody is marked as me."""
        me_id = self.me_id
        if me_id is None:
            raise nobody_is_me()
        return me_id

    def person(self, person_id: int) -> Person | None:
        """The person with this id, if stored."""
        return self._by_id.get(person_id)

    def name(self, person_id: int | None) -> str:
        """The person's name, or ``#id`` when unknown."""
        if person_id is None:
            return ""
        person = self._by_id.get(person_id)
        return person.name if person else self.names.get(person_id, f"#{person_id}")

    def organisation_name(self, organisation_id: int | None) -> str:
        """The organisation's name, or ``#id`` when unknown."""
        for organisation in self.organisations:
            if organisation.id == organisation_id:
                return organisation.name
        return "" if organisation_id is None else f"#{organisation_id}"

    def others(self) -> list[Person]:
        """Everyone but me."""
        return [p for p in self.people if not p.is_me and p.id is not None]

    def last_contact(self, until: date | None = None) -> dict[int, date]:
        """For each person, the day of their latest interaction (on or before ``until``)."""
        if self.contacts is not None:
            if until != self.contacts_until:
                raise ValueError(
                    f"This snapshot knows last contacts up to {self.contacts_until}, not {until}."
                )
            return dict(self.contacts)
        last: dict[int, date] = {}
        for meeting in self.interactions:
            if until is not None and meeting.occurred_on > until:
                continue
            for pid in meeting.participant_ids:
                if pid not in last or meeting.occurred_on > last[pid]:
                    last[pid] = meeting.occurred_on
        return last

    def interactions_by_person(self) -> dict[int, list[Interaction]]:
        """Each person's interactions."""
        book: dict[int, list[Interaction]] = defaultdict(list)
        for meeting in self.interactions:
            for pid in meeting.participant_ids:
                book[pid].append(meeting)
        return book

    def contact_days(self, people: Collection[int] | None = None) -> DayValues:
        """Every participation in an interaction (of ``people`` only, when given) as
        ``(person, day, tone)`` columns: what relationship health reads."""
        if self.contact_columns is not None:
            return _only(self.contact_columns, people)
        return DayValues.of(
            (pid, meeting.occurred_on.toordinal(), meeting.tone)
            for meeting in self.interactions
            for pid in meeting.participant_ids
            if people is None or pid in people
        )

    def favour_days(self, people: Collection[int] | None = None) -> DayValues:
        """Every favour (of ``people`` only, when given) as ``(person, day, signed
        units)`` columns: what relationship health reads."""
        if self.favour_columns is not None:
            return _only(self.favour_columns, people)
        return DayValues.of(
            (f.person_id, f.occurred_on.toordinal(), f.signed_value)
            for f in self.favours
            if people is None or f.person_id in people
        )

    def favours_by_person(self) -> dict[int, list[Favour]]:
        """Each person's favours, given and received."""
        book: dict[int, list[Favour]] = defaultdict(list)
        for favour in self.favours:
            book[favour.person_id].append(favour)
        return book

    def promises_with(self) -> dict[int, list[Promise]]:
        """Promises between me and each person (mine to them and theirs to me)."""
        me_id = self.me_id
        book: dict[int, list[Promise]] = defaultdict(list)
        for c in self.promises:
            if c.promiser_id == me_id:
                book[c.promisee_id].append(c)
            elif c.promisee_id == me_id:
                book[c.promiser_id].append(c)
        return book

    def alliance_people(self, alliance: Alliance) -> list[int]:
        """The people of an alliance: partners who are people, and the people of partner
        organisations other than my own (never me)."""
        me = self.me
        mine = me.organisation_id if me else None
        orgs = {
            p.organisation_id
            for p in alliance.partners
            if p.organisation_id is not None and p.organisation_id != mine
        }
        ids = [p.person_id for p in alliance.partners if p.person_id is not None]
        ids += [p.id for p in self.people if p.organisation_id in orgs and p.id is not None]
        me_id = me.id if me else None
        return [pid for pid in dict.fromkeys(ids) if pid != me_id]


def nobody_is_me() -> NotFound:
    """The error when nobody is marked as me, saying what to do."""
    return NotFound(
        "Nobody is marked as you yet, so there is no relationship to measure.",
        hint="Add yourself as a person first, marked as you.",
        next_step=NextStep("add", "person", {"me": True}),
    )


def _only(columns: DayValues, people: Collection[int] | None) -> DayValues:
    """The entries of ``people`` (all when ``None``)."""
    if people is None or set(columns.person_id) <= set(people):
        return columns
    return DayValues.of(
        row
        for row in zip(columns.person_id, columns.day, columns.value, strict=True)
        if row[0] in people
    )


def load_snapshot(uow: UnitOfWork) -> Snapshot:
    """Read the routine of the unit of work's workspace in one transaction."""
    with uow:
        return Snapshot(
            people=uow.people.list(),
            organisations=uow.organisations.list(),
            interactions=uow.interactions.list(),
            favours=uow.favours.list(),
            promises=uow.promises.list(),
            cadences=uow.cadences.list(),
            alliances=uow.alliances.list(),
        )
