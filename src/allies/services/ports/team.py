"""The team of a workspace, seen from inside it: its members and their people, who owns
the relationship with whom, and who takes which meeting of a campaign's plan."""

from __future__ import annotations

from typing import Protocol

from allies.domain.accounts import TeamMember

__all__ = ["TeamRepository"]


class TeamRepository(Protocol):
    """The workspace's members, relationship owners and meeting assignments."""

    def members(self) -> list[TeamMember]:
        """The workspace's members, by username."""
        ...

    def owners(self) -> dict[int, int]:
        """The member (user id) who owns the relationship with each person, by person id."""
        ...

    def owner_versions(self) -> dict[int, int]:
        """The version of the owner of each relationship ever given one, by person id
        (missing: version 0)."""
        ...

    def set_owner(
        self, person_id: int, user_id: int | None, *, expected_version: int | None = None
    ) -> int:
        """Make ``user_id`` the owner of the relationship with the person (``None``: no
        one); returns its new version (StaleRecord when ``expected_version``, 0 for never
        given, is no longer the stored one)."""
        ...

    def assignments(self, campaign_id: int | None = None) -> dict[tuple[int, int], int]:
        """The member (user id) taking each meeting, by ``(campaign id, person id)``; of one
        campaign when ``campaign_id`` is given."""
        ...

    def assignment_versions(self, campaign_id: int) -> dict[int, int]:
        """The version of each meeting of the campaign ever given, by person id (missing:
        version 0)."""
        ...

    def assign(
        self,
        campaign_id: int,
        person_id: int,
        user_id: int | None,
        *,
        expected_version: int | None = None,
    ) -> int:
        """Give the campaign's meeting with the person to ``user_id`` (``None``: no one);
        returns its new version (StaleRecord when ``expected_version``, 0 for never given,
        is no longer the stored one)."""
        ...
