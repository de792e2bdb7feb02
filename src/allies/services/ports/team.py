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

    def set_owner(self, person_id: int, user_id: int | None) -> None:
        """Make ``user_id`` the owner of the relationship with the person (``None``: no one)."""
        ...

    def assignments(self, campaign_id: int | None = None) -> dict[tuple[int, int], int]:
        """The member (user id) taking each meeting, by ``(campaign id, person id)``; of one
        campaign when ``campaign_id`` is given."""
        ...

    def assign(self, campaign_id: int, person_id: int, user_id: int | None) -> None:
        """Give the campaign's meeting with the person to ``user_id`` (``None``: no one)."""
        ...
