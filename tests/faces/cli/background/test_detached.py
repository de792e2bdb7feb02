"""A background task run by a detached process of its own, asked for by the command line:
the process really runs and keeps its result, one at a time per task and workspace, after
a change at most once every few seconds, and never when switched off."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from allies.background import detached, once
from allies.services.context import Lens
from allies.services.influence.kept_ranking import kept_ranking
from allies.services.standing.kept import current_power_base
from allies.store import open_store
from tests.faces.cli.background.detached_demo import PATIENCE, WORKSPACE, Demo, demo, until

__all__ = ["demo"]  # the fixture


def _kept(d: Demo) -> tuple[bool, bool]:
    factory = open_store(d.settings.database_url)
    try:
        lens = Lens()
        ranking = kept_ranking(factory(WORKSPACE), lens, 10) is not None
        power_base = current_power_base(factory(WORKSPACE), lens) is not None
        return ranking, power_base
    finally:
        factory.engine.dispose()


def test_a_detached_run_keeps_its_result_and_a_second_ask_starts_none(demo: Demo) -> None:
    demo.forget()
    assert _kept(demo) == (False, False)
    assert detached.ask(demo.settings, "analyses", WORKSPACE) is True
    assert detached.going(demo.settings, "analyses", WORKSPACE)
    assert detached.ask(demo.settings, "analyses", WORKSPACE) is False  # one goes already
    assert demo.started() == 1
    process = detached._started[0]
    assert process.wait(PATIENCE) == 0
    assert _kept(demo) == (True, True)  # the ranking as `allies influencers` shows it too
    assert not detached.going(demo.settings, "analyses", WORKSPACE)
    assert f"ran analyses for {WORKSPACE}" in demo.log_text()


def test_the_run_is_given_the_commands_settings(demo: Demo) -> None:
    """The database and workspace come from the command's flags, not the environment."""
    demo.monkeypatch.setenv("ALLIES_DATABASE_URL", "sqlite:////nowhere/else.db")
    demo.monkeypatch.setenv("ALLIES_WORKSPACE", "another")
    demo.forget(analyses=False)
    assert detached.ask(demo.settings, "plans", WORKSPACE) is True
    demo.wait()
    assert detached._started[0].returncode == 0
    assert f"ran plans for {WORKSPACE}" in demo.log_text()
    assert not os.path.exists("/nowhere/else.db")


def test_a_change_asks_for_the_analyses_and_the_plans_at_most_once_in_a_while(
    demo: Demo,
) -> None:
    demo("log", "Ren Nakamura", "--summary", "Coffee")
    assert demo.started() == 2  # analyses and plans
    commands = {" ".join(map(str, p.args[3:5])) for p in detached._started}  # type: ignore[index]
    assert commands == {f"analyses {WORKSPACE}", f"plans {WORKSPACE}"}
    demo("log", "Ren Nakamura", "--summary", "Lunch")
    assert demo.started() == 2  # a moment later: not asked again
    assert detached.ask_after_change(demo.settings, WORKSPACE) == []  # still quiet
    demo.wait()
    stamp = next(detached._folder().glob("changed-*.stamp"))
    past = time.time() - detached.QUIET_SECONDS - 1
    os.utime(stamp, (past, past))
    assert detached.ask_after_change(demo.settings, WORKSPACE) == ["analyses", "plans"]


def test_reading_asks_for_nothing(demo: Demo) -> None:
    demo.forget()
    demo("person", "list")
    demo("influencers", "--wait")  # works the ranking out and keeps it: not a change
    demo("powerbase", "-f", "json")
    assert demo.started() == 0
    assert not list(demo.data.glob("allies/background/changed-*"))


def test_switched_off_nothing_is_started(demo: Demo) -> None:
    demo.forget()
    demo("log", "Ren Nakamura", "--summary", "Coffee", background=False)
    shown = demo("powerbase", background=False).stdout
    assert "Where" in shown and "being worked out" not in shown  # worked out while waiting
    assert demo.started() == 0
    assert not (demo.data / "allies").exists()


def test_a_run_asked_for_while_one_goes_runs_again_after_it(demo: Demo) -> None:
    wanted = detached.wanted_file(demo.settings, "plans", WORKSPACE)
    fd = detached.try_lock(detached.lock_file(demo.settings, "plans", WORKSPACE))
    assert fd is not None  # as a run going would hold it
    try:
        assert detached.ask(demo.settings, "plans", WORKSPACE) is False
        assert wanted.exists()
        assert once.main(["plans", WORKSPACE]) == 0  # the lock is held: it ends at once
        assert "ran plans" not in demo.log_text()
    finally:
        os.close(fd)


def test_the_one_shot_runner_says_how_to_call_it() -> None:
    ran = subprocess.run(
        [sys.executable, "-m", "allies.background.once"], capture_output=True, text=True
    )
    assert ran.returncode == 2 and "usage" in ran.stderr


def test_a_failing_run_ends_with_a_failure_logged(demo: Demo) -> None:
    demo.forget()
    until(lambda: not detached.going(demo.settings, "analyses", WORKSPACE))
    demo.monkeypatch.setenv("ALLIES_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert once.main(["analyses", WORKSPACE]) == 1


def test_on_a_team_server_the_job_queue_gets_the_run(
    postgres_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(detached, "_started", [])
    from allies.background import queue
    from allies.config import load_settings

    settings = load_settings(
        {"database_url": postgres_database_url, "team": True, "background": True}
    )
    queue.apply_schema(settings)
    assert [detached.ask(settings, "analyses", "default") for _ in range(2)] == [True, False]
    assert detached.ask_after_change(settings, "default") == ["plans"]  # analyses waits
    with psycopg.connect(postgres_database_url) as connection:
        rows = connection.execute("SELECT lock FROM procrastinate_jobs ORDER BY id").fetchall()
    assert rows == [("allies:analyses:default",), ("allies:plans:default",)]
    assert detached._started == []  # no process of its own on a team server
