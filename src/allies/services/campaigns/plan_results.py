"""What an approach plan reports: the people to win in order, who is on board, who was met.

The plan itself is made by :mod:`allies.services.campaigns.plan`; these are its results,
shared with the meeting plan, the exports and the faces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = [
    "ApproachPlan",
    "ApproachStep",
    "Approached",
    "OnBoard",
    "Swayed",
    "estimate_note",
    "planned_note",
]


@dataclass(frozen=True)
class Swayed:
    """Someone a step brings along: their chance of coming on board, and the rise."""

    person_id: int
    name: str
    probability: float
    increase: float
    is_decider: bool


@dataclass(frozen=True)
class OnBoard:
    """Someone counted on board from the start, and why."""

    person_id: int
    name: str
    is_decider: bool
    why: str


@dataclass(frozen=True)
class Approached:
    """Someone already met within the window: not proposed again."""

    person_id: int
    name: str
    met_on: date
    tone: int
    on_board: bool
    why: str


@dataclass(frozen=True)
class ApproachStep:
    """One person to win, in order, with the expected gain and whom it sways.

    ``gain`` and ``support`` are decision power (capability × decider weight);
    ``gain_share`` and ``support_share`` the same as shares of all there is.
    """

    number: int
    person_id: int
    name: str
    title: str
    is_decider: bool
    distance: float | None
    gain: float
    gain_share: float
    support: float
    support_share: float
    sways: list[Swayed]
    heard_by: list[str]
    why: str


@dataclass(frozen=True)
class ApproachPlan:
    """Whom to win, in order, and the expected support once they are won.

    ``support_error`` is the standard error of ``support`` from the samples behind it,
    when the method states one (IMM: the RR sets it chose on). ``planned_at`` is when
    the plan was made and ``reused`` whether it was read back as the day's stored plan
    (:mod:`allies.services.campaigns.plan_store`); a plan made on the spot has
    ``planned_at`` None.
    """

    campaign_id: int
    campaign: str
    as_of: date
    decision_on: date | None
    model: str
    method: str
    epsilon: float | None
    guarantee: float | None
    simulations: int
    rr_sets: int
    total_power: float
    base_support: float
    base_share: float
    support: float
    share: float
    on_board: list[OnBoard]
    approached: list[Approached]
    steps: list[ApproachStep]
    mapping: str
    message: str = ""
    activation: dict[int, float] = field(default_factory=dict)
    support_error: float | None = None
    planned_at: datetime | None = None
    reused: bool = False


def estimate_note(plan: ApproachPlan) -> str:
    """How the plan's figures were estimated, in plain words, for the faces.

    Examples
    --------
    >>> from datetime import date
    >>> plan = ApproachPlan(1, "C", date(2026, 1, 5), None, "lt", "imm", 0.1, 0.53, 20000,
    ...     20000, 10.0, 1.0, 0.1, 3.0, 0.3, [], [], [], "", support_error=0.05)
    >>> for part in estimate_note(plan).split("; "):
    ...     print(part)
    IMM, within 0.530 of the best plan with probability 1 − δ
    from the 20,000 samples that chose the plan, support give or take 0.5 points
    """
    method = plan.method.upper()
    if plan.guarantee:
        method += f", within {plan.guarantee:.3f} of the best plan with probability 1 − δ"
    if plan.method == "imm":
        note = f"{method}; from the {plan.simulations:,} samples that chose the plan"
    else:
        note = f"{method}; {plan.simulations:,} simulations"
    if plan.support_error is not None and plan.total_power > 0:
        note += f", support give or take {100 * plan.support_error / plan.total_power:.1f} points"
    return note


def planned_note(plan: ApproachPlan) -> str:
    """When the plan was made, when it is the day's stored plan ("" otherwise).

    Examples
    --------
    >>> from datetime import UTC, date, datetime
    >>> plan = ApproachPlan(1, "C", date(2026, 1, 5), None, "lt", "imm", 0.1, None, 1, 1,
    ...     1.0, 0.0, 0.0, 0.0, 0.0, [], [], [], "",
    ...     planned_at=datetime(2026, 1, 5, 9, 12, tzinfo=UTC), reused=True)
    >>> planned_note(plan)
    "Today's plan, made at 09:12 UTC and kept since nothing it depends on has changed"
    """
    if not plan.reused or plan.planned_at is None:
        return ""
    return (
        f"Today's plan, made at {plan.planned_at:%H:%M} UTC and kept since nothing it "
        "depends on has changed"
    )
