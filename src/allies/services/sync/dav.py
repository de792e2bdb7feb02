"""CalDAV and CardDAV accounts: what :mod:`allies.services.sync.run` calls.

- :func:`sync_calendar`: every calendar of the account, meetings as interactions
  (:mod:`~allies.services.sync.calendar`);
- :func:`sync_contacts`: every address book, cards as people with their details, and,
  when the account writes back, changes made in allies sent to the server
  (:mod:`~allies.services.sync.contacts`, :mod:`~allies.services.sync.contacts_write`);
- :func:`check_connection`: log in and say what is there (for the account test).

Each returns or raises as the IMAP sync does: a
:class:`~allies.services.sync.summary.SyncSummary`, or
:class:`~allies.services.sync.errors.LoginRefused` /
:class:`~allies.services.sync.errors.ServerUnreachable` naming the account.
"""

from __future__ import annotations

from datetime import date

from allies.domain.accounts import Actor
from allies.domain.sync import AccountKind, SyncAccount
from allies.services.ports import UnitOfWorkFactory
from allies.services.sync.accounts import SyncContext
from allies.services.sync.calendar import sync_calendars
from allies.services.sync.contacts import sync_address_books
from allies.services.sync.credentials import Credentials
from allies.services.sync.dav_client import CALENDAR, CONTACTS, DavSession
from allies.services.sync.dav_run import DavRun
from allies.services.sync.summary import SyncSummary
from allies.services.transfer.import_report import Progress, no_progress

__all__ = ["BATCH_SIZE", "check_connection", "dav_run", "sync_calendar", "sync_contacts"]

#: Calendar objects or cards per transaction.
BATCH_SIZE = 100


def _me(account: SyncAccount) -> tuple[str, ...]:
    mine = [str(m).strip().lower() for m in account.options.get("me", []) if str(m).strip()]
    if "@" in account.username:
        mine.append(account.username.strip().lower())
    return tuple(sorted(set(mine)))


def _session(account: SyncAccount, credentials: Credentials) -> DavSession:
    """A login to the account's server, by password or by OAuth2 bearer token."""
    return DavSession(
        account.name,
        account.url,
        credentials.username,
        credentials.password,
        access_token=credentials.access_token,
    )


def dav_run(
    factory: UnitOfWorkFactory,
    account: SyncAccount,
    credentials: Credentials,
    progress: Progress = no_progress,
    *,
    workspace: str | None = None,
    actor: Actor | None = None,
    batch_size: int = BATCH_SIZE,
    today: date | None = None,
) -> DavRun:
    """The run of one sync of ``account`` (the login is made at its first request)."""
    session = _session(account, credentials)
    return DavRun(
        factory=factory,
        workspace=workspace,
        actor=actor,
        account=account,
        session=session,
        today=today or date.today(),
        me=_me(account),
        progress=progress,
        batch_size=batch_size,
    )


def sync_calendar(
    ctx: SyncContext,
    account: SyncAccount,
    credentials: Credentials,
    progress: Progress = no_progress,
    *,
    batch_size: int = BATCH_SIZE,
    today: date | None = None,
) -> SyncSummary:
    """Sync every calendar of a CalDAV account into the context's workspace.

    Raises
    ------
    allies.services.sync.errors.LoginRefused
        When the server refuses the login (nothing is stored).
    allies.services.sync.errors.ServerUnreachable
        When the server cannot be reached; a later run resumes where this one stopped.
    allies.errors.InvalidInput
        When nobody is marked as me, or no address of mine is known.
    """
    run = dav_run(
        ctx.factory,
        account,
        credentials,
        progress,
        workspace=ctx.workspace,
        actor=ctx.actor,
        batch_size=batch_size,
        today=today,
    )
    return sync_calendars(run)


def sync_contacts(
    ctx: SyncContext,
    account: SyncAccount,
    credentials: Credentials,
    progress: Progress = no_progress,
    *,
    batch_size: int = BATCH_SIZE,
    today: date | None = None,
) -> SyncSummary:
    """Sync every address book of a CardDAV account into the context's workspace (and,
    with ``account.write_back``, send the changes made in allies back).

    Raises
    ------
    allies.services.sync.errors.LoginRefused, allies.services.sync.errors.ServerUnreachable
        As for :func:`sync_calendar`.
    """
    run = dav_run(
        ctx.factory,
        account,
        credentials,
        progress,
        workspace=ctx.workspace,
        actor=ctx.actor,
        batch_size=batch_size,
        today=today,
    )
    return sync_address_books(run)


def check_connection(account: SyncAccount, credentials: Credentials) -> str:
    """Log in and say what the account holds (``"2 calendars"``).

    Raises
    ------
    allies.services.sync.errors.LoginRefused, allies.services.sync.errors.ServerUnreachable
        When the server refuses the login or cannot be reached.
    """
    session = _session(account, credentials)
    kind = CALENDAR if account.kind is AccountKind.CALDAV else CONTACTS
    found = session.collections(kind)
    word = "calendar" if kind == CALENDAR else "address book"
    return f"{len(found)} {word}{'s' if len(found) != 1 else ''}"
