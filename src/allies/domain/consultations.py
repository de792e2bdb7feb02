"""A consultation: an interaction tagged with the campaign (and issue) it was about, the
issues the other side raised and the follow-ups agreed.

Public-affairs teams keep a *consultation log*: every meeting, call and letter about a
campaign, what was raised and what was promised in return. A :class:`Consultation` ties
one interaction to one campaign, so the log of a campaign is one list that can be
exported.

Examples
--------
>>> Consultation(interaction_id=3, campaign_id=1, issues_raised=" cost of the zone ").issues_raised
'cost of the zone'
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.domain._rules import check_texts

__all__ = ["Consultation"]


@dataclass(eq=False)
class Consultation:
    """Interaction ``interaction_id`` was about campaign ``campaign_id`` (and, when known,
    its issue ``issue_id``): what was raised, and the follow-ups agreed."""

    interaction_id: int
    campaign_id: int
    issue_id: int | None = None
    issues_raised: str = ""
    follow_ups: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.issues_raised = (self.issues_raised or "").strip()
        self.follow_ups = (self.follow_ups or "").strip()
