"""Workspaces of a shared server and who belongs to them: owners, editors and viewers.

A workspace always keeps at least one owner. Every new workspace, grant and revocation is
written to the trail of account changes (:mod:`allies.services.team.account_trail`), and every
grant and revocation to the workspace's own audit trail too, with the role before.
"""

from __future__ import annotations

from allies.domain import parse_enum
from allies.domain.accounts import Actor, Membership, Role
from allies.domain.records import AuditAction
from allies.errors import Conflict, NotFound
from allies.services.ports import AccountsUnitOfWork, UnitOfWorkFactory
from allies.services.team.account_trail import record_change
from allies.services.team.revocation import revoke_tokens
from allies.services.team.users import find_user

__all__ = ["add_workspace", "find_workspace", "grant", "members", "revoke"]


def find_workspace(accounts: AccountsUnitOfWork, name: str) -> str:
    """The name of workspace ``name`` as stored.

    Raises
    ------
    allies.errors.NotFound
        When there is no such workspace (the message says how to list and add them).
    """
    cleaned = name.strip()
    if cleaned not in accounts.workspaces():
        raise NotFound(
            f"There is no workspace {name!r}.",
            hint="Check the name, or add a workspace of that name.",
            kind="workspace",
        )
    return cleaned


def add_workspace(
    factory: UnitOfWorkFactory,
    name: str,
    *,
    owner: str | None = None,
    actor: Actor | None = None,
) -> None:
    """Create a workspace, optionally with its first owner; ``actor`` is who creates it
    (``None``: the command line).

    Raises
    ------
    allies.errors.Conflict
        When a workspace of that name exists.
    allies.errors.NotFound
        When there is no user ``owner`` (and then no workspace is created).
    """
    if owner:
        with factory.accounts() as accounts:
            find_user(accounts, owner)
    factory.create_workspace(name)
    with factory.accounts() as accounts:
        stored = find_workspace(accounts, name)
        record_change(
            accounts,
            "workspace",
            accounts.workspace_id(stored),
            AuditAction.CREATE,
            None,
            {"name": stored, "owner": owner.strip().lower() if owner else None},
            actor=actor,
            workspace=stored,
        )
        accounts.commit()
    if owner:
        grant(factory, stored, owner, Role.OWNER, actor=actor)


def members(factory: UnitOfWorkFactory, workspace: str) -> list[Membership]:
    """The members of a workspace and their roles."""
    with factory.accounts() as accounts:
        return accounts.memberships.of_workspace(find_workspace(accounts, workspace))


def _owners(accounts: AccountsUnitOfWork, workspace: str) -> list[str]:
    return [m.username for m in accounts.memberships.of_workspace(workspace) if m.role.is_owner]


def grant(
    factory: UnitOfWorkFactory,
    workspace: str,
    username: str,
    role: Role | str,
    *,
    actor: Actor | None = None,
    expected_version: int | None = None,
) -> Role | None:
    """Give a user a role in a workspace (replacing the one they had); returns the old one.

    ``expected_version`` is the version of the membership the change is based on (0: not
    a member yet; ``None``: whatever is stored now, as the command line does).

    Raises
    ------
    allies.errors.Conflict
        When it would leave the workspace without an owner.
    allies.errors.StaleRecord
        When someone else changed the membership since ``expected_version``; nothing
        changes.
    """
    new = parse_enum(Role, role, "role")
    with factory.accounts() as accounts:
        workspace = find_workspace(accounts, workspace)
        user = find_user(accounts, username)
        before = accounts.memberships.role(user.id or 0, workspace)
        if (
            before is Role.OWNER
            and new is not Role.OWNER
            and _owners(accounts, workspace) == [user.username]
        ):
            raise Conflict(
                f"{user.username} is the last owner of workspace {workspace!r}.",
                hint="Make someone else an owner first.",
            )
        accounts.memberships.grant(user.id or 0, workspace, new, expected_version=expected_version)
        record_change(
            accounts,
            "membership",
            user.id or 0,
            AuditAction.GRANT,
            {"user": user.username, "role": before.value} if before else None,
            {"user": user.username, "role": new.value},
            actor=actor,
            workspace=workspace,
            in_workspace=True,
        )
        accounts.commit()
    return before


def revoke(
    factory: UnitOfWorkFactory, workspace: str, username: str, *, actor: Actor | None = None
) -> Role | None:
    """Take a user out of a workspace; their tokens for it are revoked, for good (granting
    them a role again does not bring the tokens back).

    Raises
    ------
    allies.errors.Conflict
        When the user is the workspace's last owner.
    """
    with factory.accounts() as accounts:
        workspace = find_workspace(accounts, workspace)
        user = find_user(accounts, username)
        before = accounts.memberships.role(user.id or 0, workspace)
        if before is None:
            return None
        if before is Role.OWNER and _owners(accounts, workspace) == [user.username]:
            raise Conflict(
                f"{user.username} is the last owner of workspace {workspace!r}.",
                hint="Make someone else an owner first.",
            )
        accounts.memberships.revoke(user.id or 0, workspace)
        revoke_tokens(accounts, user, workspace=workspace, actor=actor)
        record_change(
            accounts,
            "membership",
            user.id or 0,
            AuditAction.REVOKE,
            {"user": user.username, "role": before.value},
            None,
            actor=actor,
            workspace=workspace,
            in_workspace=True,
        )
        accounts.commit()
    return before
