"""Accounts to sync, their encrypted secrets and resume points, inside a unit of work.

Rows are written straight to the unit of work's connection, not through the audit trail:
an account is configuration (and must never put a password in the trail), and a resume
point is a cache of the server's state. Everything is committed with the unit of work, so
a batch of synced records and the resume point after it are kept together or not at all.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from allies.domain.sync import AccountKind, FolderState, SyncAccount
from allies.errors import Conflict, NotFound
from allies.store import tables as t
from allies.store.uow import SqlUnitOfWork

__all__ = ["SqlSyncRepository", "sync_repository"]

_A = t.sync_accounts.c
_S = t.sync_state.c


def _account(row: Any) -> SyncAccount:
    return SyncAccount(
        id=row.id,
        name=row.name,
        kind=AccountKind(row.kind),
        url=row.url,
        username=row.username,
        options=dict(row.options or {}),
        write_back=bool(row.write_back),
        created_at=row.created_at,
        last_sync_at=row.last_sync_at,
        last_error=row.last_error or "",
        last_summary=row.last_summary or "",
    )


def _state(row: Any) -> FolderState:
    return FolderState(
        collection=row.collection,
        uidvalidity=row.uidvalidity,
        last_uid=int(row.last_uid or 0),
        highest_modseq=row.highest_modseq,
        sync_token=row.sync_token,
        ctag=row.ctag,
    )


class SqlSyncRepository:
    """The sync accounts of one workspace, on the connection of an open unit of work."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self._conn = connection
        self._workspace_id = workspace_id

    def accounts(self) -> list[SyncAccount]:
        """Every account of the workspace, by name."""
        rows = self._conn.execute(
            select(t.sync_accounts).where(_A.workspace_id == self._workspace_id).order_by(_A.name)
        )
        return [_account(row) for row in rows]

    def account(self, name: str) -> SyncAccount:
        """The account called ``name``; NotFound naming the others."""
        row = self._conn.execute(
            select(t.sync_accounts).where(
                _A.workspace_id == self._workspace_id, _A.name == name.strip()
            )
        ).first()
        if row is None:
            known = ", ".join(a.name for a in self.accounts())
            raise NotFound(
                f"There is no account {name!r}.",
                hint=f"The accounts are: {known}." if known else "No account is set up yet.",
            )
        return _account(row)

    def add(self, account: SyncAccount) -> SyncAccount:
        """Store a new account; Conflict when its name is taken."""
        now = datetime.now(UTC)
        try:
            with self._conn.begin_nested():
                self._conn.execute(
                    insert(t.sync_accounts).values(
                        workspace_id=self._workspace_id,
                        name=account.name,
                        kind=account.kind.value,
                        url=account.url,
                        username=account.username,
                        options=dict(account.options),
                        write_back=account.write_back,
                        created_at=now,
                        last_error="",
                        last_summary="",
                    )
                )
        except IntegrityError:
            raise Conflict(
                f"There is already an account {account.name!r}.",
                hint="Pick another name, or remove that account first.",
            ) from None
        return self.account(account.name)

    def remove(self, name: str) -> SyncAccount:
        """Delete the account with its secret, resume points and items."""
        account = self.account(name)
        for table in (t.sync_state, t.sync_secrets):
            self._conn.execute(delete(table).where(table.c.account_id == account.id))
        self._conn.execute(delete(t.sync_accounts).where(_A.id == account.id))
        return account

    def record_result(self, name: str, *, at: datetime, error: str, summary: str) -> None:
        """Note the last sync's moment, error (``""`` when none) and summary."""
        self._conn.execute(
            update(t.sync_accounts)
            .where(_A.workspace_id == self._workspace_id, _A.name == name)
            .values(last_sync_at=at, last_error=error, last_summary=summary)
        )

    def secret(self, account_id: int) -> str | None:
        """The encrypted credentials of the account, or None."""
        found = self._conn.scalar(
            select(t.sync_secrets.c.secret).where(t.sync_secrets.c.account_id == account_id)
        )
        return None if found is None else str(found)

    def put_secret(self, account_id: int, secret: str) -> None:
        """Replace the encrypted credentials of the account."""
        table = t.sync_secrets
        self._conn.execute(delete(table).where(table.c.account_id == account_id))
        self._conn.execute(
            insert(table).values(account_id=account_id, secret=secret, updated_at=datetime.now(UTC))
        )

    def folder(self, account_id: int, collection: str) -> FolderState | None:
        """The resume point of one folder or collection, or None."""
        row = self._conn.execute(
            select(t.sync_state).where(_S.account_id == account_id, _S.collection == collection)
        ).first()
        return None if row is None else _state(row)

    def folders(self, account_id: int) -> list[FolderState]:
        """Every resume point of the account, by folder."""
        rows = self._conn.execute(
            select(t.sync_state).where(_S.account_id == account_id).order_by(_S.collection)
        )
        return [_state(row) for row in rows]

    def save_folder(self, account_id: int, state: FolderState) -> None:
        """Write (replace) a folder's resume point in the open transaction."""
        self._conn.execute(
            delete(t.sync_state).where(
                _S.account_id == account_id, _S.collection == state.collection
            )
        )
        self._conn.execute(
            insert(t.sync_state).values(
                account_id=account_id,
                collection=state.collection,
                uidvalidity=state.uidvalidity,
                last_uid=state.last_uid,
                highest_modseq=state.highest_modseq,
                sync_token=state.sync_token,
                ctag=state.ctag,
                updated_at=datetime.now(UTC),
            )
        )


def sync_repository(uow: SqlUnitOfWork) -> SqlSyncRepository:
    """The sync repository of an open unit of work (its connection and workspace)."""
    connection = uow.connection
    workspace_id = connection.scalar(
        select(t.workspaces.c.id).where(t.workspaces.c.name == uow.workspace)
    )
    return SqlSyncRepository(connection, int(workspace_id or 0))
