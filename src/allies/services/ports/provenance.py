"""The port of the record sources: which identifier of a person an import attached an
interaction, a tie or an observation through (:mod:`allies.services.network.provenance`)."""

from __future__ import annotations

from typing import Protocol

__all__ = ["RecordSourceRepository"]


class RecordSourceRepository(Protocol):
    """The record sources of one workspace (bookkeeping, not records of their own)."""

    def add(self, rows: list[tuple[str, int, int, str]]) -> None:
        """Note ``(kind, record id, person id, identifier)`` rows."""
        ...

    def for_person(self, person_id: int) -> list[tuple[str, int, str]]:
        """``(kind, record id, identifier)`` of every record linked to the person."""
        ...

    def move(self, kind: str, record_id: int, from_person: int, to_person: int) -> None:
        """The record's sources for ``from_person`` now name ``to_person``."""
        ...

    def forget_person(self, person_id: int) -> int:
        """Delete every source row of the person (removal, erasure); how many."""
        ...
