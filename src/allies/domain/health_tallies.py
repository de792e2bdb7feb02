"""What the store sums up for relationship health, per person and period (issue 22).

Scoring every relationship of a workspace of twenty thousand people needs, per person
and for each day of the trend, how many interactions there were up to that day, the
latest, their decay-weighted count and tone, the favours each way and the promises
between us. The store answers with these sums, one row per person and *period*, instead
of one object per interaction; :mod:`allies.analysis.health_tallies` scores them.

The periods are cut by ``bounds``, days in ascending order: period 0 holds everything on
or before ``bounds[0]``, period ``k`` what falls after ``bounds[k - 1]`` and on or before
``bounds[k]``; nothing after the last bound is counted. Decay weights are
``2 ** ((day - bounds[-1]) / half_life)``, relative to the last bound, so a sum up to an
earlier bound is the sum of its periods times ``2 ** ((bounds[-1] - bound) / half_life)``.

Examples
--------
>>> contacts = ContactTallies.of([(7, 0, 2, 738000, 0.5, 0.25)])
>>> contacts.person_id, contacts.last_day
((7,), (738000,))
>>> ContactTallies().person_id
()
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "ContactTallies",
    "FavourTallies",
    "HealthTallies",
    "PeopleColumns",
    "PromiseColumns",
]


def _columns(rows: Iterable[Sequence[object]], width: int) -> list[tuple[object, ...]]:
    listed = list(rows)
    if not listed:
        return [()] * width
    return list(zip(*listed, strict=True))


@dataclass(frozen=True)
class ContactTallies:
    """Interactions per person and period, as parallel columns (a row only where there
    was at least one).

    Attributes
    ----------
    person_id, period : sequence of int
        Whose and which period (see the module notes).
    count : sequence of int
        How many interactions.
    last_day : sequence of int
        The latest one's day (:meth:`datetime.date.toordinal`).
    decayed : sequence of float
        The sum of their decay weights.
    decayed_tone : sequence of float
        The sum of tone (-2..+2) times decay weight.
    """

    person_id: Sequence[int] = ()
    period: Sequence[int] = ()
    count: Sequence[int] = ()
    last_day: Sequence[int] = ()
    decayed: Sequence[float] = ()
    decayed_tone: Sequence[float] = ()

    @classmethod
    def of(cls, rows: Iterable[Sequence[object]]) -> ContactTallies:
        """The columns of ``(person, period, count, last day, decayed, decayed tone)`` rows."""
        return cls(*_columns(rows, 6))  # type: ignore[arg-type]


@dataclass(frozen=True)
class FavourTallies:
    """Favours per person and period, in units (small 1, medium 3, large 9).

    Attributes
    ----------
    person_id, period, count : sequence of int
        Whose, which period and how many favours either way.
    given, received : sequence of float
        The units I gave them and they gave me.
    """

    person_id: Sequence[int] = ()
    period: Sequence[int] = ()
    count: Sequence[int] = ()
    given: Sequence[float] = ()
    received: Sequence[float] = ()

    @classmethod
    def of(cls, rows: Iterable[Sequence[object]]) -> FavourTallies:
        """The columns of ``(person, period, count, given, received)`` rows."""
        return cls(*_columns(rows, 5))  # type: ignore[arg-type]


@dataclass(frozen=True)
class PromiseColumns:
    """The promises between me and others that count (released ones left out).

    Attributes
    ----------
    person_id : sequence of int
        The other party.
    made, due, resolved : sequence of int or None
        Days (ordinals); ``None`` for no due day, or a promise still open.
    status : sequence of str
        open, kept, late or broken.
    """

    person_id: Sequence[int] = ()
    made: Sequence[int] = ()
    due: Sequence[int | None] = ()
    resolved: Sequence[int | None] = ()
    status: Sequence[str] = ()

    @classmethod
    def of(cls, rows: Iterable[Sequence[object]]) -> PromiseColumns:
        """The columns of ``(other party, made, due, resolved, status)`` rows."""
        return cls(*_columns(rows, 5))  # type: ignore[arg-type]


@dataclass(frozen=True)
class PeopleColumns:
    """Everyone but me, by ascending id: what the health list shows and resolves
    cadences with (``tags`` is empty when not asked for)."""

    ids: Sequence[int] = ()
    names: Sequence[str] = ()
    tiers: Sequence[str | None] = ()
    tags: Sequence[Sequence[str]] = ()


@dataclass(frozen=True)
class HealthTallies:
    """Everything the health of all my relationships is computed from.

    Attributes
    ----------
    bounds : tuple of date
        The days that cut the periods, ascending.
    half_life : float
        Of the decay weights, in days.
    me_id : int or None
        Who I am (``None`` when nobody is marked).
    people : PeopleColumns
        Everyone else.
    contacts, favours : ContactTallies, FavourTallies
        Per person and period.
    promises : PromiseColumns
        Between me and each of them.
    """

    bounds: tuple[date, ...]
    half_life: float
    me_id: int | None
    people: PeopleColumns = field(default_factory=PeopleColumns)
    contacts: ContactTallies = field(default_factory=ContactTallies)
    favours: FavourTallies = field(default_factory=FavourTallies)
    promises: PromiseColumns = field(default_factory=PromiseColumns)
