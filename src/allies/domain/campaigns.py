"""Campaigns (agendas to move), their issues, and people's stances on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from allies.domain._rules import as_enum, check_texts, in_range, non_empty, optional_in_range
from allies.errors import InvalidInput


class CampaignStatus(StrEnum):
    """Where a campaign stands."""

    ACTIVE = "active"
    WON = "won"
    LOST = "lost"
    SHELVED = "shelved"


@dataclass(eq=False)
class CampaignIssue:
    """One decision on a 0-100 scale with labelled ends, and where I want it to land."""

    name: str
    low_label: str = "0"
    high_label: str = "100"
    desired_position: float = 100.0
    description: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.name = non_empty(self.name, "issue name")
        self.desired_position = in_range(self.desired_position, 0, 100, "desired_position")


@dataclass(eq=False)
class Campaign:
    """An agenda to move: its issues, who decides, and by when."""

    name: str
    issues: list[CampaignIssue] = field(default_factory=list)
    decider_ids: list[int] = field(default_factory=list)
    decision_on: date | None = None
    description: str = ""
    status: CampaignStatus = CampaignStatus.ACTIVE
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.name = non_empty(self.name, "name")
        self.status = as_enum(CampaignStatus, self.status, "status")
        self.decider_ids = list(dict.fromkeys(self.decider_ids))
        names = [issue.name.lower() for issue in self.issues]
        if len(names) != len(set(names)):
            raise InvalidInput("Two issues of a campaign share a name.", field="issues")

    def issue_named(self, name: str) -> CampaignIssue:
        """The issue called ``name`` (case-insensitive); the only one when ``name`` is empty."""
        if not name and len(self.issues) == 1:
            return self.issues[0]
        for issue in self.issues:
            if issue.name.lower() == name.strip().lower():
                return issue
        known = ", ".join(issue.name for issue in self.issues) or "none yet"
        raise InvalidInput(
            f"Campaign {self.name!r} has no issue {name!r} (issues: {known}).", field="issue"
        )


@dataclass(eq=False)
class Stance:
    """A person's position on an issue, as seen on ``recorded_on``.

    Stances are kept as history: a new stance adds a row; the latest is the current one.
    ``capability`` (0-1) is what they can bring to bear; ``None`` means "derive it from
    their influence". ``organisation_id``: the stance is an organisation's, and the person
    is its spokesperson; the forecasts treat the organisation as one actor.
    """

    person_id: int
    issue_id: int
    position: float
    salience: float = 0.5
    capability: float | None = None
    confidence: float = 0.7
    recorded_on: date = field(default_factory=date.today)
    note: str = ""
    id: int | None = None
    organisation_id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.position = in_range(self.position, 0, 100, "position")
        self.salience = in_range(self.salience, 0, 1, "salience")
        self.capability = optional_in_range(self.capability, 0, 1, "capability")
        self.confidence = in_range(self.confidence, 0, 1, "confidence")


@dataclass(frozen=True)
class CampaignMeetingLine:
    """A planned campaign meeting as the agenda shows it: with whom, what, why, when.

    ``person_id`` is the one person met (``None`` for a meeting of several people).
    """

    who: str
    what: str
    why: str
    on: date
    person_id: int | None
    campaign_id: int
