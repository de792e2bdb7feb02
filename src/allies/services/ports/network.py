"""The network's repositories: people, stated ties and observations.

These are the reads the influence analyses and the people pages lean on: listings, names
in bulk, reach, and the tie and observation columns the graphs are built from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal, Protocol

from allies.domain import (
    Observation,
    ObservationColumns,
    PeopleFilter,
    Person,
    Reached,
    Tie,
    TieColumns,
)
from allies.domain.listing import Listed, ListingFilter, ListingSort
from allies.services.ports.repository import Repository


class PersonRepository(Repository[Person], Protocol):
    """People, with the look-ups names and e-mails need."""

    def me(self) -> Person | None:
        """The owner of the workspace, when one has been set."""
        ...

    def by_email(self, email: str) -> Person | None:
        """The person with this e-mail (case-insensitive), or ``None``."""
        ...

    def named(self, name: str) -> list[Person]:
        """The people called exactly ``name`` (compared without regard to case; without
        regard to accents either when that finds nobody)."""
        ...

    def version_of(self, person_id: int) -> int:
        """The stored version of the person; every save adds one."""
        ...

    def expect_version(self, person_id: int, version: int) -> None:
        """Make the next save of the person raise Conflict unless it is at ``version``."""
        ...

    def listing(
        self,
        listing: ListingFilter,
        sort: ListingSort = "name",
        *,
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[Listed], int]:
        """One page of the people list (every row when ``limit`` is ``None``), filtered
        and sorted, and how many rows the whole list holds."""
        ...

    def several(self, person_ids: Iterable[int]) -> list[Person]:
        """The people with these ids (those of this workspace), oldest id first."""
        ...

    def names(self, person_ids: Iterable[int]) -> dict[int, str]:
        """The names of the people with these ids (those of this workspace)."""
        ...

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
        ...

    def tags(self) -> list[str]:
        """Every tag used in the workspace, sorted."""
        ...

    def head_counts(self, by: Literal["organisation", "unit"]) -> dict[int, int]:
        """How many people each organisation (or unit) has, by its id."""
        ...

    def suggest(self, text: str, limit: int = 20) -> list[tuple[int, str]]:
        """Up to ``limit`` ``(id, name)`` of people whose name holds ``text`` (case and
        accents ignored), names that start with it first."""
        ...


class TieRepository(Repository[Tie], Protocol):
    """Ties between people."""

    def involving(self, person_id: int) -> list[Tie]:
        """Ties from or to the person."""
        ...

    def columns(self, involving: int | None = None) -> TieColumns:
        """Every tie as plain columns, in the order of ``list()``: the same values without
        a domain object per row (what building the whole network reads); with
        ``involving``, only the ties from or to that person."""
        ...


class ObservationRepository(Repository[Observation], Protocol):
    """Observed evidence of influence."""

    def involving(self, person_id: int) -> list[Observation]:
        """Observations whose subject or object is the person."""
        ...

    def columns(self, involving: int | None = None) -> ObservationColumns:
        """Every observation as plain columns, in the order of ``list()``: the same values
        without a domain object per row (what building the whole network reads); with
        ``involving``, only those whose subject or object is that person."""
        ...
