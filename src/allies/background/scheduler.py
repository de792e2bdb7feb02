"""The embedded scheduler of a laptop: APScheduler's ``BackgroundScheduler`` in the web
server's process, running each registered task at its period.

One APScheduler job per registered task; at each tick it runs the task for every
workspace (and key) one after the other, in its own thread. ``max_instances=1`` and
``coalesce=True``: a tick that comes while the previous one still runs is dropped, and
ticks missed while the laptop slept are run once, not once each. A run that fails is
logged and the others go on; the next tick tries again.

Reference: APScheduler 3.x user guide, "Choosing the right scheduler, job store(s),
executor(s) and trigger(s)" and "Missed job executions and coalescing".
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from allies.background.tasks import Periodic, registered
from allies.bootstrap import unit_of_work_factory
from allies.config import Settings

__all__ = ["run_embedded_now", "run_tick", "start_embedded"]

log = logging.getLogger("allies.background")

#: The first tick comes this long after start-up, so the server is up before any work.
FIRST_DELAY = timedelta(seconds=2)

#: The scheduler running in this process, if one does (``allies serve`` on a laptop).
_running: BackgroundScheduler | None = None


def run_tick(settings: Settings, task: Periodic) -> int:
    """Run ``task`` once for every workspace (and key); how many runs succeeded."""
    factory = unit_of_work_factory(settings)
    done = 0
    for workspace in factory.workspaces():
        try:
            runs = task.runs(settings, workspace)
        except Exception:  # one workspace's trouble must not stop the others
            log.exception("background task %s: listing keys of %s failed", task.name, workspace)
            continue
        for one in runs:
            try:
                task.run(one)
                done += 1
            except Exception:
                log.exception(
                    "background task %s failed for %s %s", task.name, workspace, one.key or ""
                )
    return done


def start_embedded(settings: Settings) -> BackgroundScheduler:
    """Start the scheduler with every registered task; the caller shuts it down."""
    scheduler = BackgroundScheduler(timezone=UTC)
    first = datetime.now(UTC) + FIRST_DELAY
    for task in registered():
        scheduler.add_job(
            run_tick,
            "interval",
            args=(settings, task),
            seconds=max(1, int(task.every.total_seconds())),
            next_run_time=first,
            id=task.name,
            name=f"allies {task.name}",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
    scheduler.start()
    global _running
    _running = scheduler
    return scheduler


def run_embedded_now(name: str) -> bool:
    """Move the job of task ``name`` of this process's scheduler to now; False when no
    scheduler runs here (or it has no such job). A run already going is not doubled:
    ``max_instances=1``."""
    scheduler = _running
    if scheduler is None or not scheduler.running:
        return False
    job = scheduler.get_job(name)
    if job is None:
        return False
    job.modify(next_run_time=datetime.now(UTC))
    return True
