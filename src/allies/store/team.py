"""The team of one workspace: its members and their people, relationship owners and the
members taking a campaign plan's meetings (see :mod:`allies.services.ports.team`).

Assignments are not records of the network: they are written straight to the connection
(no audit trail of their own; the services write what changed to the trail) and go with
the person or campaign they are about.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from allies.domain.accounts import Role, TeamMember
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
            select(u.id, u.username, u.display_name, m.role, m.person_id)
            .select_from(t.memberships.join(t.users, u.id == m.user_id))
            .where(m.workspace_id == self._workspace_id)
            .order_by(u.username)
        )
        return [
            TeamMember(int(uid), name, shown, Role(role), person)
            for uid, name, shown, role, person in self._conn.execute(query).all()
        ]

    def owners(self) -> dict[int, int]:
        """The member (user id) who owns the relationship with each person, by person id."""
        c = t.relationship_owners.c
        query = select(c.person_id, c.user_id).where(c.workspace_id == self._workspace_id)
        return {int(p): int(u) for p, u in self._conn.execute(query).all()}

    def set_owner(self, person_id: int, user_id: int | None) -> None:
        """Make ``user_id`` the owner of the relationship with the person (``None``: no one)."""
        c = t.relationship_owners.c
        self._conn.execute(
            delete(t.relationship_owners).where(
                c.workspace_id == self._workspace_id, c.person_id == person_id
            )
        )
        if user_id is not None:
            self._conn.execute(
                insert(t.relationship_owners).values(
                    workspace_id=self._workspace_id,
                    person_id=person_id,
                    user_id=user_id,
                    assigned_at=datetime.now(UTC),
                )
            )

    def assignments(self, campaign_id: int | None = None) -> dict[tuple[int, int], int]:
        """The member (user id) taking each meeting, by ``(campaign id, person id)``."""
        c = t.meeting_assignments.c
        query = select(c.campaign_id, c.person_id, c.user_id).where(
            c.workspace_id == self._workspace_id
        )
        if campaign_id is not None:
            query = query.where(c.campaign_id == campaign_id)
        return {(int(k), int(p)): int(u) for k, p, u in self._conn.execute(query).all()}

    def assign(self, campaign_id: int, person_id: int, user_id: int | None) -> None:
        """Give the campaign's meeting with the person to ``user_id`` (``None``: no one)."""
        c = t.meeting_assignments.c
        self._conn.execute(
            delete(t.meeting_assignments).where(
                c.workspace_id == self._workspace_id,
                c.campaign_id == campaign_id,
                c.person_id == person_id,
            )
        )
        if user_id is not None:
            self._conn.execute(
                insert(t.meeting_assignments).values(
                    workspace_id=self._workspace_id,
                    campaign_id=campaign_id,
                    person_id=person_id,
                    user_id=user_id,
                    assigned_at=datetime.now(UTC),
                )
            )
