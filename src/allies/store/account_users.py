"""Users and memberships of a shared server (part of :mod:`allies.store.accounts`).

A user and a membership carry a ``version`` (revision 0022), one more with every save: a
save that names the version it read is one ``UPDATE ... WHERE version = :expected``, so
of two administrators who read the same version one writes and the other is refused with
:class:`allies.errors.StaleRecord`.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from allies.domain.accounts import Membership, Role, User
from allies.errors import Conflict, NotFound, StaleRecord
from allies.store import tables as t
from allies.store.repositories.base import new_id_of

__all__ = ["Part", "SqlMembershipRepository", "SqlUserRepository"]


def _user(row: Mapping[Any, Any]) -> User:
    return User(
        username=row["username"],
        display_name=row["display_name"],
        password_hash=row["password_hash"],
        active=bool(row["active"]),
        created_at=row["created_at"],
        disabled_at=row["disabled_at"],
        id=row["id"],
        version=int(row["version"]),
    )


def _stale(what: str, kind: str, record_id: int, stored: int, expected: int) -> StaleRecord:
    """The refusal of an edit based on a version someone else's change left behind."""
    return StaleRecord(
        f"{what} was changed by someone else meanwhile: it is now at version {stored}, "
        f"not {expected}.",
        hint="Look at it again and make your change on what it holds now.",
        kind=kind,
        record_id=record_id,
    )


# The reads every request of a team server makes, built once (only their values change).
_USER_BY_ID = select(t.users).where(t.users.c.id == bindparam("user_id"))
_MEMBERSHIPS_OF_USER = (
    select(
        t.users.c.username,
        t.workspaces.c.name,
        t.memberships.c.role,
        t.memberships.c.person_id,
        t.memberships.c.version,
    )
    .select_from(
        t.memberships.join(t.users, t.users.c.id == t.memberships.c.user_id).join(
            t.workspaces, t.workspaces.c.id == t.memberships.c.workspace_id
        )
    )
    .where(t.memberships.c.user_id == bindparam("user_id"))
    .order_by(t.workspaces.c.name, t.users.c.username)
)


class Part:
    """A part of the accounts' unit of work, on its connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def _workspace_id(self, name: str) -> int:
        found = self._conn.scalar(select(t.workspaces.c.id).where(t.workspaces.c.name == name))
        if found is None:
            raise NotFound(
                f"There is no workspace {name!r}.",
                hint="Check the name, or add a workspace of that name.",
                kind="workspace",
            )
        return int(found)


class SqlUserRepository(Part):
    """Users, by id and by username."""

    def add(self, user: User) -> User:
        """Store a new user; Conflict when the username is taken."""
        if self.by_name(user.username) is not None:
            raise Conflict(
                f"There is already a user {user.username!r}.",
                hint="Pick another username, or change that user.",
            )
        user.created_at = user.created_at or datetime.now(UTC)
        values = {
            "username": user.username,
            "display_name": user.display_name,
            "password_hash": user.password_hash,
            "active": user.active,
            "created_at": user.created_at,
            "disabled_at": user.disabled_at,
        }
        try:
            with self._conn.begin_nested():
                user.id = new_id_of(self._conn.execute(insert(t.users).values(values)))
        except IntegrityError as error:
            raise Conflict(f"There is already a user {user.username!r}.") from error
        return user

    def get(self, user_id: int) -> User:
        """The user with ``user_id``; NotFound if none."""
        row = self._conn.execute(_USER_BY_ID, {"user_id": user_id}).mappings().first()
        if row is None:
            raise NotFound(kind="user", record_id=user_id)
        return _user(row)

    def by_name(self, username: str) -> User | None:
        """The user called ``username`` (case-insensitive), or None."""
        query = select(t.users).where(t.users.c.username == username.strip().lower())
        row = self._conn.execute(query).mappings().first()
        return None if row is None else _user(row)

    def list(self) -> builtins.list[User]:
        """Every user, by username."""
        rows = self._conn.execute(select(t.users).order_by(t.users.c.username)).mappings()
        return [_user(row) for row in rows]

    def save(self, user: User, *, expected_version: int | None = None) -> User:
        """Write back the display name, password hash and whether the user is active, one
        version on; with ``expected_version``, only if the stored user is still at it
        (one ``UPDATE ... WHERE version = :expected``), else StaleRecord."""
        u = t.users.c
        where = [u.id == user.id]
        if expected_version is not None:
            where.append(u.version == expected_version)
        result = self._conn.execute(
            update(t.users)
            .where(*where)
            .values(
                display_name=user.display_name,
                password_hash=user.password_hash,
                active=user.active,
                disabled_at=user.disabled_at,
                version=u.version + 1,
            )
            .returning(u.version)
        )
        found = result.scalar()
        if found is None:
            stored = self._conn.scalar(select(u.version).where(u.id == user.id))
            if stored is None or expected_version is None:
                raise NotFound(kind="user", record_id=user.id)
            raise _stale(f"User {user.username}", "user", user.id or 0, stored, expected_version)
        user.version = int(found)
        return user

    def count(self) -> int:
        """How many users there are (active or not)."""
        return int(self._conn.scalar(select(func.count()).select_from(t.users)) or 0)


class SqlMembershipRepository(Part):
    """Who may do what in which workspace."""

    def _query(self) -> Any:
        m, u, w = t.memberships.c, t.users.c, t.workspaces.c
        return (
            select(u.username, w.name, m.role, m.person_id, m.version)
            .select_from(
                t.memberships.join(t.users, u.id == m.user_id).join(
                    t.workspaces, w.id == m.workspace_id
                )
            )
            .order_by(w.name, u.username)
        )

    def grant(
        self, user_id: int, workspace: str, role: Role, *, expected_version: int | None = None
    ) -> Role | None:
        """Give the user ``role`` in the workspace; returns the role they had before.

        With ``expected_version`` (of the membership; 0: none yet), only if the stored
        membership is still at it, else StaleRecord: the check is the ``WHERE`` of the
        ``UPDATE`` that writes.
        """
        workspace_id = self._workspace_id(workspace)
        before = self.role(user_id, workspace)
        if before is None:
            if expected_version:
                raise self._stale_membership(user_id, workspace, 0, expected_version)
            self._conn.execute(
                insert(t.memberships).values(
                    user_id=user_id,
                    workspace_id=workspace_id,
                    role=Role(role).value,
                    granted_at=datetime.now(UTC),
                    version=1,
                )
            )
        else:
            self._update(
                user_id,
                workspace,
                {"role": Role(role).value, "granted_at": datetime.now(UTC)},
                expected_version,
            )
        return before

    def version(self, user_id: int, workspace: str) -> int | None:
        """The version of the user's membership of the workspace (None: not a member)."""
        m = t.memberships.c
        found = self._conn.scalar(
            select(m.version).where(
                m.user_id == user_id, m.workspace_id == self._workspace_id(workspace)
            )
        )
        return None if found is None else int(found)

    def _stale_membership(
        self, user_id: int, workspace: str, stored: int, expected: int
    ) -> StaleRecord:
        name = self._conn.scalar(select(t.users.c.username).where(t.users.c.id == user_id))
        what = f"The membership of {name or f'user #{user_id}'} in workspace {workspace!r}"
        return _stale(what, "membership", user_id, stored, expected)

    def _update(
        self, user_id: int, workspace: str, values: dict[str, Any], expected: int | None
    ) -> int:
        """Write ``values`` to the membership, one version on (only from ``expected``
        when given); returns the new version."""
        m = t.memberships.c
        where = [m.user_id == user_id, m.workspace_id == self._workspace_id(workspace)]
        if expected is not None:
            where.append(m.version == expected)
        found = self._conn.execute(
            update(t.memberships)
            .where(*where)
            .values(**values, version=m.version + 1)
            .returning(m.version)
        ).scalar()
        if found is not None:
            return int(found)
        stored = self.version(user_id, workspace)
        if stored is None:
            raise NotFound(
                f"User #{user_id} is not a member of workspace {workspace!r}.",
                hint="Give them a role in the workspace first.",
                kind="membership",
            )
        raise self._stale_membership(user_id, workspace, stored, expected or 0)

    def revoke(self, user_id: int, workspace: str) -> Role | None:
        """Take the user out of the workspace; returns the role they had (None: none)."""
        workspace_id = self._workspace_id(workspace)
        before = self.role(user_id, workspace)
        m = t.memberships.c
        self._conn.execute(
            delete(t.memberships).where(m.user_id == user_id, m.workspace_id == workspace_id)
        )
        return before

    def role(self, user_id: int, workspace: str) -> Role | None:
        """The user's role in the workspace, or None when they are not a member."""
        m, w = t.memberships.c, t.workspaces.c
        found = self._conn.scalar(
            select(m.role)
            .select_from(t.memberships.join(t.workspaces, w.id == m.workspace_id))
            .where(m.user_id == user_id, w.name == workspace)
        )
        return None if found is None else Role(found)

    def of_user(self, user_id: int) -> builtins.list[Membership]:
        """The user's workspaces and roles, by workspace name."""
        rows = self._conn.execute(_MEMBERSHIPS_OF_USER, {"user_id": user_id})
        return [Membership(n, ws, Role(role), person, v) for n, ws, role, person, v in rows]

    def of_workspace(self, workspace: str) -> builtins.list[Membership]:
        """The members of a workspace and their roles, by username."""
        rows = self._conn.execute(self._query().where(t.workspaces.c.name == workspace))
        return [Membership(n, ws, Role(role), person, v) for n, ws, role, person, v in rows]

    def link(
        self,
        user_id: int,
        workspace: str,
        person_id: int | None,
        *,
        expected_version: int | None = None,
    ) -> int:
        """Make ``person_id`` the person who is the member in the workspace (``None``:
        nobody); returns the membership's new version. NotFound unless the user is a
        member of it; StaleRecord when ``expected_version`` is no longer the stored one."""
        return self._update(user_id, workspace, {"person_id": person_id}, expected_version)
