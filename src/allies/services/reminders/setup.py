"""The reminders' settings of a workspace: read them with what was sent, change them.

Secrets given here (the SMTP password, the Apprise URL) go to the keyring
(:mod:`~allies.services.reminders.secrets`); the database keeps only the rest, and of an
Apprise URL only its kind.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from allies.domain.reminders import DAY_NAMES, SECURITY, ReminderSend, ReminderSettings, parse_days
from allies.errors import Forbidden, InvalidInput
from allies.services.ports import UnitOfWork
from allies.services.reminders import secrets
from allies.services.reminders.channels import apprise_kind
from allies.services.reminders.links import new_link_key
from allies.services.reminders.ports import RemindersContext

__all__ = [
    "DAY_NAMES",
    "SECURITY",
    "ReminderStatus",
    "configure",
    "next_send",
    "parse_days",
    "parse_time",
    "status",
]

#: How many days of sends the status shows.
HISTORY_DAYS = 14


@dataclass(frozen=True)
class ReminderStatus:
    """A workspace's reminders as the settings page and ``allies remind status`` show them."""

    settings: ReminderSettings
    configured: bool
    has_password: bool
    has_channel: bool
    sends: list[ReminderSend]
    next_send: datetime | None

    @property
    def failed(self) -> list[ReminderSend]:
        """The sends that failed (they are retried)."""
        return [s for s in self.sends if s.status == "failed"]


def parse_time(text: str) -> time:
    """``"7:30"`` or ``"07:30"`` as a time of day.

    >>> parse_time("7:30")
    datetime.time(7, 30)
    """
    try:
        hours, _, minutes = text.strip().partition(":")
        return time(int(hours), int(minutes or 0))
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a time of day.", field="send_at", hint="Write it as 07:30."
        ) from None


def next_send(settings: ReminderSettings, now: datetime, sent_today: bool) -> datetime | None:
    """When the next digest is due (aware, in the settings' zone); None when disabled."""
    if not settings.enabled or not (settings.has_email or settings.channel):
        return None
    local = now.astimezone(settings.zone)
    day = local.date()
    for offset in range(8):
        candidate = day + timedelta(days=offset)
        if settings.quiet_on(candidate) or (offset == 0 and sent_today):
            continue
        moment = datetime.combine(candidate, settings.send_at, tzinfo=settings.zone)
        return max(moment, local) if offset == 0 else moment
    return None


def _check_writer(uow: UnitOfWork) -> None:
    actor = uow.actor
    if actor is not None and not actor.can_write:
        raise Forbidden(
            f"{actor.username} may only read workspace {uow.workspace!r}.",
            hint="Ask an owner of the workspace for the editor role.",
        )


def status(
    ctx: RemindersContext, uow: UnitOfWork, *, now: datetime | None = None
) -> ReminderStatus:
    """The settings of the unit of work's actor (defaults when never set up), what was
    sent lately, what comes next."""
    moment = now or datetime.now(UTC)
    with uow:
        repo = ctx.repositories(uow)
        stored = repo.settings()
        settings = stored or ReminderSettings()
        sends = repo.sends(moment.astimezone(settings.zone).date() - timedelta(days=HISTORY_DAYS))
    today = moment.astimezone(settings.zone).date()
    sent_today = any(s.day == today and s.status == "sent" for s in sends)
    return ReminderStatus(
        settings=settings,
        configured=stored is not None,
        has_password=bool(secrets.load_secret(secrets.owner_of(uow), "smtp-password")),
        has_channel=bool(secrets.load_secret(secrets.owner_of(uow), "apprise-url")),
        sends=sends,
        next_send=next_send(settings, moment, sent_today) if stored else None,
    )


def configure(
    ctx: RemindersContext,
    uow: UnitOfWork,
    *,
    smtp_password: str | None = None,
    apprise_url: str | None = None,
    **changes: Any,
) -> ReminderSettings:
    """Change the settings (only the fields given), keep the secrets in the keyring.

    Parameters
    ----------
    smtp_password
        Kept in the keyring; ``""`` forgets it.
    apprise_url
        Kept in the keyring, its kind in the settings; ``""`` removes the channel.
    **changes
        Fields of :class:`~allies.domain.reminders.ReminderSettings` (``email_to`` as a
        tuple, ``send_at`` as a time, ``quiet_days`` as weekday numbers ...).

    Raises
    ------
    allies.errors.InvalidInput
        When a field is unknown or a value breaks a rule.
    allies.errors.Forbidden
        When the actor may only read the workspace.
    """
    _check_writer(uow)
    known = {f.name for f in dataclasses.fields(ReminderSettings)} - {"link_key", "channel"}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise InvalidInput(f"Reminders have no setting {unknown[0]!r}.", field=unknown[0])
    if apprise_url is not None:
        kind = apprise_kind(apprise_url.strip())
        if apprise_url.strip() and not _apprise_understands(apprise_url.strip()):
            raise InvalidInput(
                f"Apprise does not understand this {kind or 'URL'} address.",
                field="apprise_url",
                hint="See the Apprise wiki for the address of each channel "
                "(ntfy://, mailto://, slack://, tgram:// ...).",
            )
        changes["channel"] = kind
    with uow:
        repo = ctx.repositories(uow)
        current = repo.settings() or ReminderSettings(link_key=new_link_key())
        updated = dataclasses.replace(current, **changes)
        if not updated.link_key:
            updated = dataclasses.replace(updated, link_key=new_link_key())
        repo.put_settings(updated)
        if smtp_password is not None:
            _keep(secrets.owner_of(uow), "smtp-password", smtp_password)
        if apprise_url is not None:
            _keep(secrets.owner_of(uow), "apprise-url", apprise_url.strip())
        uow.commit()
    return updated


def _keep(owner: str, which: secrets.Secret, value: str) -> None:
    if value:
        secrets.save_secret(owner, which, value)
    else:
        secrets.forget_secret(owner, which)


def _apprise_understands(url: str) -> bool:
    import apprise

    return bool(apprise.Apprise().add(url))
