"""Syncing accounts: one by name, or all of a workspace, each by its kind.

- ``imap``: :func:`allies.services.sync.imap.sync_imap`, here.
- ``caldav`` and ``carddav``: ``sync_calendar`` and ``sync_contacts`` of
  :mod:`allies.services.sync.dav`, called as ``sync_calendar(ctx, account, credentials,
  progress)`` and returning a :class:`~allies.services.sync.summary.SyncSummary`.

Whatever happens, the account's row says when it last synced and what went wrong (or
what it did); the error itself goes up to the caller (a refused login, a server that is
down) so the command line, the page or the job queue can say so, or retry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from allies.domain.sync import AccountKind, SyncAccount
from allies.errors import AlliesError
from allies.services.sync.accounts import SyncContext, credentials_for, list_accounts
from allies.services.sync.credentials import Credentials
from allies.services.sync.imap import BATCH_SIZE, check_imap, sync_imap
from allies.services.sync.summary import SyncSummary
from allies.services.transfer.import_report import Progress, no_progress

__all__ = ["SyncOutcome", "check_connection", "sync_account", "sync_accounts"]

_DAV = {AccountKind.CALDAV: "sync_calendar", AccountKind.CARDDAV: "sync_contacts"}


@dataclass(frozen=True)
class SyncOutcome:
    """How one account's sync ended: its summary, or the error that stopped it."""

    account: str
    summary: SyncSummary | None = None
    error: AlliesError | None = None

    @property
    def ok(self) -> bool:
        """Whether it ran to the end."""
        return self.error is None


def _dav(name: str) -> Any:
    """A function of the CalDAV/CardDAV sync (imported on first use: it needs more)."""
    from allies.services.sync import dav

    return getattr(dav, name)


def check_connection(account: SyncAccount, credentials: Credentials) -> str:
    """Log in to the account's server and say what is there (for the account test).

    Raises
    ------
    allies.services.sync.errors.LoginRefused, allies.services.sync.errors.ServerUnreachable
        When the server refuses the login or cannot be reached.
    """
    if account.kind is AccountKind.IMAP:
        return check_imap(account, credentials)
    return str(_dav("check_connection")(account, credentials))


def sync_account(
    ctx: SyncContext,
    name: str,
    progress: Progress = no_progress,
    *,
    batch_size: int = BATCH_SIZE,
) -> SyncSummary:
    """Sync one account and note the outcome on it.

    Raises
    ------
    allies.errors.NotFound
        When there is no such account.
    allies.errors.AlliesError
        What stopped the sync (noted on the account as its last error).
    """
    with ctx.factory(ctx.workspace, ctx.actor) as uow:
        account = ctx.repositories(uow).account(name)
    try:
        with ctx.factory(ctx.workspace, ctx.actor) as uow:
            credentials = credentials_for(ctx, ctx.repositories(uow), uow.workspace, account)
        if account.kind is AccountKind.IMAP:
            summary = sync_imap(ctx, account, credentials, progress, batch_size=batch_size)
        else:
            summary = _dav(_DAV[account.kind])(ctx, account, credentials, progress)
    except AlliesError as error:
        _note(ctx, account.name, error=error.message, summary="")
        raise
    _note(ctx, account.name, error="", summary=summary.summary())
    return summary


def _note(ctx: SyncContext, name: str, *, error: str, summary: str) -> None:
    with ctx.factory(ctx.workspace, ctx.actor) as uow:
        ctx.repositories(uow).record_result(
            name, at=datetime.now(UTC), error=error, summary=summary
        )
        uow.commit()


def sync_accounts(
    ctx: SyncContext,
    names: Sequence[str] = (),
    progress: Progress = no_progress,
    *,
    batch_size: int = BATCH_SIZE,
) -> list[SyncOutcome]:
    """Sync the named accounts (every account when none is named), one after the other.

    An account that fails does not stop the others: its outcome holds the error.
    """
    if not names:
        names = [a.name for a in list_accounts(ctx)]
    outcomes: list[SyncOutcome] = []
    for name in names:
        try:
            summary = sync_account(ctx, name, progress, batch_size=batch_size)
        except AlliesError as error:
            outcomes.append(SyncOutcome(name, error=error))
            continue
        outcomes.append(SyncOutcome(name, summary=summary))
    return outcomes
