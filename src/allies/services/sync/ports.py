"""What account sync needs from storage: accounts, their secrets and resume points.

The repository works inside an open unit of work (the one a batch's records are written
in), so a batch and its resume point are committed together. The store implements it
(:mod:`allies.store.sync`); :mod:`allies.bootstrap` hands the services a
:data:`SyncRepositories`, which makes one for an open unit of work.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from allies.domain.sync import FolderState, SyncAccount
from allies.services.ports import UnitOfWork

__all__ = ["SyncRepositories", "SyncRepository"]


class SyncRepository(Protocol):
    """The accounts of one workspace and where their syncs stand, in one transaction."""

    def accounts(self) -> list[SyncAccount]:
        """Every account of the workspace, by name."""
        ...

    def account(self, name: str) -> SyncAccount:
        """The account called ``name`` (NotFound, listing the others, if none)."""
        ...

    def add(self, account: SyncAccount) -> SyncAccount:
        """Store a new account (Conflict if the name is taken); returns it with its id."""
        ...

    def remove(self, name: str) -> SyncAccount:
        """Delete the account, its secret, resume points and items; returns what it was."""
        ...

    def record_result(self, name: str, *, at: datetime, error: str, summary: str) -> None:
        """Note when the account last synced, what went wrong (or ``""``) and what it did."""
        ...

    def secret(self, account_id: int) -> str | None:
        """The account's encrypted credentials (a team server's), or None."""
        ...

    def put_secret(self, account_id: int, secret: str) -> None:
        """Keep (replace) the account's encrypted credentials."""
        ...

    def folder(self, account_id: int, collection: str) -> FolderState | None:
        """Where the sync of one folder or collection stands, or None before the first."""
        ...

    def folders(self, account_id: int) -> list[FolderState]:
        """Every folder's or collection's resume point of the account."""
        ...

    def save_folder(self, account_id: int, state: FolderState) -> None:
        """Write a folder's resume point (committed with the unit of work)."""
        ...


#: Makes the sync repository of an open unit of work (supplied by the composition root).
SyncRepositories = Callable[[UnitOfWork], SyncRepository]
