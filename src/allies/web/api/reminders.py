"""``/api/v1/reminders``: the morning digest's settings (no secrets) and what was sent."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from allies.bootstrap import reminders_context
from allies.services.reminders import setup as service
from allies.web.deps import SettingsDep, UoW
from allies.web.schemas.common import ERRORS
from allies.web.schemas.reminders import ReminderSendOut, RemindersOut

router = APIRouter(tags=["reminders"], responses=ERRORS)


@router.get("/reminders", response_model=RemindersOut)
def reminders(uow: UoW, settings: SettingsDep) -> RemindersOut:
    """The reminders of the workspace: when the next digest goes, and the sends of the
    last two weeks (a failed one is retried later)."""
    found = service.status(reminders_context(settings), uow, now=datetime.now(UTC))
    s = found.settings
    return RemindersOut(
        configured=found.configured,
        enabled=s.enabled,
        send_at=f"{s.send_at:%H:%M}",
        timezone=s.timezone,
        quiet_days=[service.DAY_NAMES[d] for d in s.quiet_days],
        email_to=list(s.email_to),
        smtp_host=s.smtp_host,
        smtp_port=s.smtp_port,
        smtp_security=s.smtp_security,
        has_password=found.has_password,
        channel=s.channel if found.has_channel else "",
        next_send=found.next_send,
        sends=[
            ReminderSendOut(
                day=x.day,
                channel=x.channel,
                status=x.status,
                attempts=x.attempts,
                lines=x.lines,
                error=x.error,
            )
            for x in found.sends
        ],
    )
