"""Today's campaign plans, made in the background so that no page waits for them.

Planning a campaign's meetings on a large network takes seconds (influence
maximisation and the meeting plan). The day's plans are stored for every process to read
(:func:`allies.services.agenda.campaign_meetings.plan_day`); this module makes them
where no one waits:

- the periodic task ``plans`` (registered in :mod:`allies.background.features`) plans
  every workspace's active campaigns that have no plan stored for the day, every
  :data:`PLANS_EVERY`: on a laptop in ``allies serve``'s embedded scheduler, on a team
  server in the ``allies worker`` processes;
- :func:`plan_day_soon` asks for that task now, when a page (the home page) finds a plan
  missing: the laptop's scheduler runs it at once, a team server's job queue gets one job
  (a second request while one waits adds none).

A plan that fails is logged; the next look or tick tries again.
"""

from __future__ import annotations

from datetime import date, timedelta

from allies.background.soon import run_soon
from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.agenda.campaign_meetings import plan_day

__all__ = ["PLANS_EVERY", "plan_day_now", "plan_day_soon"]

#: How often the periodic task looks for campaigns without today's plan.
PLANS_EVERY = timedelta(minutes=10)


def plan_day_now(settings: Settings, workspace: str, today: date | None = None) -> int:
    """Plan and store today's meetings of the workspace's active campaigns that have none
    stored; returns how many were planned. The plans are made as Today makes them (with
    the default half-life of observations), so Today and the home page read them back."""
    factory = unit_of_work_factory(settings)
    return plan_day(factory(workspace), today or date.today())


def plan_day_soon(settings: Settings, workspace: str) -> bool:
    """Ask the background work to plan the workspace's day now (the ``plans`` task, see
    :func:`allies.background.soon.run_soon`); whether it was asked."""
    return run_soon(settings, "plans", workspace)
