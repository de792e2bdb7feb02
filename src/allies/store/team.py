"""The team of one workspace: its members and their people, relationship owners and the
members taking a campaign plan's meetings (see :mod:`allies.services.ports.team`).

Assignments are not records of the network: they are written straight to the connection
(no audit trail of their own; the services write what changed to the trail) and go with
the person or campaign they are about.

An owner and an assignment carry a version (revision 0022), one more with every change;
given back to nobody, the row stays with no member, so that its version goes on (0 means
"never given"). A change that names the version it was based on is refused with
:class:`allies.errors.StaleRecord` when someone else changed it meanwhile: the check is
the ``WHERE`` of the ``UPDATE`` that writes, or the primary key of the ``INSERT``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.exc import IntegrityError

from allies.domain.accounts import Role, TeamMember
from allies.errors import StaleRecord
from allies.store import tables as t

__all__ = ["SqlTeamRepository"]


class SqlTeamRepository:
    """The team of the workspace ``workspace_id``."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self._conn = connection
        self._workspace_id = workspace_id

    def members(self) -> list[TeamMember]:
        """The workspace's members, by username."""
        m, u = t.memberships.c, t.users.c
        query = (
            select(u.id, u.username, u.display_name, m.role, m.person_id, m.version)
            .select_from(t.memberships.join(t.users, u.id == m.user_id))
            .where(m.workspace_id == self._workspace_id)
            .order_by(u.username)
        )
        return [
            TeamMember(int(uid), name, shown, Role(role), person, int(version))
            for uid, name, shown, role, person, version in self._conn.execute(query).all()
        ]

    def owners(self) -> dict[int, int]:
        """The member (user id) who owns the relationship with each person, by person id."""
        c = t.relationship_owners.c
        query = select(c.person_id, c.user_id).where(
            c.workspace_id == self._workspace_id, c.user_id.is_not(None)
        )
        return {int(p): int(u) for p, u in self._conn.execute(query).all()}

    def owner_versions(self) -> dict[int, int]:
        """The version of the owner of each relationship ever given one, by person id
        (a person missing from it: version 0)."""
        c = t.relationship_owners.c
        query = select(c.person_id, c.version).where(c.workspace_id == self._workspace_id)
        return {int(p): int(v) for p, v in self._conn.execute(query).all()}

    def set_owner(
        self, person_id: int, user_id: int | None, *, expected_version: int | None = None
    ) -> int:
        """Make ``user_id`` the owner of the relationship with the person (``None``: no
        one); returns its new version. StaleRecord when ``expected_version`` (0: never
        given) is no longer the stored one."""
        key = {"workspace_id": self._workspace_id, "person_id": person_id}
        return self._put(t.relationship_owners, key, user_id, expected_version, "owner")

    def assignments(self, campaign_id: int | None = None) -> dict[tuple[int, int], int]:
        """The member (user id) taking each meeting, by ``(campaign id, person id)``."""
        c = t.meeting_assignments.c
        query = select(c.campaign_id, c.person_id, c.user_id).where(
            c.workspace_id == self._workspace_id, c.user_id.is_not(None)
        )
        if campaign_id is not None:
            query = query.where(c.campaign_id == campaign_id)
        return {(int(k), int(p)): int(u) for k, p, u in self._conn.execute(query).all()}

    def assignment_versions(self, campaign_id: int) -> dict[int, int]:
        """The version of each meeting of the campaign ever given, by person id (a person
        missing from it: version 0)."""
        c = t.meeting_assignments.c
        query = select(c.person_id, c.version).where(
            c.workspace_id == self._workspace_id, c.campaign_id == campaign_id
        )
        return {int(p): int(v) for p, v in self._conn.execute(query).all()}

    def assign(
        self,
        campaign_id: int,
        person_id: int,
        user_id: int | None,
        *,
        expected_version: int | None = None,
    ) -> int:
        """Give the campaign's meeting with the person to ``user_id`` (``None``: no one);
        returns its new version. StaleRecord when ``expected_version`` (0: never given) is
        no longer the stored one."""
        key = {
            "workspace_id": self._workspace_id,
            "campaign_id": campaign_id,
            "person_id": person_id,
        }
        return self._put(t.meeting_assignments, key, user_id, expected_version, "assignment")

    def _put(
        self,
        table: Table,
        key: dict[str, int],
        user_id: int | None,
        expected: int | None,
        kind: str,
    ) -> int:
        """Write the member of the row ``key`` one version on (from ``expected`` only,
        when given); a row never written is added at version 1."""
        where: list[Any] = [table.c[name] == value for name, value in key.items()]
        if expected is not None:
            where.append(table.c.version == expected)
        now = datetime.now(UTC)
        found = self._conn.execute(
            update(table)
            .where(*where)
            .values(user_id=user_id, assigned_at=now, version=table.c.version + 1)
            .returning(table.c.version)
        ).scalar()
        if found is not None:
            return int(found)
        stored = self._conn.scalar(
            select(table.c.version).where(*(table.c[n] == v for n, v in key.items()))
        )
        if stored is None and not expected:
            try:
                with self._conn.begin_nested():
                    self._conn.execute(
                        insert(table).values(**key, user_id=user_id, assigned_at=now, version=1)
                    )
                return 1
            except IntegrityError:  # someone else gave it first, in between?
                stored = self._conn.scalar(
                    select(table.c.version).where(*(table.c[n] == v for n, v in key.items()))
                )
                if stored is None:
                    raise
                if expected is None:
                    return self._put(table, key, user_id, None, kind)
        raise StaleRecord(
            f"This {kind} was changed by someone else meanwhile: it is now at version "
            f"{stored or 0}, not {expected}.",
            hint="Look at it again and make your change on what it holds now.",
            kind=kind,
            record_id=key["person_id"],
        )
