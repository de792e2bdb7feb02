"""Where the features' periodic work is registered (imported on first use of the registry).

- ``reminders``: every 5 minutes, send the digests that are due
  (:func:`allies.services.reminders.due.send_due`).
- ``surveys``: every hour, mail the survey reminders that are due
  (:func:`allies.services.surveys.mailing.remind_due`).
- ``sync``: every 15 minutes, each account of each workspace under its own lock
  (:func:`allies.services.sync.run.sync_account`), when the sync package is present.
- ``plans``: every 10 minutes, plan and store the day's meetings of the active campaigns
  that have none stored (:mod:`allies.background.day_plans`).
- ``analyses``: every minute, for each workspace whose records changed, the plain
  influence ranking as ``allies influencers`` shows it
  (:func:`allies.services.influence.kept_ranking.refresh_ranking`), the power base
  (:func:`allies.services.standing.kept.refresh_power_base`), then the network's slow
  analyses (betweenness, brokerage, communities, the map layout;
  :func:`allies.services.influence.kept.refresh`); a few aggregate queries when nothing
  changed.

Modules named in ``ALLIES_BACKGROUND_MODULES`` (comma-separated) are imported after these,
so a deployment (or a test) can register tasks of its own with
:func:`allies.background.tasks.register`.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from importlib import import_module
from importlib.util import find_spec

__all__ = ["load"]

_loaded = False

#: How often the digests are looked at (each goes once a day, at its own hour).
REMINDERS_EVERY = timedelta(minutes=5)
#: How often the survey reminders are looked at (each goes once, days after the link).
SURVEYS_EVERY = timedelta(hours=1)
#: How often every account is synced.
SYNC_EVERY = timedelta(minutes=15)
#: How often each workspace's network is looked at for a change to analyse.
ANALYSES_EVERY = timedelta(minutes=1)


def _register_reminders() -> None:
    from allies.background.tasks import TaskRun, register
    from allies.bootstrap import reminders_context
    from allies.services.reminders.due import send_due

    def reminders(run: TaskRun) -> None:
        ctx = reminders_context(run.settings)
        send_due(ctx, ctx.factory(run.workspace))

    register("reminders", reminders, every=REMINDERS_EVERY)


def _register_surveys() -> None:
    from allies.background.tasks import TaskRun, register
    from allies.bootstrap import reminders_context
    from allies.services.surveys.mailing import remind_due

    def surveys(run: TaskRun) -> None:
        ctx = reminders_context(run.settings)
        remind_due(ctx, ctx.factory(run.workspace))

    register("surveys", surveys, every=SURVEYS_EVERY)


def _register_sync() -> None:
    """Account sync (:mod:`allies.services.sync.run`): every 15 minutes, each account of
    each workspace under its own lock; nothing when the sync package is not there."""
    try:
        from allies.services.sync.accounts import account_names
        from allies.services.sync.run import sync_account
    except ImportError as missing:
        if find_spec("allies.services.sync") is not None:
            logging.getLogger("allies.background").warning(
                "account sync is not scheduled: %s", missing
            )
        return
    from allies.background.tasks import TaskRun, register
    from allies.bootstrap import sync_context

    def accounts(run: TaskRun) -> list[str]:
        return account_names(sync_context(run.settings, run.workspace))

    def sync(run: TaskRun) -> None:
        sync_account(sync_context(run.settings, run.workspace), run.key or "")

    register("sync", sync, every=SYNC_EVERY, keys=accounts)


def _register_analyses() -> None:
    from allies.background.tasks import TaskRun, register
    from allies.services.influence.kept import refresh
    from allies.services.influence.kept_ranking import refresh_ranking
    from allies.services.standing.kept import refresh_power_base

    def analyses(run: TaskRun) -> None:
        # the quick ones the command line shows first, then the network's slow analyses
        refresh_ranking(run.factory(run.workspace), run.settings.lens)
        refresh_power_base(run.factory(run.workspace), run.settings.lens)
        refresh(run.factory(run.workspace), run.settings.lens)

    register("analyses", analyses, every=ANALYSES_EVERY)


def _register_plans() -> None:
    from allies.background.day_plans import PLANS_EVERY, plan_day_now
    from allies.background.tasks import TaskRun, register

    def plans(run: TaskRun) -> None:
        plan_day_now(run.settings, run.workspace)

    register("plans", plans, every=PLANS_EVERY)


def load() -> None:
    """Register every feature's periodic work (once per process)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    _register_reminders()
    _register_surveys()
    _register_sync()
    _register_plans()
    _register_analyses()
    for name in os.environ.get("ALLIES_BACKGROUND_MODULES", "").split(","):
        if name.strip():
            import_module(name.strip())
