"""``/api/v1/powerbase``, ``/api/v1/goals`` and ``/api/v1/assessments``: where you stand.

The same services as ``allies powerbase``, ``allies goal`` and ``allies assess``, so the
numbers agree with the command line and the pages. People are named by id.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, status

from allies.services.standing import assessment as assessments
from allies.services.standing import goal_plan as plans
from allies.services.standing import goals as service
from allies.services.standing.powerbase import PowerBase, power_base
from allies.web.api.common import DAY_NOTE, Day, ref
from allies.web.deps import LensDep, UoW
from allies.web.schemas.common import ERRORS
from allies.web.schemas.standing import AssessmentIn, GoalIn, GoalStatusIn, NeedIn

router = APIRouter(prefix="/api/v1", responses=ERRORS)

AsOf = Annotated[
    Day | None, Query(description="Weigh everything as on this day (today)." + DAY_NOTE)
]


@router.get("/powerbase", response_model=PowerBase, tags=["where you stand"])
def powerbase(uow: UoW, lens: LensDep, as_of: AsOf = None) -> PowerBase:
    """The power-base report: findings, composition, strength, reach, brokerage, sphere of
    influence, word kept and dependency risks, each with how it is computed."""
    return power_base(uow, lens=lens.on(as_of))


def _plan(uow: UoW, lens: LensDep, goal_id: int, as_of: date | None) -> plans.GoalPlan:
    return plans.goal_plan(uow, f"#{goal_id}", lens=lens.on(as_of))


def _need(need: NeedIn) -> service.NeedSpec:
    holder = ref(need.holder_id) if need.holder_id is not None else None
    return service.NeedSpec(need.description, need.kind, holder)


@router.get("/goals", response_model=list[plans.GoalRow], tags=["goals"])
def goals(
    uow: UoW,
    lens: LensDep,
    include_closed: Annotated[bool, Query(description="Also reached and dropped.")] = False,
    as_of: AsOf = None,
) -> list[plans.GoalRow]:
    """My goals with their holders, allies, gaps and next step."""
    return plans.list_goals(uow, lens=lens.on(as_of), include_closed=include_closed)


@router.post(
    "/goals", response_model=plans.GoalPlan, status_code=status.HTTP_201_CREATED, tags=["goals"]
)
def create_goal(uow: UoW, lens: LensDep, body: GoalIn) -> plans.GoalPlan:
    """Record a goal with its needs; answers with its plan."""
    goal = service.create_goal(
        uow,
        body.title,
        description=body.description,
        target=body.target_on,
        needs=[_need(n) for n in body.needs],
    )
    return _plan(uow, lens, goal.id or 0, None)


@router.get("/goals/steps", response_model=list[plans.NextStep], tags=["goals"])
def steps(uow: UoW, lens: LensDep, as_of: AsOf = None) -> list[plans.NextStep]:
    """The next steps towards my open goals, as they appear on Today."""
    return plans.next_steps(uow, lens=lens.on(as_of))


@router.get("/goals/{goal_id}", response_model=plans.GoalPlan, tags=["goals"])
def goal(uow: UoW, lens: LensDep, goal_id: int, as_of: AsOf = None) -> plans.GoalPlan:
    """A goal's plan: needs and holders, key people (deciders, those with their ear,
    gatekeepers) with my strength, the way to each and what to offer, gaps and steps."""
    return _plan(uow, lens, goal_id, as_of)


@router.post(
    "/goals/{goal_id}/needs",
    response_model=plans.GoalPlan,
    status_code=status.HTTP_201_CREATED,
    tags=["goals"],
)
def add_need(uow: UoW, lens: LensDep, goal_id: int, body: NeedIn) -> plans.GoalPlan:
    """Add a decision or resource the goal needs; answers with the new plan."""
    spec = _need(body)
    service.add_need(uow, f"#{goal_id}", spec.description, kind=spec.kind, holder=spec.holder)
    return _plan(uow, lens, goal_id, None)


@router.patch("/goals/{goal_id}", response_model=plans.GoalPlan, tags=["goals"])
def set_status(uow: UoW, lens: LensDep, goal_id: int, body: GoalStatusIn) -> plans.GoalPlan:
    """Mark a goal open, reached or dropped."""
    service.set_goal_status(uow, f"#{goal_id}", body.status)
    return _plan(uow, lens, goal_id, None)


@router.get(
    "/assessments", response_model=list[assessments.AssessmentResult], tags=["self-assessment"]
)
def assessment_history(uow: UoW) -> list[assessments.AssessmentResult]:
    """Every political-skill assessment, oldest first, with the change since the last."""
    return assessments.assessment_history(uow)


@router.get(
    "/assessments/questions",
    response_model=list[assessments.Question],
    tags=["self-assessment"],
)
def questions() -> list[assessments.Question]:
    """The 18 items in the order they are asked, with the keys answers use."""
    return assessments.questions()


@router.get(
    "/assessments/latest", response_model=assessments.AssessmentResult, tags=["self-assessment"]
)
def latest(uow: UoW) -> assessments.AssessmentResult:
    """The latest assessment, scored, with what each score means and what to practise."""
    return assessments.latest_assessment(uow)


@router.post(
    "/assessments",
    response_model=assessments.AssessmentResult,
    status_code=status.HTTP_201_CREATED,
    tags=["self-assessment"],
)
def take(uow: UoW, body: AssessmentIn) -> assessments.AssessmentResult:
    """Keep a completed questionnaire and answer with its scores."""
    return assessments.take_assessment(uow, body.answers, on=body.taken_on)
