"""The port of bulk additions: many new people or card details in one go (a large import)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from allies.domain import Person
from allies.domain.cards import CardDetails

__all__ = ["BulkRepository"]


class BulkRepository(Protocol):
    """Adds batches of new records as the repositories' ``add`` would, audit entries
    included, with a few statements a batch instead of several a record."""

    def add_people(self, people: Sequence[Person]) -> None:
        """Store new people (sets their ``id``, ``created_at`` and ``updated_at``)."""
        ...

    def add_cards(self, cards: Sequence[CardDetails]) -> None:
        """Store new card details (sets their ``id``)."""
        ...
