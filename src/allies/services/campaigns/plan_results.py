"""What an approach plan reports: the people to win in order, who is on board, who was met.

The plan itself is made by :mod:`allies.services.campaigns.plan`; these are its results,
shared with the meeting plan, the exports and the faces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["ApproachPlan", "ApproachStep", "Approached", "OnBoard", "Swayed"]


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
    """Whom to win, in order, and the expected support once they are won."""

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
