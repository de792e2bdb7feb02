"""Reminders: how a workspace's morning digest is sent, and what was sent.

The secrets (the SMTP password, an Apprise URL, which carries its channel's token) are
never in these values: they live in the operating system's keyring (or the environment
of a server's workers); :attr:`ReminderSettings.channel` only names the channel's kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from allies.errors import InvalidInput

__all__ = [
    "DAY_NAMES",
    "SECURITY",
    "ReminderSend",
    "ReminderSettings",
    "SendStatus",
    "parse_days",
]

#: How the SMTP connection is protected: STARTTLS (RFC 3207), TLS from the start
#: (RFC 8314, port 465) or nothing (a local relay only).
SECURITY = ("starttls", "ssl", "none")
#: Days of the week as ``date.weekday()`` numbers them.
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

SendStatus = Literal["sending", "sent", "failed"]


def parse_days(text: str) -> tuple[int, ...]:
    """Weekdays from ``"sat,sun"`` (three-letter names or full names), Monday = 0.

    >>> parse_days("Sat, sunday")
    (5, 6)
    >>> parse_days("")
    ()
    """
    days: set[int] = set()
    for part in text.replace(" ", ",").split(","):
        word = part.strip().lower()[:3]
        if not word:
            continue
        if word not in DAY_NAMES:
            raise InvalidInput(
                f"{part.strip()!r} is not a day of the week.",
                field="quiet_days",
                hint="Use mon, tue, wed, thu, fri, sat, sun.",
            )
        days.add(DAY_NAMES.index(word))
    return tuple(sorted(days))


@dataclass(frozen=True)
class ReminderSettings:
    """How and when one workspace's digest goes out."""

    email_to: tuple[str, ...] = ()
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_from: str = ""
    channel: str = ""  # the kind of the Apprise channel (its URL's scheme), or ""
    send_at: time = time(7, 30)
    quiet_days: tuple[int, ...] = (5, 6)
    timezone: str = "UTC"
    enabled: bool = True
    link_base: str = "http://127.0.0.1:8000"
    link_key: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if self.smtp_security not in SECURITY:
            raise InvalidInput(
                f"SMTP security {self.smtp_security!r} is not one of {', '.join(SECURITY)}.",
                field="smtp_security",
            )
        if not 1 <= self.smtp_port <= 65535:
            raise InvalidInput("The SMTP port must be 1 to 65535.", field="smtp_port")
        for address in self.email_to:
            if "@" not in address:
                raise InvalidInput(f"{address!r} is not an e-mail address.", field="email_to")
        if any(d not in range(7) for d in self.quiet_days):
            raise InvalidInput("Quiet days are weekdays 0 (Monday) to 6.", field="quiet_days")
        if not self.link_base.startswith(("http://", "https://")):
            raise InvalidInput(
                "The address of the links must start with http:// or https://.",
                field="link_base",
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput(
                f"{self.timezone!r} is not a time zone.",
                field="timezone",
                hint="Use a name such as Europe/Madrid or UTC.",
            ) from None

    @property
    def zone(self) -> ZoneInfo:
        """The time zone the hour and the days are read in."""
        return ZoneInfo(self.timezone)

    @property
    def has_email(self) -> bool:
        """Whether a digest can go by e-mail (a server and a recipient)."""
        return bool(self.smtp_host and self.email_to)

    def quiet_on(self, day: date) -> bool:
        """Whether no digest goes out on ``day``."""
        return day.weekday() in self.quiet_days


@dataclass(frozen=True)
class ReminderSend:
    """One digest of one day on one channel (``email`` or ``apprise``): sent, being
    sent, or failed (and how often it was tried)."""

    day: date
    channel: str
    status: SendStatus
    attempts: int
    updated_at: datetime
    error: str = ""
    lines: int = 0
