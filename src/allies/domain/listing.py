"""What a list of people is narrowed to and sorted by, and one row of it.

Value objects shared by the services, which ask for a page of the people list, and the
store, which answers with one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from allies.domain.people import Person

ListingSort = Literal["name", "last-contact", "level", "unit", "id"]

#: The order of the levels when sorting by level (no level last).
LEVEL_ORDER = ("above", "peer", "below", "external")


@dataclass(frozen=True)
class ListingFilter:
    """What the people list is narrowed to (every part optional; text compared without
    regard to case)."""

    search: str | None = None
    tag: str | None = None
    unit: str | None = None
    organisation: str | None = None
    level: str | None = None
    contacted_since: date | None = None
    not_contacted_since: date | None = None
    never_contacted: bool = False

    @property
    def needs_contacts(self) -> bool:
        """Whether the filter looks at everyone's last contact."""
        return bool(self.contacted_since or self.not_contacted_since or self.never_contacted)


@dataclass(frozen=True)
class Listed:
    """One row of the list: the person, the names of their organisation and unit, and the
    day of their latest interaction."""

    person: Person
    organisation: str
    unit: str
    last_contact: date | None
