"""The generic repository every kind of workspace record has.

Get, find, list, add, save and remove one kind of domain object; the repositories of the
feature ports add their own reads on top of these.
"""

from __future__ import annotations

import builtins
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class Repository(Protocol[T]):
    """The operations every repository offers on its kind of entity."""

    def add(self, entity: T) -> T:
        """Store a new entity; sets and returns it with its ``id``."""
        ...

    def get(self, entity_id: int) -> T:
        """The entity with ``entity_id``; raises :class:`allies.errors.NotFound`."""
        ...

    def find(self, entity_id: int) -> T | None:
        """The entity with ``entity_id``, or ``None``."""
        ...

    def list(self) -> list[T]:
        """Every entity of this kind in the workspace, oldest id first."""
        ...

    def save(self, entity: T) -> T:
        """Write back the changes made to an entity already stored."""
        ...

    def remove(self, entity_id: int) -> None:
        """Delete the entity (raises NotFound if absent)."""
        ...

    def count(self, limit: int | None = None) -> int:
        """How many entities of this kind the workspace holds (counting no further than
        ``limit``, when given)."""
        ...

    def distinct_values(self, column: str) -> builtins.list[Any]:
        """The different values of one column across the workspace (no null), sorted."""
        ...
