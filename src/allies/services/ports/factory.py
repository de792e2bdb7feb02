"""What opens units of work: one per workspace, one for the accounts, and the
workspaces themselves (list, create, drop).

:mod:`allies.bootstrap` builds the store's implementation; the faces receive it from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from allies.domain.accounts import Actor
from allies.services.ports.accounts import AccountsUnitOfWork
from allies.services.ports.workspace import UnitOfWork


class UnitOfWorkFactory(Protocol):
    """Makes units of work for a workspace; the composition root supplies one."""

    def __call__(self, workspace: str | None = None, actor: Actor | None = None) -> UnitOfWork: ...

    def accounts(self) -> AccountsUnitOfWork:
        """A unit of work over the accounts (users, roles, tokens, sessions)."""
        ...

    def workspaces(self) -> Sequence[str]:
        """The names of the workspaces in the database."""
        ...

    def create_workspace(self, name: str) -> None:
        """Create an empty workspace (Conflict if it exists)."""
        ...

    def drop_workspace(self, name: str) -> None:
        """Delete a workspace and everything in it (NotFound if absent)."""
        ...
