"""The registry of periodic work: what runs, how often, and for which keys.

A feature registers a function once (in :mod:`allies.background.features`)::

    register("reminders", send_due_digests, every=timedelta(minutes=5))
    register("sync", sync_one_account, every=timedelta(minutes=15), keys=account_names)

At each tick the function runs once per workspace, or, when ``keys`` is given, once per key
of each workspace (an account's name, say). The key names the lock: two runs of one task
for one workspace and key never overlap, on one machine (the embedded scheduler runs them
one after the other) or on many (the job queue's lock, see :mod:`allies.background.queue`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.errors import InvalidInput, NotFound
from allies.services.ports import UnitOfWorkFactory

__all__ = [
    "Periodic",
    "TaskRun",
    "get",
    "lock_key",
    "register",
    "registered",
    "unregister",
]


@dataclass(frozen=True)
class TaskRun:
    """One run of a registered task: for which workspace and key, under which settings."""

    settings: Settings
    workspace: str
    key: str | None = None

    @property
    def factory(self) -> UnitOfWorkFactory:
        """The unit-of-work factory of the run's database."""
        return unit_of_work_factory(self.settings)


#: What a registered task runs: one workspace (and key) at a time.
RunFunction = Callable[[TaskRun], None]
#: The keys of one workspace a task runs for (e.g. the names of its accounts).
KeysFunction = Callable[[TaskRun], Iterable[str]]


@dataclass(frozen=True)
class Periodic:
    """A registered task: its name, what it runs, how often, and for which keys."""

    name: str
    run: RunFunction
    every: timedelta
    keys: KeysFunction | None = None

    def runs(self, settings: Settings, workspace: str) -> list[TaskRun]:
        """The runs one tick makes for ``workspace``: one, or one per key."""
        base = TaskRun(settings, workspace)
        if self.keys is None:
            return [base]
        return [TaskRun(settings, workspace, key) for key in self.keys(base)]


_REGISTRY: dict[str, Periodic] = {}


def register(
    name: str,
    run: RunFunction,
    *,
    every: timedelta,
    keys: KeysFunction | None = None,
) -> Periodic:
    """Register a periodic task (registering a name again replaces it).

    Parameters
    ----------
    name
        A short name: letters, digits, ``-`` and ``_`` (it names the lock and the jobs).
    run
        Called with a :class:`TaskRun` for each workspace (and key); it opens its own
        units of work through ``run.factory``.
    every
        How often a tick comes; at least one second.
    keys
        When given, the task runs once per key of each workspace, each key under its own
        lock.

    Raises
    ------
    allies.errors.InvalidInput
        For a bad name or a period under a second.
    """
    if not name or not all(ch.isalnum() or ch in "-_" for ch in name):
        raise InvalidInput(f"Task name {name!r} may hold only letters, digits, - and _.")
    if every < timedelta(seconds=1):
        raise InvalidInput(f"Task {name!r} must come at most once a second, not every {every}.")
    task = Periodic(name, run, every, keys)
    _REGISTRY[name] = task
    return task


def unregister(name: str) -> None:
    """Forget a registered task (nothing happens when it is not registered)."""
    _REGISTRY.pop(name, None)


def registered() -> list[Periodic]:
    """Every registered task, by name."""
    from allies.background import features

    features.load()
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]


def get(name: str) -> Periodic:
    """The registered task called ``name``.

    Raises
    ------
    allies.errors.NotFound
        When no task has that name.
    """
    for task in registered():
        if task.name == name:
            return task
    raise NotFound(
        f"No background task is called {name!r}.",
        hint="Known: " + (", ".join(t.name for t in registered()) or "none"),
    )


def lock_key(name: str, workspace: str, key: str | None) -> str:
    """The lock of one task for one workspace and key: runs with one lock never overlap."""
    return f"allies:{name}:{workspace}" + (f":{key}" if key else "")
