"""The embedded scheduler of a laptop: APScheduler's ``BackgroundScheduler`` in the web
server's process, running each registered task at its period.

One APScheduler job per registered task; at each tick it runs the task for every
workspace (and key) one after the other, in its own thread. ``max_instances=1`` and
``coalesce=True``: a tick that comes while the previous one still runs is dropped, and
ticks missed while the laptop slept are run once, not once each. A run that fails is
logged and the others go on; the next tick tries again.

On a laptop a command may have started a detached run of the same task for a workspace
(:mod:`allies.background.detached`). A tick holds that run's lock while it runs the task
for the workspace, so the two never run at once: a tick that finds the lock held leaves
the workspace to the detached run, and a command that asks while the tick runs marks the
task wanted, which the tick honours with one more run when it is done.

Reference: APScheduler 3.x user guide, "Choosing the right scheduler, job store(s),
executor(s) and trigger(s)" and "Missed job executions and coalescing".
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from allies.background import detached
from allies.background.tasks import Periodic, registered
from allies.bootstrap import unit_of_work_factory
from allies.config import Settings

__all__ = ["run_embedded_now", "run_tick", "start_embedded"]

log = logging.getLogger("allies.background")

#: The first tick comes this long after start-up, so the server is up before any work.
FIRST_DELAY = timedelta(seconds=2)

#: The scheduler running in this process, if one does (``allies serve`` on a laptop).
_running: BackgroundScheduler | None = None


@contextmanager
def _alone(settings: Settings, task: Periodic, workspace: str) -> Iterator[bool]:
    """Whether this tick may run ``task`` for the workspace now: on a laptop, while it
    holds the lock a detached run of the task would hold (False when one holds it)."""
    if settings.team or not detached.available(settings):
        yield True
        return
    fd = detached.try_lock(detached.lock_file(settings, task.name, workspace))
    if fd is None:
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)  # closing the descriptor releases its lock


def _run_workspace(settings: Settings, task: Periodic, workspace: str) -> int:
    """Run ``task`` for every key of one workspace; how many runs succeeded."""
    try:
        runs = task.runs(settings, workspace)
    except Exception:  # one workspace's trouble must not stop the others
        log.exception("background task %s: listing keys of %s failed", task.name, workspace)
        return 0
    done = 0
    for one in runs:
        try:
            task.run(one)
            done += 1
        except Exception:
            log.exception(
                "background task %s failed for %s %s", task.name, workspace, one.key or ""
            )
    return done


def run_tick(settings: Settings, task: Periodic) -> int:
    """Run ``task`` once for every workspace (and key); how many runs succeeded.

    A workspace whose task a detached run is running now is left to it; one whose task a
    command asked for while this tick ran it is run once more."""
    factory = unit_of_work_factory(settings)
    done = 0
    for workspace in factory.workspaces():
        with _alone(settings, task, workspace) as alone:
            if not alone:
                log.info("%s for %s runs in a detached process: tick skipped", task.name, workspace)
                continue
            started = time.time_ns()
            done += _run_workspace(settings, task, workspace)
            if detached.asked_since(settings, task.name, workspace, started):
                done += _run_workspace(settings, task, workspace)
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
