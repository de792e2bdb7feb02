"""Run a registered periodic task now, for one workspace, without waiting for its tick.

A page that finds work missing (the home page, a campaign without today's plan) asks for
it here and answers at once; the work is done where the periodic work is done:

- on a laptop, by the embedded scheduler of ``allies serve`` in this process
  (:mod:`allies.background.scheduler`): the task's job is moved to now, and APScheduler's
  ``max_instances=1`` keeps a second request from starting a second run;
- on a team server, by the ``allies worker`` processes: one job is deferred to the
  PostgreSQL job queue under the task's queueing lock, so however many web processes
  ask, one job waits (:mod:`allies.background.queue`).

Where neither runs (a script, the tests' in-process app) nothing is started and the
caller is told so.
"""

from __future__ import annotations

import logging

from allies.background.tasks import get
from allies.config import Settings

__all__ = ["run_soon"]

log = logging.getLogger("allies.background")


def run_soon(settings: Settings, name: str, workspace: str) -> bool:
    """Ask for a run of the registered task ``name`` now.

    Parameters
    ----------
    settings : Settings
        The server's settings: a team server defers to the job queue, a laptop uses its
        embedded scheduler.
    name : str
        A registered task (:func:`allies.background.tasks.register`).
    workspace : str
        The workspace the run is for (a laptop's scheduler runs every workspace).

    Returns
    -------
    bool
        Whether a run was asked for; False when one already waits, or when no scheduler
        or job queue is there to run it (logged when that is a failure).
    """
    get(name)  # a clear error for an unknown name
    if settings.team:
        return _defer(settings, name, workspace)
    from allies.background.scheduler import run_embedded_now

    return run_embedded_now(name)


def _defer(settings: Settings, name: str, workspace: str) -> bool:
    from allies.background import queue

    try:
        app = queue.make_app(settings)
        with app.open():
            return queue.defer_run(app, name, workspace) is not None
    except Exception:  # the queue's trouble must not fail the page that asked
        log.exception("background task %s could not be queued for %s", name, workspace)
        return False
