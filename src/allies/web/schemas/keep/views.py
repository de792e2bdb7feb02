"""Keeping relationships alive as the API reads and writes it: health, check-ins,
reliability, favour nudges, promises due, the agenda and the five-day programme.

The models mirror the services' results field for field (built with
``model_validate(result, from_attributes=True)``), so the JSON says what ``allies health``,
``allies checkins`` or ``allies today --format json`` say.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from allies.web.schemas.common import ApiModel


class ServiceOut(BaseModel):
    """Base of the models read from a service's result by attribute."""

    model_config = ConfigDict(from_attributes=True)


# --- relationship health ---------------------------------------------------------------


class HealthOut(ServiceOut):
    """One line of the health list: the score (0-100) and each part out of 100; null
    where there is not enough evidence (a part without any is left out of the score)."""

    person_id: int
    name: str
    tier: str = Field(description="inner, key, network, or empty.")
    score: int | None
    recency: int | None
    frequency: int | None
    reciprocity: int | None
    reliability: int | None
    tone: int | None
    trend: str = Field(description="The score 90, 60 and 30 days ago and today, oldest first.")
    cooling: bool
    why: str = Field(description="Why it is cooling, or its weakest part.")


class HealthPartOut(ServiceOut):
    """One part of a score: its value and weight (percent) and the points it adds."""

    part: str
    value: int | None = Field(description="0-100; null when there is not enough evidence.")
    weight: int
    points: float
    why: str


class TrendPointOut(ServiceOut):
    """The score on a past day (null: not enough evidence then)."""

    on: date
    score: int | None


class HealthReportOut(ServiceOut):
    """One relationship's health: the score, each part explained, the trend, and whether
    it is cooling and why."""

    person_id: int
    name: str
    tier: str
    score: int | None = Field(description="0-100; null when there is not enough evidence.")
    cadence: str = Field(description="The cadence it is measured against, and its source.")
    last_contact: date | None
    parts: list[HealthPartOut]
    trend: list[TrendPointOut]
    cooling: bool
    cooling_reasons: list[str]


# --- check-ins -------------------------------------------------------------------------


class CheckInOut(ServiceOut):
    """A check-in with a person or an alliance: how it stands and why.

    ``status`` is ``overdue`` past the maximum gap, ``due`` past the ideal gap, ``ok`` for
    one coming up within the requested days, ``snoozed`` while snoozed.
    """

    who: str
    kind: Literal["person", "alliance"]
    status: Literal["ok", "due", "overdue", "snoozed"]
    due_on: date
    overdue_on: date | None
    last_contact: date | None
    days_since: int | None
    cadence: str
    reason: str
    days_overdue: int
    tier: str
    person_id: int | None
    alliance_id: int | None


class SnoozeIn(ApiModel):
    """Until when to hide a person's check-in (a day after today)."""

    until: date


# --- promises, reliability and favours -------------------------------------------------


class ReliabilityOut(ServiceOut):
    """How one side keeps its promises: counts, the estimate and the plain rate (percent).

    The estimate is the Beta(2, 1) posterior mean: kept counts 1, late half, broken or
    open past the due day 0, released not at all; two promises kept read as 80.
    """

    who: str
    side: Literal["mine", "theirs"]
    kept: int
    late: int
    broken: int
    overdue: int
    open: int
    reliability: int
    plain_rate: int | None
    person_id: int | None


class ReliabilityOverviewOut(BaseModel):
    """My reliability, everyone's to me, and each person's both ways (least reliable first)."""

    mine: ReliabilityOut
    theirs: ReliabilityOut
    people: list[ReliabilityOut]


class PersonReliabilityOut(ServiceOut):
    """Reliability both ways between me and one person; null on a side with no promises."""

    person_id: int
    name: str
    theirs: ReliabilityOut | None
    mine: ReliabilityOut | None


class FavourNudgeOut(ServiceOut):
    """Someone I have taken more from than I gave (units: small 1, medium 3, large 9)."""

    person_id: int
    name: str
    given: int
    received: int
    balance: int
    values: str = Field(description="What they value (or their interests).")
    last_received: str
    suggestion: str


class DuePromiseOut(ServiceOut):
    """An open promise between me and someone, overdue or falling due soon."""

    id: int
    mine: bool = Field(description="True for a promise I made.")
    promiser: str
    promisee: str
    description: str
    due_on: date
    days_left: int = Field(description="Negative when overdue.")
    overdue: bool
    person_id: int | None = Field(description="The other side.")


# --- the agenda ------------------------------------------------------------------------


class ApiCall(BaseModel):
    """A request to this API."""

    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    path: str


class AgendaFixOut(BaseModel):
    """Where a line is dealt with: the page, the API call, and the records concerned.

    Doing it (logging the meeting, settling the promise, marking the duty done,
    celebrating the milestone, resolving the conflict) takes the line off the agenda.
    """

    action: str = Field(
        description="log-interaction, settle-promise, complete-duty, record-favour, "
        "celebrate-milestone, reach-milestone, resolve-conflict or goal-step."
    )
    page: str = Field(description="The web page where it is fixed.")
    api: ApiCall | None = Field(description="The API call that fixes it, when there is one.")
    duty_id: int | None = None
    milestone_id: int | None = None
    conflict_id: int | None = None
    goal_id: int | None = None


class AgendaItemOut(ServiceOut):
    """One line of the agenda, with the reason it is there and where it is fixed."""

    rank: int
    section: str = Field(
        description="check-in, promise, duty, cooling, favour, celebrate, conflict, goal, due."
    )
    who: str
    what: str
    why: str
    on: date | None
    person_id: int | None
    alliance_id: int | None
    promise_id: int | None
    key: str = Field(default="", description="Names the line on every device (see /api/v1/agenda).")
    fix: AgendaFixOut


class AgendaOut(BaseModel):
    """The agenda from ``start`` to ``end``, in priority order."""

    start: date
    end: date
    days: int
    items: list[AgendaItemOut]


# --- the five-day programme ------------------------------------------------------------


class ProgramPromptOut(ServiceOut):
    """One question of a day; ``key`` is the answer's name."""

    key: str
    question: str
    required: bool
    many: bool = Field(description="A comma-separated list.")
    default: str


class ProgramDayOut(BaseModel):
    """A day of the programme, its questions, what it stores, and whether it is done."""

    number: int
    title: str
    intro: str
    prompts: list[ProgramPromptOut]
    records: str = Field(description="What answering stores.")
    done: bool
    summary: str = Field(description="What the stored records say, once done.")


class ProgramOut(BaseModel):
    """The five days and the first one not done yet."""

    days: list[ProgramDayOut]
    next_day: int


class ProgramAnswersIn(ApiModel):
    """A day's answers, keyed as in the day's prompts (lists separated by commas)."""

    answers: dict[str, str] = Field(
        examples=[{"cause": "Open data for the city", "by": "2026-12-31"}]
    )


class ProgramDayResultOut(ServiceOut):
    """What answering a day stored, line by line."""

    day: int
    title: str
    lines: list[str]
