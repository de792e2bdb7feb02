"""What reminders need from storage: their settings and the log of sends, per workspace.

:mod:`allies.bootstrap` hands the store's implementation over (see
:class:`RemindersContext`); the services never import the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from allies.domain.reminders import ReminderSend, ReminderSettings
from allies.services.ports import UnitOfWork, UnitOfWorkFactory

__all__ = ["ReminderRepository", "RemindersContext"]


class ReminderRepository(Protocol):
    """The reminder settings and sends of one member of a workspace (the unit of work's
    actor; ``""`` on a laptop), on an open unit of work."""

    def members(self) -> list[str]:
        """Every member of the workspace who set reminders up."""
        ...

    def settings(self) -> ReminderSettings | None:
        """The settings, or None when reminders were never set up."""
        ...

    def put_settings(self, settings: ReminderSettings) -> None:
        """Store the settings (committed with the unit of work)."""
        ...

    def sends(self, since: date) -> list[ReminderSend]:
        """The sends of ``since`` and after, newest first."""
        ...

    def claim(
        self, day: date, channel: str, now: datetime, *, retry_after: timedelta, attempts: int
    ) -> bool:
        """Take the send of ``day`` on ``channel``; True when it is ours to make now."""
        ...

    def finish(
        self, day: date, channel: str, now: datetime, *, lines: int, error: str = ""
    ) -> None:
        """Record how the send ended."""
        ...


@dataclass(frozen=True)
class RemindersContext:
    """What the reminders' use cases need, wired by the composition root.

    ``repositories`` gives the reminder repository of an open unit of work;
    ``secret_key`` (a team server's) signs the links of the digest, else each workspace's
    own random key does.
    """

    factory: UnitOfWorkFactory
    repositories: Callable[[UnitOfWork], ReminderRepository]
    secret_key: str = ""
