"""The reminders as the API shows them: settings without secrets, and what was sent."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field


class ReminderSendOut(BaseModel):
    """One day's digest on one channel."""

    day: date
    channel: str = Field(description="email or apprise.")
    status: str = Field(description="sent, failed (retried later) or sending.")
    attempts: int
    lines: int = Field(description="How many lines the digest held.")
    error: str = Field(description="Why it failed, when it did.")


class RemindersOut(BaseModel):
    """How and when the morning digest goes; never a password or an Apprise address."""

    configured: bool
    enabled: bool
    send_at: str = Field(description="The time of day, HH:MM, in `timezone`.")
    timezone: str
    quiet_days: list[str] = Field(description="Days with no digest (mon ... sun).")
    email_to: list[str]
    smtp_host: str
    smtp_port: int
    smtp_security: str
    has_password: bool = Field(description="Whether a mail password is kept (in the keyring).")
    channel: str = Field(description="The kind of Apprise channel (ntfy, slack ...), or ''.")
    next_send: datetime | None
    sends: list[ReminderSendOut] = Field(description="The sends of the last two weeks.")
