"""Today's campaign plans, made in the background so that no page waits for them.

Planning a campaign's meetings on a large network takes seconds (influence
maximisation and the meeting plan). The day's plans are stored for every process to read
(:func:`allies.services.agenda.campaign_meetings.plan_day`); this module makes them
where no one waits:

- the periodic task ``plans`` (registered in :mod:`allies.background.features`) plans
  every workspace's active campaigns that have no plan stored for the day, every
  :data:`PLANS_EVERY`: on a laptop in ``allies serve``'s embedded scheduler, on a team
  server in the ``allies worker`` processes;
- the same task makes each active campaign's plan as the plan page shows it by default
  (:data:`PAGE_PLAN`), so that page finds it stored too;
- :func:`plan_day_soon` asks for that task now, when a page (the home page) finds a plan
  missing: the laptop's scheduler runs it at once, a team server's job queue gets one job
  (a second request while one waits adds none); :func:`plan_day_soon_or_here` (Today on a
  large network) has a thread of this process run it where neither runs (a script, a
  test's app; :func:`allies.background.soon.run_soon_or_here`);
- :func:`campaign_plan_soon` makes one campaign's plan with other settings (the plan
  page's form) in a thread of this process, one run per campaign and settings at a time.

A plan that fails is logged; the next look or tick tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from allies.background.soon import (
    failed_here,
    run_here,
    run_soon,
    run_soon_or_here,
    running_here,
)
from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.domain.accounts import Actor
from allies.errors import AlliesError
from allies.services.agenda.campaign_meetings import plan_day
from allies.services.campaigns.editing import list_campaigns
from allies.services.campaigns.plan import PlanOptions
from allies.services.campaigns.plan_ready import make_meeting_plan
from allies.services.context import Lens

__all__ = [
    "PAGE_PLAN",
    "PLANS_EVERY",
    "PagePlan",
    "campaign_plan_failed",
    "campaign_plan_soon",
    "plan_day_now",
    "plan_day_soon",
    "plan_day_soon_or_here",
    "planning_here",
]

log = logging.getLogger("allies.background")

#: How often the periodic task looks for campaigns without today's plan.
PLANS_EVERY = timedelta(minutes=10)


@dataclass(frozen=True)
class PagePlan:
    """The settings of a campaign's plan as the plan page asks for it."""

    k: int = 5
    model: Literal["lt", "ic"] = "lt"
    per_week: int = 3
    start: date | None = None
    threshold: float = 0.6

    def options(self) -> PlanOptions:
        """The approach plan's settings."""
        return PlanOptions(k=self.k, model=self.model)


#: The plan page's default settings: the plan the background work makes every day.
PAGE_PLAN = PagePlan()


def _make_page_plan(
    settings: Settings,
    workspace: str,
    campaign_id: int,
    wanted: PagePlan,
    lens: Lens,
    actor: Actor | None = None,
    replan: bool = False,
) -> None:
    uow = unit_of_work_factory(settings)(workspace, actor=actor)
    make_meeting_plan(
        uow,
        campaign_id,
        wanted.options(),
        lens=lens,
        start=wanted.start,
        per_week=wanted.per_week,
        threshold=wanted.threshold,
        replan=replan,
    )


def plan_day_now(settings: Settings, workspace: str, today: date | None = None) -> int:
    """Plan and store today's meetings of the workspace's active campaigns that have none
    stored; returns how many were planned. The plans are made as Today makes them (with
    the default half-life of observations), so Today and the home page read them back;
    each active campaign's plan page plan (:data:`PAGE_PLAN`) is made and stored too
    when it is not (read back in a fraction of a second when it is)."""
    factory = unit_of_work_factory(settings)
    planned = plan_day(factory(workspace), today or date.today())
    for summary in list_campaigns(factory(workspace), status="active"):
        try:  # the plan page's plan with its default settings (read back when stored)
            _make_page_plan(settings, workspace, summary.id, PAGE_PLAN, settings.lens)
        except AlliesError as problem:  # a campaign that cannot be planned has no plan
            log.info("campaign %s has no plan: %s", summary.id, problem.message)
    return planned


def plan_day_soon(settings: Settings, workspace: str) -> bool:
    """Ask the background work to plan the workspace's day now (the ``plans`` task, see
    :func:`allies.background.soon.run_soon`); whether it was asked."""
    return run_soon(settings, "plans", workspace)


def plan_day_soon_or_here(settings: Settings, workspace: str) -> bool:
    """:func:`plan_day_soon`, else the ``plans`` task for the workspace in a thread of this
    process (:func:`allies.background.soon.run_soon_or_here`)."""
    return run_soon_or_here(settings, "plans", workspace)


def _plan_name(workspace: str, campaign_id: int, wanted: PagePlan, actor: Actor | None) -> str:
    who = "" if actor is None else str(actor.user_id)
    return f"plan:{workspace}:{campaign_id}:{who}:{wanted!r}"


def campaign_plan_soon(
    settings: Settings,
    workspace: str,
    campaign_id: int,
    wanted: PagePlan,
    lens: Lens,
    actor: Actor | None = None,
    *,
    replan: bool = False,
) -> bool:
    """Make (and store) the campaign's plan with these settings in a thread of this
    process (``replan``: anew, over the stored one); False when that run already goes.
    A campaign that cannot be planned says why through :func:`campaign_plan_failed`."""
    return run_here(
        _plan_name(workspace, campaign_id, wanted, actor),
        lambda: _make_page_plan(settings, workspace, campaign_id, wanted, lens, actor, replan),
    )


def campaign_plan_failed(
    workspace: str, campaign_id: int, wanted: PagePlan, actor: Actor | None
) -> AlliesError | None:
    """Why the last :func:`campaign_plan_soon` of that plan could not make it, or None."""
    return failed_here(_plan_name(workspace, campaign_id, wanted, actor))


def planning_here(workspace: str, campaign_id: int, wanted: PagePlan, actor: Actor | None) -> bool:
    """Whether this process is making that plan now."""
    return running_here(_plan_name(workspace, campaign_id, wanted, actor))
