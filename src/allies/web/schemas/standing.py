"""Request bodies of the goals and self-assessment endpoints."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from allies.web.schemas.common import ApiModel, Name, Text


class NeedIn(ApiModel):
    """A decision or resource a goal needs, and who holds it (a person's id)."""

    description: Text = Field(min_length=1, examples=["Approve the new director role"])
    kind: Literal["decision", "resource"] = "decision"
    holder_id: int | None = Field(default=None, description="Who decides or holds it.")


class GoalIn(ApiModel):
    """A new goal with the needs already known."""

    title: Name = Field(min_length=1, examples=["Director of Operations within a year"])
    description: Text = ""
    target_on: date | None = None
    needs: list[NeedIn] = Field(default_factory=list)


class GoalStatusIn(ApiModel):
    """A goal's new status."""

    status: Literal["open", "reached", "dropped"]


class AssessmentIn(ApiModel):
    """Answers to every item of the questionnaire (1-7), keyed as in ``/questions``."""

    answers: dict[str, int]
    taken_on: date | None = Field(default=None, description="The day answered; today if left out.")
