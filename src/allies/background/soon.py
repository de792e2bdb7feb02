"""Run a registered periodic task now, for one workspace, without waiting for its tick.

A page that finds work missing (the home page, a campaign without today's plan) asks for
it here and answers at once; the work is done where the periodic work is done:

- on a laptop, by the embedded scheduler of ``allies serve`` in this process
  (:mod:`allies.background.scheduler`): the task's job is moved to now, and APScheduler's
  ``max_instances=1`` keeps a second request from starting a second run;
- on a team server, by the ``allies worker`` processes: one job is deferred to the
  PostgreSQL job queue under the task's queueing lock, so however many web processes
  ask, one job waits (:mod:`allies.background.queue`).

Where neither runs (a script, the tests' in-process app) :func:`run_soon` starts nothing
and tells the caller so; :func:`run_soon_or_here` then runs the task in a thread of this
process instead (one run per task and workspace at a time), so a page that never computes
its slow part itself still gets it worked out; :func:`wait_here` waits for those threads.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from allies.background.tasks import TaskRun, get
from allies.config import Settings
from allies.errors import AlliesError

__all__ = [
    "failed_here",
    "run_here",
    "run_soon",
    "run_soon_or_here",
    "running_here",
    "wait_here",
]

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


#: The runs going in threads of this process, by name (a task and workspace, or a job).
_here: dict[str, threading.Thread] = {}
#: Why the last run of a name could not be done (a problem to show, not a crash).
_failed: dict[str, AlliesError] = {}
_here_lock = threading.Lock()


def run_here(name: str, work: Callable[[], None]) -> bool:
    """Run ``work`` in a thread of this process now, unless a run called ``name`` still
    goes; True when one was started. A problem with the data (an
    :class:`~allies.errors.AlliesError`) is kept for :func:`failed_here`; any other failure
    is logged (the next ask tries again)."""
    with _here_lock:
        going = _here.get(name)
        if going is not None and going.is_alive():
            return False
        _failed.pop(name, None)

        def run() -> None:
            try:
                work()
            except AlliesError as problem:  # the page that asks shows it
                with _here_lock:
                    _failed[name] = problem
                log.info("background work %s could not be done: %s", name, problem.message)
            except Exception:  # logged; the page that asks again tries again
                log.exception("background work %s failed", name)
            finally:
                with _here_lock:
                    if _here.get(name) is threading.current_thread():
                        del _here[name]

        thread = threading.Thread(target=run, name=f"allies-{name}", daemon=True)
        _here[name] = thread
        thread.start()
    return True


def failed_here(name: str) -> AlliesError | None:
    """Why the last run called ``name`` could not be done (forgotten once told), or None."""
    with _here_lock:
        return _failed.pop(name, None)


def running_here(name: str) -> bool:
    """Whether a run called ``name`` goes in a thread of this process."""
    with _here_lock:
        going = _here.get(name)
        return going is not None and going.is_alive()


def run_soon_or_here(settings: Settings, name: str, workspace: str) -> bool:
    """:func:`run_soon`, else the task's run for ``workspace`` in a thread of this process
    (:func:`run_here`): where no scheduler or job queue runs, the work is still done.

    Returns
    -------
    bool
        Whether a run was asked for or started (False when one already goes here).
    """
    if run_soon(settings, name, workspace):
        return True
    task = get(name)
    return run_here(f"{name}:{workspace}", lambda: task.run(TaskRun(settings, workspace)))


def wait_here(timeout: float | None = None) -> bool:
    """Wait until no run started by :func:`run_here` goes (at most ``timeout`` seconds;
    None waits as long as it takes); True when none goes."""
    end = None if timeout is None else time.monotonic() + timeout
    while True:
        with _here_lock:
            going = [t for t in _here.values() if t.is_alive()]
        if not going:
            return True
        left = None if end is None else end - time.monotonic()
        if left is not None and left <= 0:
            return False
        going[0].join(left)
