"""Stored analyses of one workspace's network, by kind and fingerprint.

A cache kept in the database, so every app process on it shares it (like the day's plans
of :mod:`allies.store.plan_days`): the services store a result under a fingerprint of the
graph and parameters it came from, and read it back while the fingerprint matches. Rows
are written straight to the connection, not through the audit trail, so any member of the
workspace (a viewer too) can store them. Only the newest few keys of a kind are kept.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, literal, select
from sqlalchemy.exc import IntegrityError, OperationalError

from allies.store import tables as t

__all__ = ["SqlAnalysisCacheRepository"]

#: How many keys of one kind a workspace keeps (other days, seeds or half-lives).
KEEP = 4


class SqlAnalysisCacheRepository:
    """The stored analyses of one workspace."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self._conn = connection
        self._workspace_id = workspace_id

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored for ``kind`` under ``key``, or None."""
        c = t.analysis_cache.c
        found = self._conn.scalar(
            select(c.payload).where(
                c.workspace_id == self._workspace_id, c.kind == kind, c.key == key
            )
        )
        return None if found is None else bytes(found)

    def has(self, kind: str, key: str) -> bool:
        """Whether a payload is stored for ``kind`` under ``key``: the payload (the map's
        layout or a large network's graph, megabytes) is not read."""
        c = t.analysis_cache.c
        found = self._conn.scalar(
            select(literal(1)).where(
                c.workspace_id == self._workspace_id, c.kind == kind, c.key == key
            )
        )
        return found is not None

    def newest(self, kind: str) -> list[tuple[str, datetime, bytes]]:
        """Every stored result of ``kind`` as ``(key, computed at, payload)``, newest
        first (at most :data:`KEEP`)."""
        c = t.analysis_cache.c
        rows = self._conn.execute(
            select(c.key, c.computed_at, c.payload)
            .where(c.workspace_id == self._workspace_id, c.kind == kind)
            .order_by(c.computed_at.desc())
            .limit(KEEP)
        ).all()
        return [(str(key), at, bytes(payload)) for key, at, payload in rows]

    def put(self, kind: str, key: str, payload: bytes) -> bool:
        """Store a payload, keeping only the newest few keys of the kind.

        Returns False, storing nothing, when another process stored the same key at the
        same time, or (SQLite) a transaction that began before another write may not write.
        """
        c = t.analysis_cache.c
        mine = (c.workspace_id == self._workspace_id) & (c.kind == kind)
        try:
            with self._conn.begin_nested():
                self._conn.execute(delete(t.analysis_cache).where(mine, c.key == key))
                older = self._conn.scalars(
                    select(c.key).where(mine).order_by(c.computed_at.desc()).offset(KEEP - 1)
                ).all()
                if older:
                    self._conn.execute(delete(t.analysis_cache).where(mine, c.key.in_(older)))
                self._conn.execute(
                    insert(t.analysis_cache).values(
                        workspace_id=self._workspace_id,
                        kind=kind,
                        key=key,
                        computed_at=datetime.now(UTC),
                        payload=payload,
                    )
                )
        except IntegrityError:
            return False
        except OperationalError:
            if self._conn.dialect.name != "sqlite":
                raise
            return False
        return True

    def clear(self) -> int:
        """Delete every stored analysis of the workspace; returns how many there were."""
        c = t.analysis_cache.c
        result = self._conn.execute(
            delete(t.analysis_cache).where(c.workspace_id == self._workspace_id)
        )
        return int(result.rowcount or 0)
