"""My goals (desired futures) and my self-assessments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from allies.domain._rules import as_enum, check_texts, non_empty
from allies.errors import InvalidInput


class NeedKind(StrEnum):
    """What a goal needs: a decision someone makes or a resource someone holds."""

    DECISION = "decision"
    RESOURCE = "resource"


@dataclass(eq=False)
class GoalNeed:
    """A decision or resource a goal needs, and who holds it."""

    description: str
    kind: NeedKind = NeedKind.DECISION
    holder_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.description = non_empty(self.description, "description")
        self.kind = as_enum(NeedKind, self.kind, "kind")


class GoalStatus(StrEnum):
    """Where a goal stands."""

    OPEN = "open"
    REACHED = "reached"
    DROPPED = "dropped"


@dataclass(eq=False)
class Goal:
    """A desired future of mine (a role, a programme, a result)."""

    title: str
    description: str = ""
    target_on: date | None = None
    needs: list[GoalNeed] = field(default_factory=list)
    status: GoalStatus = GoalStatus.OPEN
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.title = non_empty(self.title, "title")
        self.status = as_enum(GoalStatus, self.status, "status")


@dataclass(eq=False)
class Assessment:
    """My answers to a self-assessment, each item scored 1-7, dated."""

    taken_on: date
    answers: dict[str, int]
    instrument: str = "political-skill"
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        for item, score in self.answers.items():
            if isinstance(score, bool) or int(score) != score or not 1 <= score <= 7:
                raise InvalidInput(
                    f"Answer {item!r} must be a whole number from 1 to 7; got {score!r}.",
                    field=item,
                )
        self.answers = {item: int(score) for item, score in self.answers.items()}
