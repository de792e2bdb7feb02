"""The agenda lines already handled in one workspace (done, snoozed or dismissed).

Rows are written straight to the connection, not through the audit trail: the natural
action of a line (an interaction logged, a promise kept) is audited where it is stored,
and the handled line only says the line was dealt with.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from allies.domain.agenda import HandledLine
from allies.store import tables as t

__all__ = ["SqlAgendaHandledRepository"]

_CHUNK = 500


class SqlAgendaHandledRepository:
    """The handled agenda lines of one workspace, by line key.

    Each member of a team has an agenda of their own, so a line one member handled stays
    on the others' agendas: a member with a person of their own (``member``, their user
    id) keeps their lines under their own keys; the workspace's own "me" and the local
    user keep the plain ones.
    """

    def __init__(
        self, connection: Connection, workspace_id: int, member: int | None = None
    ) -> None:
        self._conn = connection
        self._workspace_id = workspace_id
        self._suffix = "" if member is None else f"@{member}"

    def _stored(self, line_key: str) -> str:
        return line_key + self._suffix

    def get_many(self, line_keys: Iterable[str]) -> dict[str, HandledLine]:
        """The handled lines among ``line_keys``, by key."""
        wanted = sorted({self._stored(key) for key in line_keys})
        c = t.agenda_handled.c
        found: dict[str, HandledLine] = {}
        for start in range(0, len(wanted), _CHUNK):
            rows = self._conn.execute(
                select(t.agenda_handled).where(
                    c.workspace_id == self._workspace_id,
                    c.line_key.in_(wanted[start : start + _CHUNK]),
                )
            )
            for row in rows:
                key = row.line_key[: len(row.line_key) - len(self._suffix)]
                found[key] = HandledLine(
                    line_key=key,
                    action=row.action,
                    handled_on=row.handled_on,
                    until=row.until,
                    reason=row.reason or "",
                    handled_by=row.handled_by,
                    handled_at=row.handled_at,
                )
        return found

    def put(self, line: HandledLine) -> HandledLine:
        """Store what was done with a line, replacing what was stored for its key."""
        stamped = HandledLine(
            line_key=line.line_key,
            action=line.action,
            handled_on=line.handled_on,
            until=line.until,
            reason=line.reason,
            handled_by=line.handled_by,
            handled_at=line.handled_at or datetime.now(UTC),
        )
        self.remove(line.line_key)
        self._conn.execute(
            insert(t.agenda_handled).values(
                workspace_id=self._workspace_id,
                line_key=self._stored(stamped.line_key),
                action=stamped.action,
                handled_on=stamped.handled_on,
                until=stamped.until,
                reason=stamped.reason,
                handled_by=stamped.handled_by,
                handled_at=stamped.handled_at,
            )
        )
        return stamped

    def remove(self, line_key: str) -> bool:
        """Forget what was done with a line; False when nothing was stored for it."""
        c = t.agenda_handled.c
        result = self._conn.execute(
            delete(t.agenda_handled).where(
                c.workspace_id == self._workspace_id, c.line_key == self._stored(line_key)
            )
        )
        return bool(result.rowcount)
