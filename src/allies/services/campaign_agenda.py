"""The next campaign meetings, for the agenda of a day or a week.

For each active campaign the meeting plan (:mod:`allies.services.campaign_meetings`) is
computed from today, from the current stances and the meetings logged so far, and the
meetings that fall within the agenda's days become its lines. A campaign that cannot be
planned (no issues, no stances) adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from allies.errors import AlliesError
from allies.services.campaign_meetings import meeting_plan
from allies.services.campaigns import list_campaigns
from allies.services.ports import UnitOfWork

__all__ = ["CampaignMeetingLine", "campaign_meeting_lines"]


@dataclass(frozen=True)
class CampaignMeetingLine:
    """A planned campaign meeting: with whom, what, why, when."""

    who: str
    what: str
    why: str
    on: date
    person_id: int | None
    campaign_id: int


def campaign_meeting_lines(
    uow: UnitOfWork, today: date, days: int = 1, *, half_life_days: float = 182.0
) -> list[CampaignMeetingLine]:
    """The campaign meetings planned from ``today`` that fall within ``days`` days."""
    end = today + timedelta(days=max(days, 1) - 1)
    lines: list[CampaignMeetingLine] = []
    for summary in list_campaigns(uow, status="active"):
        try:
            plan = meeting_plan(
                uow, f"#{summary.id}", as_of=today, start=today, half_life_days=half_life_days
            )
        except (AlliesError, ValueError):
            continue
        for m in plan.meetings:
            if not today <= m.on <= end:
                continue
            who = m.names[0] if len(m.names) == 1 else f"{len(m.names)} people"
            lines.append(
                CampaignMeetingLine(
                    who=who,
                    what=m.summary,
                    why=f"{plan.campaign}: {m.purpose}",
                    on=m.on,
                    person_id=m.person_ids[0] if len(m.person_ids) == 1 else None,
                    campaign_id=plan.campaign_id,
                )
            )
    return sorted(lines, key=lambda line: (line.on, line.campaign_id))
