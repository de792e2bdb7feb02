"""A campaign's plan of the day without planning while someone waits.

On a large network planning takes seconds (:mod:`allies.services.campaigns.plan_store`
keeps each plan it makes for the day). A page that must answer at once reads, never
plans:

- :func:`kept_meeting_plan` gives the plan stored for the day under exactly these settings
  and the campaign and network as they are now, or None (nothing is planned);
- :func:`previous_meeting_plan` gives the newest plan made with these settings for an
  earlier state (another day, or before a change of the campaign or the network), shown
  marked as such while the current one is made;
- :func:`make_meeting_plan` plans, stores the plan for the day and remembers it as the
  newest for its settings: what the background work runs.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from pydantic import ValidationError

from allies.services.campaigns.meetings import MeetingPlan
from allies.services.campaigns.plan import PlanOptions
from allies.services.campaigns.plan_store import (
    MEETINGS,
    _day_plan,
    day_meeting_plan,
    plan_key,
)
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork

__all__ = ["kept_meeting_plan", "make_meeting_plan", "previous_meeting_plan"]


class _NotKept(Exception):
    """Raised in place of planning: no plan is stored for the key."""


def _settings(
    options: PlanOptions, start: date | None, per_week: int, threshold: float
) -> dict[str, object]:
    """The settings as :func:`~allies.services.campaigns.plan_store.day_meeting_plan`
    keys them."""
    return {
        "options": asdict(options),
        "start": start,
        "per_week": per_week,
        "threshold": threshold,
    }


def kept_meeting_plan(
    uow: UnitOfWork,
    campaign_id: int,
    options: PlanOptions,
    *,
    lens: Lens = TODAY,
    start: date | None = None,
    per_week: int = 3,
    threshold: float = 0.6,
) -> MeetingPlan | None:
    """The plan :func:`~allies.services.campaigns.plan_store.day_meeting_plan` stored for
    the day with these settings, for the campaign and network as they are now; None when
    there is none (nothing is planned here). A few quick reads."""
    options.check()

    def make(reference: str) -> MeetingPlan:
        raise _NotKept(reference)

    settings = _settings(options, start, per_week, threshold)
    try:
        return _day_plan(
            uow, f"#{campaign_id}", MEETINGS, settings, lens, options.recent_days, False, make
        )
    except _NotKept:
        return None


def _last_slot(campaign_id: int) -> str:
    return f"meeting-plan-last-{campaign_id}"


def _last_key(uow: UnitOfWork, lens: Lens, settings: dict[str, object]) -> str:
    actor = uow.actor
    return plan_key(
        "",
        plan="last-meeting",
        half_life=lens.half_life_days,
        user=None if actor is None else actor.user_id,
        **settings,
    )


def previous_meeting_plan(
    uow: UnitOfWork,
    campaign_id: int,
    options: PlanOptions,
    *,
    lens: Lens = TODAY,
    start: date | None = None,
    per_week: int = 3,
    threshold: float = 0.6,
) -> MeetingPlan | None:
    """The newest plan :func:`make_meeting_plan` made with these settings, whatever the
    day or the state of the campaign and network it was made for (its ``as_of`` and
    ``planned_at`` say when); None when there is none."""
    settings = _settings(options, start, per_week, threshold)
    with uow:
        payload = uow.analysis_cache.get(_last_slot(campaign_id), _last_key(uow, lens, settings))
    if payload is None:
        return None
    try:
        return MEETINGS.adapter().validate_json(payload)
    except ValidationError:  # written by another version
        return None


def make_meeting_plan(
    uow: UnitOfWork,
    campaign_id: int,
    options: PlanOptions,
    *,
    lens: Lens = TODAY,
    start: date | None = None,
    per_week: int = 3,
    threshold: float = 0.6,
    replan: bool = False,
) -> MeetingPlan:
    """Plan (or read back; ``replan``: plan anew) and store the day's plan with these
    settings, and remember it as the newest for its settings
    (:func:`previous_meeting_plan`)."""
    plan = day_meeting_plan(
        uow,
        f"#{campaign_id}",
        options,
        lens=lens,
        start=start,
        per_week=per_week,
        threshold=threshold,
        replan=replan,
    )
    if plan.approach.reused:  # read back: remembered when it was made
        return plan
    settings = _settings(options, start, per_week, threshold)
    with uow:
        key = _last_key(uow, lens, settings)
        if uow.analysis_cache.put(
            _last_slot(campaign_id), key, bytes(MEETINGS.adapter().dump_json(plan))
        ):
            uow.commit()
    return plan
