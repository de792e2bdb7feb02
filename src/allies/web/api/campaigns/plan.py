"""``/api/v1/campaigns/{id}/plan``, ``/meetings`` and ``/trades``: the approach plan, the
dated meetings with talking points, and the trades, as the command line shows them."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from allies.services.campaigns.meetings import MeetingPlan
from allies.services.campaigns.plan import ApproachPlan, PlanOptions
from allies.services.campaigns.plan_store import day_approach_plan, day_meeting_plan
from allies.services.campaigns.trades import TradeReport, campaign_trades
from allies.web.api.common import DAY_NOTE, Day
from allies.web.deps import LensDep, UoW
from allies.web.schemas.common import ERRORS

router = APIRouter(prefix="/api/v1/campaigns", tags=["campaigns"], responses=ERRORS)

K = Annotated[int, Query(ge=1, le=200, description="How many people to win.")]
Model = Annotated[
    Literal["lt", "ic"],
    Query(description="Linear threshold (lt) or independent cascade (ic)."),
]
AsOf = Annotated[
    Day | None,
    Query(description="Plan from what was recorded by this day (default: today)." + DAY_NOTE),
]
Seed = Annotated[int, Query(ge=0, le=2**32 - 1, description="Seed of the Monte Carlo estimates.")]
Replan = Annotated[
    bool,
    Query(
        description="Plan anew even if the day's plan for these settings is stored (it is "
        "read back otherwise, until the campaign, the network or the meetings logged change)."
    ),
]


@router.get("/{campaign_id}/plan", response_model=ApproachPlan)
def plan(
    uow: UoW,
    lens: LensDep,
    campaign_id: int,
    k: K = 5,
    model: Model = "lt",
    epsilon: Annotated[float, Query(gt=0, lt=0.6, description="IMM's accuracy.")] = 0.1,
    seed: Seed = 0,
    as_of: AsOf = None,
    replan: Replan = False,
) -> ApproachPlan:
    """Whom to win first, in order: each step's expected gain in support and whom it sways.

    The day's plan is stored and read back (``planned_at``, ``reused``) unless ``replan``.
    """
    return day_approach_plan(
        uow,
        f"#{campaign_id}",
        PlanOptions(k=k, model=model, epsilon=epsilon, seed=seed),
        lens=lens.on(as_of),
        replan=replan,
    )


@router.get("/{campaign_id}/meetings", response_model=MeetingPlan)
def meetings(
    uow: UoW,
    lens: LensDep,
    campaign_id: int,
    k: K = 5,
    model: Model = "lt",
    start: Annotated[Day | None, Query(description="First day for meetings." + DAY_NOTE)] = None,
    per_week: Annotated[int, Query(ge=1, le=15, description="Meetings a week at most.")] = 3,
    threshold: Annotated[
        float, Query(gt=0, le=1, description="Projected support before the group meeting.")
    ] = 0.6,
    seed: Seed = 0,
    as_of: AsOf = None,
    replan: Replan = False,
) -> MeetingPlan:
    """The dated one-on-ones, pre-briefs and group meeting, with talking points and trades.

    Stored for the day like the plan, and read back unless ``replan``.
    """
    return day_meeting_plan(
        uow,
        f"#{campaign_id}",
        PlanOptions(k=k, model=model, seed=seed),
        lens=lens.on(as_of),
        start=start,
        per_week=per_week,
        threshold=threshold,
        replan=replan,
    )


@router.get("/{campaign_id}/trades", response_model=TradeReport)
def trades(uow: UoW, lens: LensDep, campaign_id: int, as_of: AsOf = None) -> TradeReport:
    """For each stakeholder, the issue to give ground on for their move on mine."""
    return campaign_trades(uow, f"#{campaign_id}", lens=lens.on(as_of))
