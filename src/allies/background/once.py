"""One run of a registered task for one workspace, in a process of its own, then exit.

``python -m allies.background.once TASK WORKSPACE [LOCK_FD]`` is what a command on a
laptop starts when a view finds its slow part missing, or after a change
(:mod:`allies.background.detached`). The settings come from the environment the command
gave it (``ALLIES_DATABASE_URL``, ``ALLIES_HALF_LIFE_DAYS``, ...).

``LOCK_FD`` is an open file descriptor already holding the task's lock (the asking
process took it and handed it on); without it the run takes the lock itself, and ends at
once when another process holds it. When the task was asked for again while it ran (the
*wanted* file is newer than the run's start), it runs once more (at most
:data:`ROUNDS` times in all), so that the result is of the records as they are. It runs
at a lower priority (:data:`NICENESS`) than the commands a user waits for, and begins
:data:`SETTLE_SECONDS` after it was asked for: the command a user runs right after a
change (to see what it did) goes first, and a burst of changes is worked out once.
"""

from __future__ import annotations

import logging
import os
import sys
import time

__all__ = ["NICENESS", "ROUNDS", "SETTLE_SECONDS", "main"]

#: The most runs one process makes (the first, and reruns asked for while it ran).
ROUNDS = 3
#: How much lower the run's priority is than the commands' (``nice``) where the system
#: has no idle scheduling class: on a busy machine the command a user waits for gets the
#: processor first.
NICENESS = 10
#: Seconds the run waits before it begins. A lower priority does not keep it off the
#: processor the next command runs on where the two logical processors share one core
#: (a laptop's hyper-threads, a small virtual machine): the command a user runs right
#: after a change would take half as long again. A view answers within half a second.
SETTLE_SECONDS = 1.0

log = logging.getLogger("allies.background")


def _yield_to_commands() -> None:
    """Run only when the processor has nothing else to do (Linux's ``SCHED_IDLE``), else at
    a lower priority (``nice``): the commands a user waits for come first."""
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            return
        except OSError:
            pass
    if hasattr(os, "nice"):
        os.nice(NICENESS)


def _release(fd: int) -> None:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _run(name: str, workspace: str) -> None:
    from allies.background.tasks import get
    from allies.config import load_settings

    task = get(name)
    for run in task.runs(load_settings(), workspace):
        task.run(run)


def main(argv: list[str] | None = None) -> int:
    """Run task ``argv[0]`` for workspace ``argv[1]`` (see the module's notes); the exit
    status is 0 when it ran or another run holds the lock, 1 when it failed, 2 for
    wrong arguments."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print("usage: python -m allies.background.once TASK WORKSPACE [LOCK_FD]", file=sys.stderr)
        return 2
    name, workspace = args[0], args[1]
    _yield_to_commands()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(levelname)s %(message)s"
    )
    from allies.background.detached import asked_since, lock_file, try_lock
    from allies.config import load_settings

    settings = load_settings()
    lock_path = lock_file(settings, name, workspace)
    fd: int | None = int(args[2]) if len(args) == 3 else try_lock(lock_path)
    status = 0
    if fd is not None:
        time.sleep(SETTLE_SECONDS)  # holding the lock: an ask meanwhile starts no other
    for _ in range(ROUNDS):
        if fd is None:  # another process runs it
            break
        started = time.time_ns()
        try:
            _run(name, workspace)
            log.info("ran %s for %s in %.1f s", name, workspace, (time.time_ns() - started) / 1e9)
        except Exception:
            log.exception("%s for %s failed", name, workspace)
            status = 1
        _release(fd)
        fd = None
        if not asked_since(settings, name, workspace, started):
            break
        fd = try_lock(lock_path)  # asked again while it ran: once more, unless one goes
    if fd is not None:
        _release(fd)
    return status


if __name__ == "__main__":
    sys.exit(main())
