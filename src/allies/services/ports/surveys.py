"""What network surveys need from storage (see :mod:`allies.services.surveys`)."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Protocol

from allies.domain.surveys import Survey, SurveyInvite

__all__ = ["SurveyRepository"]


class SurveyRepository(Protocol):
    """A workspace's surveys, their invitations and the ties the answers became."""

    def add(self, survey: Survey) -> Survey:
        """Store a new survey; sets its id."""
        ...

    def get(self, survey_id: int) -> Survey | None:
        """The survey, or None."""
        ...

    def list(self) -> list[Survey]:
        """Every survey, the newest first."""
        ...

    def invite(self, invite: SurveyInvite) -> SurveyInvite:
        """Store a new invitation; sets its id."""
        ...

    def invitation(self, invite_id: int) -> SurveyInvite | None:
        """An invitation of this workspace, or None."""
        ...

    def invitations(self, survey_id: int) -> builtins.list[SurveyInvite]:
        """A survey's invitations, oldest id first."""
        ...

    def answered(self, invite_id: int, at: datetime, tie_ids: builtins.list[int]) -> None:
        """Mark the invitation answered, with the ties its answers became."""
        ...

    def answer_ties(self, invite_id: int) -> builtins.list[int]:
        """The ties an invitation's answers became."""
        ...

    def mailed(self, invite_id: int, at: datetime | None, error: str, *, reminder: bool) -> None:
        """Record that the invitation's link was mailed at ``at`` (a reminder when
        ``reminder``), or why it could not be (``error``; ``at`` then ``None``)."""
        ...

    def withdrawn(self, invite_id: int, at: datetime) -> None:
        """Mark the invitation's answers withdrawn (its ties are removed by the caller)."""
        ...

    def move_person(self, gone: int, kept: int) -> None:
        """Give ``kept`` the invitations of ``gone`` (merged into them), but to the surveys
        ``kept`` is not asked already."""
        ...
