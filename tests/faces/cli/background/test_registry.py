"""The registry of periodic work: the features' tasks are there, bad ones are refused, and
the cron lines of the job queue follow the periods."""

from __future__ import annotations

from datetime import timedelta

import pytest

from allies.background.queue import cron_for
from allies.background.tasks import TaskRun, get, lock_key, register, registered, unregister
from allies.config import Settings
from allies.errors import InvalidInput, NotFound


def test_reminders_and_account_sync_are_registered() -> None:
    tasks = {t.name: t for t in registered()}
    assert tasks["reminders"].every == timedelta(minutes=5) and tasks["reminders"].keys is None
    assert tasks["sync"].every == timedelta(minutes=15) and tasks["sync"].keys is not None
    assert tasks["plans"].every == timedelta(minutes=10) and tasks["plans"].keys is None


def test_a_task_runs_once_per_key_under_a_lock_of_its_own() -> None:
    def keys(run: TaskRun) -> list[str]:
        return ["mail", "calendar"]

    def nothing(run: TaskRun) -> None:
        return None

    task = register("two-keys", nothing, every=timedelta(minutes=1), keys=keys)
    try:
        runs = task.runs(Settings(database_url="sqlite://"), "north")
        assert [(r.workspace, r.key) for r in runs] == [("north", "mail"), ("north", "calendar")]
        assert get("two-keys") is task
        assert lock_key("two-keys", "north", "mail") == "allies:two-keys:north:mail"
    finally:
        unregister("two-keys")
    with pytest.raises(NotFound, match="No background task is called 'two-keys'"):
        get("two-keys")


def test_bad_tasks_are_refused() -> None:
    with pytest.raises(InvalidInput, match="letters, digits"):
        register("no spaces", lambda run: None, every=timedelta(minutes=1))
    with pytest.raises(InvalidInput, match="at most once a second"):
        register("fast", lambda run: None, every=timedelta(milliseconds=10))


@pytest.mark.parametrize(
    ("every", "cron"),
    [
        (timedelta(seconds=2), "* * * * * */2"),
        (timedelta(minutes=5), "*/5 * * * *"),
        (timedelta(hours=2), "0 */2 * * *"),
        (timedelta(days=1), "0 0 */1 * *"),
    ],
)
def test_cron_lines(every: timedelta, cron: str) -> None:
    assert cron_for(every) == cron
