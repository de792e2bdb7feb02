"""The plan of the day: a campaign's plans made once and read back until something changes.

Planning a campaign on a large network takes seconds (reading the network, then influence
maximisation), and the plan does not change between two looks at an unchanged campaign.
:func:`day_meeting_plan` (the command line's ``campaign plan`` and the plan page) and
:func:`day_approach_plan` (the API's plan) therefore keep each plan they make in the
workspace's analysis cache (``uow.analysis_cache``, shared by every process on the
database) under a key made of:

- the day the plan is for and the half-life of observations (another day plans anew,
  as Today's stored plans do);
- the plan's settings (size, model, seed, accuracy, the meetings' start, pace and group
  threshold) and who is asking (on a team each member plans from their own place);
- a fingerprint of everything the plan is made from
  (:meth:`~allies.services.ports.PlanDayRepository.inputs_state`): the campaign's row,
  issues, deciders and stances, and SQL aggregates of the people, ties, observations,
  affiliations, promises and the meetings logged within the plan's window.

So recording or changing a stance, a decider, a tie or an observation, or logging a
meeting, gives a new key, and the next look plans again; otherwise the stored plan is
read back in a few milliseconds. ``replan=True`` (``--replan``, the page's "Plan again",
``?replan=true``) plans anew and stores the new plan over it. Edits to a person's details
that the talking points quote (their interests or agenda) do not re-plan by themselves.

Plans travel as JSON (pydantic's ``TypeAdapter`` over the plans' dataclasses), with the
moment they were made, which the faces show ("planned at 09:12").
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Generic, TypeVar

from pydantic import TypeAdapter, ValidationError

from allies.services.campaigns.meetings import MeetingPlan, meeting_plan
from allies.services.campaigns.plan import ApproachPlan, PlanOptions, approach_plan
from allies.services.campaigns.read import pick_campaign
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork

__all__ = ["day_approach_plan", "day_meeting_plan", "plan_key"]

T = TypeVar("T")


@functools.cache
def _meetings() -> TypeAdapter[MeetingPlan]:
    return TypeAdapter(MeetingPlan)


@functools.cache
def _approaches() -> TypeAdapter[ApproachPlan]:
    return TypeAdapter(ApproachPlan)


def plan_key(state: str, **settings: object) -> str:
    """The key a plan is stored under: a SHA-256 of the inputs' fingerprint and settings.

    Examples
    --------
    >>> len(plan_key("abc", k=5, day="2026-12-06"))
    64
    >>> plan_key("abc", k=5) == plan_key("abc", k=6)
    False
    """
    text = json.dumps({"state": state, **settings}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _campaign_id(uow: UnitOfWork, campaign: str) -> int:
    with uow:
        return pick_campaign(uow.campaigns.list(), campaign).id or 0


def _stamp_approach(plan: ApproachPlan, planned_at: datetime | None, reused: bool) -> ApproachPlan:
    return replace(plan, planned_at=planned_at or datetime.now(UTC), reused=reused)


def _stamp_meetings(plan: MeetingPlan, planned_at: datetime | None, reused: bool) -> MeetingPlan:
    return replace(plan, approach=_stamp_approach(plan.approach, planned_at, reused))


@dataclass(frozen=True)
class _Kind(Generic[T]):
    """How one kind of plan is named, stored, read and stamped."""

    name: str
    adapter: Callable[[], TypeAdapter[T]]
    stamp: Callable[[T, datetime | None, bool], T]
    planned_at: Callable[[T], datetime | None]


MEETINGS = _Kind[MeetingPlan](
    "meeting", _meetings, _stamp_meetings, lambda plan: plan.approach.planned_at
)
APPROACH = _Kind[ApproachPlan](
    "approach", _approaches, _stamp_approach, lambda plan: plan.planned_at
)


def _day_plan(
    uow: UnitOfWork,
    campaign: str,
    kind: _Kind[T],
    settings: Mapping[str, object],
    lens: Lens,
    recent_days: int,
    replan: bool,
    make: Callable[[str], T],
) -> T:
    """The stored plan under the key of ``settings``, or ``make(reference)`` stored."""
    campaign_id = _campaign_id(uow, campaign)
    day = lens.day
    with uow:
        state = uow.plan_days.inputs_state(campaign_id, day - timedelta(days=recent_days), day)
        actor = uow.actor
    key = plan_key(
        state or "",
        plan=kind.name,
        day=day.isoformat(),
        half_life=lens.half_life_days,
        user=None if actor is None else actor.user_id,
        **settings,
    )
    slot = f"{kind.name}-plan-{campaign_id}"
    if not replan:
        with uow:
            payload = uow.analysis_cache.get(slot, key)
        if payload is not None:
            try:
                found = kind.adapter().validate_json(payload)
            except ValidationError:
                found = None  # written by another version: planned anew and stored over
            if found is not None:
                return kind.stamp(found, kind.planned_at(found), True)
    plan = kind.stamp(make(f"#{campaign_id}"), None, False)
    with uow:
        if uow.analysis_cache.put(slot, key, bytes(kind.adapter().dump_json(plan))):
            uow.commit()
    return plan


def day_meeting_plan(
    uow: UnitOfWork,
    campaign: str,
    options: PlanOptions | None = None,
    *,
    lens: Lens = TODAY,
    start: date | None = None,
    per_week: int = 3,
    threshold: float = 0.6,
    replan: bool = False,
) -> MeetingPlan:
    """:func:`~allies.services.campaigns.meetings.meeting_plan`, stored for the day.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; a plan made now is stored in a transaction of its own
        (any member may store it: it goes to no audit trail).
    campaign : str
        An id, a name, a unique part of a name, or ``active``.
    options : PlanOptions, optional
        The approach plan's settings.
    lens : Lens
        The day the plan is for and the half-life of observations.
    start, per_week, threshold
        As for :func:`~allies.services.campaigns.meetings.meeting_plan`.
    replan : bool
        Plan anew even when a plan is stored, and store the new one.

    Returns
    -------
    MeetingPlan
        Its ``approach.planned_at`` says when it was made and ``approach.reused``
        whether it was read back.
    """
    options = options or PlanOptions()
    options.check()
    settings = {
        "options": asdict(options),
        "start": start,
        "per_week": per_week,
        "threshold": threshold,
    }

    def make(reference: str) -> MeetingPlan:
        return meeting_plan(
            uow,
            reference,
            options,
            lens=lens,
            start=start,
            per_week=per_week,
            threshold=threshold,
        )

    return _day_plan(uow, campaign, MEETINGS, settings, lens, options.recent_days, replan, make)


def day_approach_plan(
    uow: UnitOfWork,
    campaign: str,
    options: PlanOptions | None = None,
    *,
    lens: Lens = TODAY,
    replan: bool = False,
) -> ApproachPlan:
    """:func:`~allies.services.campaigns.plan.approach_plan`, stored for the day.

    The parameters are those of :func:`day_meeting_plan` without the meetings'.
    """
    options = options or PlanOptions()
    options.check()

    def make(reference: str) -> ApproachPlan:
        return approach_plan(uow, reference, options, lens=lens)

    settings = {"options": asdict(options)}
    return _day_plan(uow, campaign, APPROACH, settings, lens, options.recent_days, replan, make)
