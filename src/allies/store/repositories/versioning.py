"""The version checks of :mod:`allies.store.versions`, for the generic repository.

:class:`VersionedRows` is mixed into :class:`allies.store.repositories.base.SqlRepository`:
for a table of :data:`allies.store.tables.VERSIONED` it adds ``version = :expected`` to
the ``UPDATE`` or ``DELETE`` when the request names the version it read, turns a write
that missed only for that reason into :class:`allies.errors.StaleRecord`, and notes the
versions read and written for the answer's ``ETag``.
"""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, select

from allies.errors import NextStep, StaleRecord
from allies.store import versions

__all__ = ["VersionedRows"]


class VersionedRows:
    """Version checks for a repository with ``_table``, ``_conn``, ``_map`` and
    ``_in_workspace`` (see :class:`allies.store.repositories.base.SqlRepository`)."""

    _table: Table
    _conn: Connection
    _map: Any

    def _in_workspace(self) -> ColumnElement[bool]:  # pragma: no cover - the repository's
        raise NotImplementedError

    def _versioned(self) -> bool:
        """Whether rows of this kind carry a version the API checks (people keep theirs)."""
        return self._table.name != "people" and "version" in self._table.c

    def _version_guard(self, entity_id: int) -> builtins.list[ColumnElement[bool]]:
        """``version = :expected`` when the request names the version it read."""
        watch = versions.current()
        if watch is None or not self._versioned():
            return []
        expected = watch.expected_for(self._map.kind, entity_id)
        return [] if expected is None else [self._table.c.version == expected]

    def _stale(self, entity_id: int) -> StaleRecord | None:
        """The refusal of a write that missed only because the version moved on."""
        if not self._version_guard(entity_id):
            return None
        stored = self._conn.scalar(
            select(self._table.c.version).where(self._table.c.id == entity_id, self._in_workspace())
        )
        return None if stored is None else self._refusal(entity_id, int(stored))

    def _refusal(self, entity_id: int, stored: int) -> StaleRecord:
        watch = versions.current()
        expected = watch.expected_for(self._map.kind, entity_id) if watch else None
        return StaleRecord(
            f"This {self._map.kind} was changed by someone else since it was read: it is "
            f"now at version {stored}, not {expected}.",
            hint="Read it again and make your change on what it holds now.",
            next_step=NextStep("reload", self._map.kind, {self._map.kind: entity_id}),
            kind=self._map.kind,
            record_id=entity_id,
        )

    def _note_versions(self, rows: builtins.list[Any]) -> None:
        """Note the versions read; a record the request expects at another version is
        refused at once (its write would be refused anyway: the precondition comes
        before anything else the request would check, RFC 9110, 13.2.2)."""
        watch = versions.current()
        if watch is None or not self._versioned():
            return
        for row in rows:
            expected = watch.expected_for(self._map.kind, row["id"])
            if expected is not None and expected != row["version"]:
                raise self._refusal(row["id"], int(row["version"]))
            watch.saw(self._map.kind, row["id"], row["version"])

    def _note_written(self, entity_id: int) -> None:
        watch = versions.current()
        if watch is None or not self._versioned():
            return
        stored = self._conn.scalar(
            select(self._table.c.version).where(self._table.c.id == entity_id)
        )
        if stored is not None:
            watch.saw(self._map.kind, entity_id, stored, wrote=True)
            if watch.expected_for(self._map.kind, entity_id) is not None:
                versions.expecting(self._map.kind, entity_id, stored)  # a second save
