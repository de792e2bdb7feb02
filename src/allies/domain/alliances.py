"""Alliances: named partnerships with their agreement, duties, milestones and conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from allies.domain._rules import as_enum, check_texts, non_empty
from allies.errors import Conflict, InvalidInput


class AllianceStatus(StrEnum):
    """The life of an alliance."""

    FORMING = "forming"
    ACTIVE = "active"
    DORMANT = "dormant"
    ENDED = "ended"


ALLIANCE_TRANSITIONS: dict[AllianceStatus, frozenset[AllianceStatus]] = {
    AllianceStatus.FORMING: frozenset({AllianceStatus.ACTIVE, AllianceStatus.ENDED}),
    AllianceStatus.ACTIVE: frozenset({AllianceStatus.DORMANT, AllianceStatus.ENDED}),
    AllianceStatus.DORMANT: frozenset({AllianceStatus.ACTIVE, AllianceStatus.ENDED}),
    AllianceStatus.ENDED: frozenset(),
}


@dataclass(eq=False)
class AlliancePartner:
    """A partner in an alliance: a person or an organisation (exactly one)."""

    person_id: int | None = None
    organisation_id: int | None = None
    role: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        if (self.person_id is None) == (self.organisation_id is None):
            raise InvalidInput("A partner is either a person or an organisation.", field="partner")


@dataclass
class Agreement:
    """The four parts of an alliance's agreement."""

    agreed: str = ""  # what is agreed
    written: str = ""  # where it is written down
    checked: str = ""  # how it is checked up on
    divided: str = ""  # how the work and the credit are divided up

    def __post_init__(self) -> None:
        check_texts(self)

    @property
    def completeness(self) -> float:
        """The share of the four parts that are filled in (0-1)."""
        parts = (self.agreed, self.written, self.checked, self.divided)
        return sum(1 for part in parts if part.strip()) / 4


@dataclass(eq=False)
class Responsibility:
    """Who does what by when."""

    what: str
    person_id: int | None = None
    due_on: date | None = None
    done_on: date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.what = non_empty(self.what, "what")


@dataclass(eq=False)
class Milestone:
    """A step worth marking; once reached, it is worth celebrating."""

    title: str
    due_on: date | None = None
    reached_on: date | None = None
    celebrated_on: date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.title = non_empty(self.title, "title")
        if self.celebrated_on is not None and self.reached_on is None:
            raise InvalidInput("A milestone is celebrated once reached.", field="celebrated_on")


class ConflictStatus(StrEnum):
    """How far a conflict inside an alliance has come."""

    OPEN = "open"
    DISCUSSED = "discussed"
    RESOLVED = "resolved"


@dataclass(eq=False)
class AllianceConflict:
    """A disagreement between partners, from opened to resolved, with notes."""

    title: str
    opened_on: date
    status: ConflictStatus = ConflictStatus.OPEN
    resolved_on: date | None = None
    notes: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.title = non_empty(self.title, "title")
        self.status = as_enum(ConflictStatus, self.status, "status")


@dataclass(eq=False)
class Alliance:
    """A named partnership with its partners, goals, agreement and routine."""

    name: str
    purpose: str = ""
    status: AllianceStatus = AllianceStatus.FORMING
    started_on: date | None = None
    partners: list[AlliancePartner] = field(default_factory=list)
    common_goals: list[str] = field(default_factory=list)
    agreement: Agreement = field(default_factory=Agreement)
    responsibilities: list[Responsibility] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    conflicts: list[AllianceConflict] = field(default_factory=list)
    checkin_ideal_days: int = 30
    checkin_max_days: int = 60
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.name = non_empty(self.name, "name")
        self.status = as_enum(AllianceStatus, self.status, "status")
        self.common_goals = [g.strip() for g in self.common_goals if g and g.strip()]
        if not 1 <= self.checkin_ideal_days <= self.checkin_max_days:
            raise InvalidInput(
                "The alliance's check-in gaps need 1 ≤ ideal ≤ maximum days.",
                field="checkin_max_days",
            )

    def move_to(self, status: AllianceStatus | str) -> None:
        """Change status along forming → active ⇄ dormant → ended."""
        target = as_enum(AllianceStatus, status, "status")
        if target is self.status:
            return
        if target not in ALLIANCE_TRANSITIONS[self.status]:
            raise Conflict(f"An alliance that is {self.status.value} cannot become {target.value}.")
        self.status = target
