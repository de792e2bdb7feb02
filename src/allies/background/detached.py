"""A registered task run now for one workspace, by a process of its own, with nobody waiting.

A command-line process ends as soon as it has answered, so the slow part of a view (the
power base, the influence ranking, the day's campaign plans) cannot be worked out in one
of its threads. :func:`ask` has it worked out where nobody waits:

- on a team server (``settings.team``) by the ``allies worker`` processes: one job in the
  job queue (:func:`allies.background.soon.run_soon`);
- on a laptop by a detached one-shot process of allies itself
  (``python -m allies.background.once TASK WORKSPACE``, :mod:`allies.background.once`) that
  runs the registered task once and exits. It has a session of its own (closing the
  terminal does not stop it), reads nothing from the terminal and writes to a log file in
  the data directory (:func:`log_file`). It is given the settings the command was given,
  by flags or environment: the database, the workspace and the half-life.

At most one such process runs per task, database and workspace: each holds an advisory
lock of the operating system (``flock``) on a file in the data directory
(:func:`lock_file`). The asking process takes the lock first and hands it to the process it
starts, so two asks never start two; an ask while one runs starts none, but marks the task
*wanted* again (:func:`wanted_file`), and the running process runs it once more when it is
done, so a change made while it ran is not left out.

``settings.background`` false (``ALLIES_BACKGROUND=off``) starts nothing: the commands then
work everything out while the user waits (:func:`available`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from allies.config import Settings, data_dir

__all__ = [
    "QUIET_SECONDS",
    "TASKS_AFTER_CHANGE",
    "ask",
    "ask_after_change",
    "asked_since",
    "available",
    "going",
    "lock_file",
    "log_file",
    "try_lock",
    "wanted_file",
]

log = logging.getLogger("allies.background")

#: The tasks whose results a change of the records makes stale.
TASKS_AFTER_CHANGE: tuple[str, ...] = ("analyses", "plans")
#: The least time between two asks after a change, per database and workspace, in seconds.
QUIET_SECONDS = 5.0
#: A log file larger than this is started afresh.
LOG_LIMIT = 1_000_000

try:  # POSIX: the advisory lock the processes share
    import fcntl
except ImportError:  # pragma: no cover - Windows: the commands work everything out
    fcntl = None  # type: ignore[assignment]


def available(settings: Settings) -> bool:
    """Whether a command may leave the slow part of a view to the background: the setting
    is on, and there is a job queue (team server) or this system has advisory locks."""
    return settings.background and (settings.team or fcntl is not None)


def _folder() -> Path:
    folder = data_dir() / "background"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _name(settings: Settings, workspace: str) -> str:
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{settings.database_url}\0{workspace}".encode())
    return digest.hexdigest()


def lock_file(settings: Settings, name: str, workspace: str) -> Path:
    """The file whose lock the run of task ``name`` for the workspace holds."""
    return _folder() / f"{name}-{_name(settings, workspace)}.lock"


def wanted_file(settings: Settings, name: str, workspace: str) -> Path:
    """The file touched when the task is asked for while a run goes (run it again)."""
    return _folder() / f"{name}-{_name(settings, workspace)}.wanted"


def log_file() -> Path:
    """Where the detached runs write what they have to say."""
    return _folder() / "runs.log"


def _stamp_file(settings: Settings, workspace: str) -> Path:
    return _folder() / f"changed-{_name(settings, workspace)}.stamp"


def asked_since(settings: Settings, name: str, workspace: str, started_ns: int) -> bool:
    """Whether task ``name`` was asked for (its *wanted* file touched) after ``started_ns``
    (a :func:`time.time_ns`): a run that began then should run once more."""
    try:
        return wanted_file(settings, name, workspace).stat().st_mtime_ns > started_ns
    except OSError:
        return False


def try_lock(path: Path) -> int | None:
    """An open descriptor of ``path`` holding its exclusive lock, or None when another
    process holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def going(settings: Settings, name: str, workspace: str) -> bool:
    """Whether a detached run of task ``name`` for the workspace goes now."""
    if fcntl is None:
        return False
    fd = try_lock(lock_file(settings, name, workspace))
    if fd is None:
        return True
    os.close(fd)
    return False


def _environment(settings: Settings, workspace: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ALLIES_DATABASE_URL=settings.database_url,
        ALLIES_WORKSPACE=workspace,
        ALLIES_HALF_LIFE_DAYS=repr(float(settings.half_life_days)),
        ALLIES_TEAM="true" if settings.team else "false",
        ALLIES_BACKGROUND="on",
    )
    return env


def _log_stream() -> IO[bytes]:
    path = log_file()
    fresh = not path.exists() or path.stat().st_size > LOG_LIMIT
    return path.open("wb" if fresh else "ab")


#: The processes started here (kept so they are reaped, not reported as left running).
_started: list[subprocess.Popen[bytes]] = []


def _spawn(settings: Settings, name: str, workspace: str) -> bool:
    wanted = wanted_file(settings, name, workspace)
    # before the lock: a run that is ending sees it and runs again; the time is set to the
    # nanosecond, as a file system's own clock may lag a run that began a moment ago
    wanted.touch()
    now = time.time_ns()
    os.utime(wanted, ns=(now, now))
    fd = try_lock(lock_file(settings, name, workspace))
    if fd is None:
        return False
    try:
        with _log_stream() as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "allies.background.once", name, workspace, str(fd)],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
                env=_environment(settings, workspace),
                pass_fds=(fd,),
                close_fds=True,
                cwd=str(_folder()),
                start_new_session=True,
            )
    finally:
        os.close(fd)  # the started process holds the lock now (the same open file)
    for earlier in _started:
        earlier.poll()  # reaped once ended
    _started.append(process)
    return True


def ask(settings: Settings, name: str, workspace: str) -> bool:
    """Have the registered task ``name`` run now for the workspace, nobody waiting.

    Parameters
    ----------
    settings : Settings
        The command's settings (database, half-life, team or laptop).
    name : str
        A registered task (``analyses``, ``plans``).
    workspace : str

    Returns
    -------
    bool
        Whether a run was started (or queued); False when one already goes (it runs once
        more when done), when the setting is off, or when it could not be started (logged;
        the command never fails for it).
    """
    if not available(settings):
        return False
    try:
        if settings.team:
            from allies.background.soon import run_soon

            return run_soon(settings, name, workspace)
        return _spawn(settings, name, workspace)
    except Exception:  # the command that asked has answered already: never fail it
        log.exception("background task %s could not be started for %s", name, workspace)
        return False


def ask_after_change(settings: Settings, workspace: str) -> list[str]:
    """After a command changed records: ask for :data:`TASKS_AFTER_CHANGE`, at most once
    every :data:`QUIET_SECONDS` per database and workspace (a stamp file's time).

    Returns
    -------
    list of str
        The tasks asked for (none when asked a moment ago or the setting is off).
    """
    if not available(settings):
        return []
    try:
        stamp = _stamp_file(settings, workspace)
        now = time.time()
        if stamp.exists() and now - stamp.stat().st_mtime < QUIET_SECONDS:
            return []
        stamp.touch()
        os.utime(stamp, (now, now))
    except OSError:
        log.exception("the background work could not be asked for after a change")
        return []
    return [name for name in TASKS_AFTER_CHANGE if ask(settings, name, workspace)]
