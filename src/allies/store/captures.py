"""Quick captures of one workspace, by the key the sending device gave each.

Rows are written straight to the connection, not through the audit trail: the record a
capture becomes is audited where it is stored; this row only remembers the sending.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from allies.domain.captures import Capture, CaptureStatus
from allies.store import tables as t

__all__ = ["SqlCaptureRepository"]


class SqlCaptureRepository:
    """The captures of one workspace."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self._conn = connection
        self._workspace_id = workspace_id

    def get(self, key: str) -> Capture | None:
        """The capture sent under ``key``, if one was."""
        c = t.captures.c
        row = self._conn.execute(
            select(t.captures).where(c.workspace_id == self._workspace_id, c.key == key)
        ).first()
        if row is None:
            return None
        return Capture(
            key=row.key,
            kind=row.kind,
            digest=row.digest,
            status=row.status,
            received_at=row.received_at,
            message=row.message or "",
            record_id=row.record_id,
        )

    def receive(self, capture: Capture) -> bool:
        """Keep a capture as received; False when its key was already taken."""
        with self._conn.begin_nested() as savepoint:
            try:
                self._conn.execute(
                    insert(t.captures).values(
                        workspace_id=self._workspace_id,
                        key=capture.key,
                        kind=capture.kind,
                        digest=capture.digest,
                        status=capture.status,
                        message=capture.message,
                        record_id=capture.record_id,
                        received_at=capture.received_at,
                    )
                )
            except IntegrityError:
                savepoint.rollback()
                return False
        return True

    def take_over(self, key: str, older_than: datetime) -> bool:
        """Claim a capture left ``received`` since before ``older_than`` (its storing was
        cut short); True for the one caller that gets it."""
        c = t.captures.c
        done = self._conn.execute(
            update(t.captures)
            .where(
                c.workspace_id == self._workspace_id,
                c.key == key,
                c.status == "received",
                c.received_at < older_than,
            )
            .values(received_at=datetime.now(UTC))
        )
        return done.rowcount == 1

    def settle(
        self, key: str, status: CaptureStatus, message: str, record_id: int | None = None
    ) -> None:
        """Say what became of a capture."""
        c = t.captures.c
        self._conn.execute(
            update(t.captures)
            .where(c.workspace_id == self._workspace_id, c.key == key)
            .values(
                status=status,
                message=message,
                record_id=record_id,
                settled_at=datetime.now(UTC),
            )
        )

    def forget_settled(self, before: datetime) -> int:
        """Forget the captures settled before ``before``; how many were forgotten."""
        c = t.captures.c
        done = self._conn.execute(
            delete(t.captures).where(c.workspace_id == self._workspace_id, c.settled_at < before)
        )
        return done.rowcount
