"""Plain values the store answers the daily routine's questions with.

The agenda looks at a few hundred people of a workspace that may hold tens of thousands,
and at thousands of their interactions and favours only as days and numbers. These value
objects let the services ask for exactly that (see :mod:`allies.services.ports`) and the
store answer with one query each, without a checked domain object per row.

Examples
--------
>>> DayValues.of([(3, 738000, 1), (3, 738007, -1)]).day
(738000, 738007)
>>> PeopleFilter(tiers=("key",)).empty, PeopleFilter().empty
(False, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from allies.domain.people import Person

__all__ = ["DayValues", "PeopleFilter", "Reached"]


@dataclass(frozen=True)
class DayValues:
    """Dated numbers of people as parallel columns: entry ``i`` says that person
    ``person_id[i]`` has the value ``value[i]`` on day ``day[i]``.

    Attributes
    ----------
    person_id : sequence of int
        Whose entry it is.
    day : sequence of int
        The day, as :meth:`datetime.date.toordinal` numbers it.
    value : sequence of int
        The number: an interaction's tone (-2..+2), or a favour's value in units
        (positive when I gave it).
    """

    person_id: Sequence[int] = ()
    day: Sequence[int] = ()
    value: Sequence[int] = ()

    def __len__(self) -> int:
        return len(self.person_id)

    @classmethod
    def of(cls, rows: Iterable[tuple[int, int, int]]) -> DayValues:
        """The columns of ``(person_id, day, value)`` rows, in the order given."""
        listed = list(rows)
        if not listed:
            return cls()
        person_id, day, value = zip(*listed, strict=True)
        return cls(person_id, day, value)


@dataclass(frozen=True)
class PeopleFilter:
    """Which people: those in any of these tiers, with any of these tags (whole tags,
    any case), among these ids or in any of these organisations."""

    tiers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    ids: tuple[int, ...] = ()
    organisation_ids: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether it matches nobody."""
        return not (self.tiers or self.tags or self.ids or self.organisation_ids)


class Reached(NamedTuple):
    """A person the agenda may look at (an outline: see
    :meth:`allies.services.ports.PersonRepository.reach`), whether the watched filter
    matched them, and their last contact."""

    person: Person
    watched: bool
    last_contact: date | None
