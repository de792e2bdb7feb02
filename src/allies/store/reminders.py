"""Reminder settings and the digests sent, inside a unit of work.

Rows are written straight to the unit of work's connection, not through the audit trail:
they are configuration and a log of sends, not records of the network.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from allies.domain.reminders import ReminderSend, ReminderSettings
from allies.store import tables as t
from allies.store.uow import SqlUnitOfWork

__all__ = ["SqlReminderRepository", "reminder_repository"]

_R = t.reminder_settings.c
_S = t.reminder_sends.c


def _settings(row: Any) -> ReminderSettings:
    return ReminderSettings(
        email_to=tuple(a for a in (row.email_to or "").split(",") if a),
        smtp_host=row.smtp_host,
        smtp_port=int(row.smtp_port),
        smtp_security=row.smtp_security,
        smtp_user=row.smtp_user,
        smtp_from=row.smtp_from,
        channel=row.channel,
        send_at=row.send_at,
        quiet_days=tuple(int(d) for d in (row.quiet_days or "").split(",") if d),
        timezone=row.timezone,
        enabled=bool(row.enabled),
        link_base=row.link_base,
        link_key=row.link_key,
    )


def _send(row: Any) -> ReminderSend:
    return ReminderSend(
        day=row.day,
        channel=row.channel,
        status=row.status,
        attempts=int(row.attempts),
        updated_at=row.updated_at,
        error=row.error or "",
        lines=int(row.lines),
    )


class SqlReminderRepository:
    """The reminder settings and sends of one member of a workspace (``""`` on a laptop),
    on an open unit of work's connection (committed with it)."""

    def __init__(self, connection: Connection, workspace_id: int, member: str = "") -> None:
        self._conn = connection
        self._workspace_id = workspace_id
        self._member = member

    def members(self) -> list[str]:
        """Every member of the workspace who set reminders up (``""``: the laptop's user)."""
        rows = self._conn.execute(
            select(_R.member).where(_R.workspace_id == self._workspace_id).order_by(_R.member)
        )
        return [row.member for row in rows]

    def settings(self) -> ReminderSettings | None:
        """The member's settings, or None when they never set reminders up."""
        row = self._conn.execute(
            select(t.reminder_settings).where(
                _R.workspace_id == self._workspace_id, _R.member == self._member
            )
        ).first()
        return None if row is None else _settings(row)

    def put_settings(self, settings: ReminderSettings) -> None:
        """Store the settings, replacing what was stored."""
        self._conn.execute(
            delete(t.reminder_settings).where(
                _R.workspace_id == self._workspace_id, _R.member == self._member
            )
        )
        self._conn.execute(
            insert(t.reminder_settings).values(
                workspace_id=self._workspace_id,
                member=self._member,
                email_to=",".join(settings.email_to),
                smtp_host=settings.smtp_host,
                smtp_port=settings.smtp_port,
                smtp_security=settings.smtp_security,
                smtp_user=settings.smtp_user,
                smtp_from=settings.smtp_from,
                channel=settings.channel,
                send_at=settings.send_at,
                quiet_days=",".join(str(d) for d in settings.quiet_days),
                timezone=settings.timezone,
                enabled=settings.enabled,
                link_base=settings.link_base,
                link_key=settings.link_key,
            )
        )

    def sends(self, since: date) -> list[ReminderSend]:
        """The sends of ``since`` and after, newest first."""
        rows = self._conn.execute(
            select(t.reminder_sends)
            .where(
                _S.workspace_id == self._workspace_id, _S.member == self._member, _S.day >= since
            )
            .order_by(_S.day.desc(), _S.channel)
        )
        return [_send(row) for row in rows]

    def claim(
        self, day: date, channel: str, now: datetime, *, retry_after: timedelta, attempts: int
    ) -> bool:
        """Take the send of ``day`` on ``channel``: True when it is ours to make now.

        It is not when it was sent, when it is being sent (unless that started more than
        ``retry_after`` ago and was never finished: the sender died), when it failed less
        than ``retry_after`` ago, or when it failed ``attempts`` times already.
        """
        key = (
            _S.workspace_id == self._workspace_id,
            _S.member == self._member,
            _S.day == day,
            _S.channel == channel,
        )
        row = self._conn.execute(select(t.reminder_sends).where(*key).with_for_update()).first()
        if row is None:
            self._conn.execute(
                insert(t.reminder_sends).values(
                    workspace_id=self._workspace_id,
                    member=self._member,
                    day=day,
                    channel=channel,
                    status="sending",
                    attempts=1,
                    lines=0,
                    error="",
                    updated_at=now,
                )
            )
            return True
        if row.status == "sent" or row.attempts >= attempts:
            return False
        if row.updated_at > now - retry_after:
            return False
        taken = self._conn.execute(
            update(t.reminder_sends)
            .where(*key, _S.attempts == row.attempts)
            .values(status="sending", attempts=row.attempts + 1, updated_at=now)
        )
        return bool(taken.rowcount)

    def finish(
        self, day: date, channel: str, now: datetime, *, lines: int, error: str = ""
    ) -> None:
        """Record how the send of ``day`` on ``channel`` ended (sent, or failed with
        ``error``)."""
        self._conn.execute(
            update(t.reminder_sends)
            .where(
                _S.workspace_id == self._workspace_id,
                _S.member == self._member,
                _S.day == day,
                _S.channel == channel,
            )
            .values(
                status="failed" if error else "sent",
                error=error[:2000],
                lines=lines,
                updated_at=now,
            )
        )


def reminder_repository(uow: SqlUnitOfWork) -> SqlReminderRepository:
    """The reminder repository of an open unit of work: its connection, its workspace and
    its actor (the member; ``""`` when there is none, on a laptop)."""
    connection = uow.connection
    workspace_id = connection.scalar(
        select(t.workspaces.c.id).where(t.workspaces.c.name == uow.workspace)
    )
    member = uow.actor.username if uow.actor is not None else ""
    return SqlReminderRepository(connection, int(workspace_id or 0), member)
