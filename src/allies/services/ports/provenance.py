"""The port of the record sources: which identifier of a person an import attached an
interaction, a tie or an observation through (:mod:`allies.services.network.provenance`)."""

from __future__ import annotations

import builtins
from typing import Protocol

from allies.domain.provenance import RecordSource

__all__ = ["RecordSourceRepository"]


class RecordSourceRepository(Protocol):
    """The record sources of one workspace (bookkeeping, not records of their own)."""

    def add(self, rows: builtins.list[tuple[str, int, int, str]]) -> None:
        """Note ``(kind, record id, person id, identifier)`` rows."""
        ...

    def list(self) -> builtins.list[RecordSource]:
        """Every record source of the workspace, in the order they were noted."""
        ...

    def count(self) -> int:
        """How many record sources the workspace holds."""
        ...

    def origins(self, kind: str, item: str) -> builtins.list[tuple[int, str]]:
        """``(record id, origin)`` of every row of a ``kind`` record whose origin names
        an item beginning with ``item`` (``message <``), whatever the file."""
        ...

    def for_person(self, person_id: int) -> builtins.list[tuple[str, int, str]]:
        """``(kind, record id, identifier)`` of every record linked to the person."""
        ...

    def move(
        self,
        kind: str,
        record_id: int,
        from_person: int,
        to_person: int,
        *,
        to_record: int | None = None,
        identifier: str | None = None,
    ) -> None:
        """The record's sources for ``from_person`` now name ``to_person`` (and, with
        ``to_record``, that record); only the row of ``identifier`` when given."""
        ...

    def forget_person(self, person_id: int) -> int:
        """Delete every source row of the person (removal, erasure); how many."""
        ...
