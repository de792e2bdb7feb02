"""Sending the digest: when it is due (the background task), or now (on demand).

A digest goes at most once a day per channel: before sending, the send of the day and
channel is *claimed* in the database (its primary key is the guard), and after it, marked
sent or failed. A failed send is tried again :data:`RETRY_AFTER` later, up to
:data:`ATTEMPTS` times; a send whose sender died mid-way counts as failed after
:data:`RETRY_AFTER`. Nothing is sent on a quiet day, before the chosen time, or when the
agenda is empty (the day is then marked sent with no lines).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from allies.domain.reminders import ReminderSettings
from allies.errors import InvalidInput, NotFound
from allies.services.ports import UnitOfWork
from allies.services.reminders import secrets
from allies.services.reminders.channels import SendFailed, send_apprise, send_email
from allies.services.reminders.digest import Digest, build_digest
from allies.services.reminders.ports import RemindersContext
from allies.services.team.members import member_actor

__all__ = [
    "ATTEMPTS",
    "RETRY_AFTER",
    "SendResult",
    "preview",
    "send_due",
    "send_due_to",
    "send_now",
]

RETRY_AFTER = timedelta(minutes=15)
ATTEMPTS = 5


@dataclass(frozen=True)
class SendResult:
    """What one channel did with one day's digest."""

    channel: str
    day: date
    lines: int
    sent: bool
    error: str = ""
    skipped: str = ""  # why nothing was attempted (sent already, nothing due ...)


def _channels(settings: ReminderSettings, owner: str) -> dict[str, Callable[[Digest], None]]:
    found: dict[str, Callable[[Digest], None]] = {}
    if settings.has_email:
        password = secrets.load_secret(owner, "smtp-password")
        found["email"] = lambda digest: send_email(settings, password, digest)
    url = secrets.load_secret(owner, "apprise-url") if settings.channel else ""
    if url:
        found["apprise"] = lambda digest: send_apprise(url, digest)
    return found


def _load(ctx: RemindersContext, uow: UnitOfWork) -> ReminderSettings:
    with uow:
        settings = ctx.repositories(uow).settings()
    if settings is None:
        raise InvalidInput(
            f"Reminders are not set up for workspace {uow.workspace!r}"
            + (f" and {uow.actor.username}." if uow.actor is not None else "."),
            field="reminders",
            hint="Give a mail server and a recipient, or an Apprise address, first.",
        )
    return settings


def preview(ctx: RemindersContext, uow: UnitOfWork, *, day: date | None = None) -> Digest:
    """The digest that would go now (nothing is sent or recorded)."""
    settings = _load(ctx, uow)
    when = day or datetime.now(UTC).astimezone(settings.zone).date()
    key = ctx.secret_key or settings.link_key
    return build_digest(uow, when, link_key=key, link_base=settings.link_base)


def _send(
    ctx: RemindersContext, uow: UnitOfWork, settings: ReminderSettings, day: date, now: datetime
) -> list[SendResult]:
    channels = _channels(settings, secrets.owner_of(uow))
    if not channels:
        raise InvalidInput(
            "Reminders have nowhere to go: no mail server with a recipient, no Apprise address.",
            field="reminders",
        )
    started = datetime.now(UTC)
    claimed: list[str] = []
    with uow:
        repo = ctx.repositories(uow)
        for channel in channels:
            if repo.claim(day, channel, now, retry_after=RETRY_AFTER, attempts=ATTEMPTS):
                claimed.append(channel)
        uow.commit()
    results = [
        SendResult(c, day, 0, False, skipped="sent already, or retried later")
        for c in channels
        if c not in claimed
    ]
    if not claimed:
        return results
    key = ctx.secret_key or settings.link_key
    digest = build_digest(uow, day, link_key=key, link_base=settings.link_base)
    count = len(digest.lines) + digest.more
    outcomes: dict[str, str] = {}
    for channel in claimed:
        if count == 0:
            outcomes[channel] = ""
            continue
        try:
            channels[channel](digest)
            outcomes[channel] = ""
        except SendFailed as failure:
            outcomes[channel] = str(failure)
    with uow:
        repo = ctx.repositories(uow)
        for channel, error in outcomes.items():
            finished = now + (datetime.now(UTC) - started)  # on the caller's clock
            repo.finish(day, channel, finished, lines=count, error=error)
        uow.commit()
    for channel, error in outcomes.items():
        skipped = "nothing on the agenda" if count == 0 else ""
        results.append(SendResult(channel, day, count, not error and not skipped, error, skipped))
    return results


def send_now(
    ctx: RemindersContext, uow: UnitOfWork, *, now: datetime | None = None
) -> list[SendResult]:
    """Send today's digest now, whatever the hour or the day (still once per channel)."""
    settings = _load(ctx, uow)
    moment = now or datetime.now(UTC)
    return _send(ctx, uow, settings, moment.astimezone(settings.zone).date(), moment)


def send_due(
    ctx: RemindersContext, uow: UnitOfWork, *, now: datetime | None = None
) -> list[SendResult]:
    """Send the digests of the workspace that are due, one per member who set reminders
    up (the background task runs this every few minutes); see :func:`send_due_to`."""
    with uow:
        members = ctx.repositories(uow).members()
    results: list[SendResult] = []
    for member in members:
        if not member:
            results += send_due_to(ctx, ctx.factory(uow.workspace), now=now)
            continue
        try:
            actor = member_actor(ctx.factory, uow.workspace, member)
        except NotFound:
            continue  # no longer a member: nothing goes to them
        results += send_due_to(ctx, ctx.factory(uow.workspace, actor), now=now)
    return results


def send_due_to(
    ctx: RemindersContext, uow: UnitOfWork, *, now: datetime | None = None
) -> list[SendResult]:
    """Send the unit of work's actor today's digest if it is due: set up, enabled, not a
    quiet day, the chosen time passed, not sent yet."""
    with uow:
        settings = ctx.repositories(uow).settings()
    if settings is None or not settings.enabled:
        return []
    moment = now or datetime.now(UTC)
    local = moment.astimezone(settings.zone)
    if settings.quiet_on(local.date()) or local.time() < settings.send_at:
        return []
    if not (settings.has_email or settings.channel):
        return []
    return _send(ctx, uow, settings, local.date(), moment)
