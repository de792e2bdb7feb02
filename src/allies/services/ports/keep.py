"""The keeping routine's repositories: interactions, favours, promises and cadences.

Besides the plain records they read the per-day columns the health scores are computed
from, so a whole workspace's health is one query per kind rather than one per person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Protocol

from allies.domain import (
    Cadence,
    DayValues,
    Favour,
    Interaction,
    Promise,
)
from allies.services.ports.repository import Repository


class InteractionRepository(Repository[Interaction], Protocol):
    """Interactions and their participants."""

    def with_person(self, person_id: int) -> list[Interaction]:
        """Interactions the person took part in, newest first."""
        ...

    def summary_with_person(self, person_id: int) -> tuple[int, date | None]:
        """How many interactions the person took part in, and the day of the latest
        (``None`` when none), without reading them."""
        ...

    def newest_with_person(
        self, person_id: int, limit: int, *, before: tuple[date, int] | None = None
    ) -> list[Interaction]:
        """The person's newest ``limit`` interactions (by day, then id), newest first;
        with ``before``, only those after ``(day, id)`` in that order (older, or the same
        day with a lower id)."""
        ...

    def of_campaign(self, campaign_id: int) -> list[Interaction]:
        """The interactions tagged with the campaign (every member's), oldest first."""
        ...

    def latest(self, limit: int) -> list[Interaction]:
        """The ``limit`` most recent interactions (by day, then id), newest first."""
        ...

    def in_window(self, first: date, last: date) -> list[Interaction]:
        """The interactions from ``first`` to ``last`` (both included), oldest first."""
        ...

    def last_contact(
        self, person_ids: Iterable[int] | None = None, *, until: date | None = None
    ) -> dict[int, date]:
        """The day of the latest interaction (on or before ``until``) of each of these
        people, or of everyone who took part in one."""
        ...

    def contact_days(self, person_ids: Iterable[int], *, until: date | None = None) -> DayValues:
        """Each of these people's interactions (on or before ``until``) as ``(person,
        day, tone)`` columns, in no particular order."""
        ...


class FavourRepository(Repository[Favour], Protocol):
    """The favours ledger."""

    def with_person(self, person_id: int) -> list[Favour]:
        """Favours given to or received from the person, newest first."""
        ...

    def favour_days(self, person_ids: Iterable[int], units: Mapping[str, int]) -> DayValues:
        """Each of these people's favours as ``(person, day, signed units)`` columns, in no
        particular order (``units``: per size)."""
        ...

    def owed_favours(self, units: Mapping[str, int], threshold: int) -> list[Favour]:
        """The favours given to or received from the people whose favours to me exceed
        mine to them by ``threshold`` units or more, oldest first (``units``: per size)."""
        ...

    def totals(self, units: Mapping[str, int]) -> dict[int, tuple[int, int]]:
        """Per person, the units of favours given and received (``units``: per size)."""
        ...


class PromiseRepository(Repository[Promise], Protocol):
    """Promises, mine and others'."""

    def involving(self, person_id: int) -> list[Promise]:
        """Promises the person made or received, newest first."""
        ...

    def between(self, person_id: int, others: Iterable[int]) -> list[Promise]:
        """The promises between the person and any of ``others``, either way."""
        ...

    def for_agenda(self, person_id: int, due_by: date, others: Iterable[int]) -> list[Promise]:
        """The open promises the person made or received that fall due on or before
        ``due_by``, and every promise between the person and any of ``others``."""
        ...


class CadenceRepository(Repository[Cadence], Protocol):
    """Check-in cadences."""

    def for_person(self, person_id: int) -> Cadence | None:
        """The cadence set on the person themselves, if any."""
        ...

    def for_tag(self, tag: str) -> Cadence | None:
        """The cadence set on a tag, if any."""
        ...

    def for_tier(self, tier: str) -> Cadence | None:
        """The cadence set on a tier, if any."""
        ...
