"""``allies worker`` on a real PostgreSQL: jobs under one lock run one at a time across
two worker processes, and a job whose worker is killed (-9) is run again by another."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allies.background import queue
from allies.cli.app import app
from allies.config import load_settings
from tests.faces.cli.background import probe_tasks  # registers "probe" here too
from tests.faces.cli.invoke import Invoke

ROOT = Path(__file__).resolve().parents[4]


def _worker(
    url: str, probe_dir: Path, log: Path, *extra: str, tick: bool = False
) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    if tick:
        env["ALLIES_PROBE_TICK"] = "1"
    env.update(
        ALLIES_BACKGROUND_MODULES=probe_tasks.__name__,
        ALLIES_PROBE_DIR=str(probe_dir),
        ALLIES_CONFIG=str(probe_dir / "no-config.toml"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("ALLIES_DATABASE_URL", None)
    command = [sys.executable, "-m", "allies", "--database-url", url, "worker", *extra]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


def _journal(probe_dir: Path) -> list[list[str]]:
    path = probe_dir / "journal.txt"
    if not path.exists():
        return []
    return [line.split() for line in path.read_text().splitlines()]


def _wait_for(
    predicate: Callable[[], bool],
    what: str,
    logs: Path,
    workers: list[subprocess.Popen[bytes]],
    limit: float = 120.0,
) -> None:
    """Poll until ``predicate()`` holds; the test fails with the workers' output if it
    never does or every worker stopped (a bound against a hang, not a measure of speed)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if predicate():
            return
        if all(w.poll() is not None for w in workers):
            break
        time.sleep(0.05)
    raise AssertionError(f"never saw {what}; workers said:\n{logs.read_text()}")


@pytest.fixture
def queue_database(postgres_database_url: str) -> Iterator[str]:
    settings = load_settings({"database_url": postgres_database_url})
    assert queue.apply_schema(settings) is True
    assert queue.apply_schema(settings) is False  # there already
    yield postgres_database_url


def _defer(url: str, key: str, count: int) -> list[int]:
    app = queue.make_app(load_settings({"database_url": url}))
    with app.open():
        ids = [queue.defer_run(app, "probe", "default", key, queueing=False) for _ in range(count)]
    return [i for i in ids if i is not None]


def _stop(*workers: subprocess.Popen[bytes]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGINT)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def test_two_workers_run_the_jobs_of_one_lock_one_at_a_time(
    queue_database: str, tmp_path: Path
) -> None:
    logs = tmp_path / "workers.log"
    assert len(_defer(queue_database, "acct-1", 6)) == 6
    workers = [_worker(queue_database, tmp_path, logs) for _ in range(2)]
    try:
        _wait_for(
            lambda: sum(e[0] == "end" for e in _journal(tmp_path)) == 6, "6 runs", logs, workers
        )
    finally:
        _stop(*workers)
    events = _journal(tmp_path)
    # one at a time: every start is followed by its own end before the next start
    assert [e[0] for e in events] == ["start", "end"] * 6
    for start, end in zip(events[::2], events[1::2], strict=True):
        assert start[1:] == end[1:]


def test_the_job_of_a_killed_worker_is_run_again_by_another(
    queue_database: str, tmp_path: Path
) -> None:
    logs = tmp_path / "workers.log"
    (tmp_path / "hang").touch()
    fast = ("--stalled-after", "3", "--heartbeat", "0.5")
    first = _worker(queue_database, tmp_path, logs, *fast)
    second: subprocess.Popen[bytes] | None = None
    try:
        _defer(queue_database, "acct-2", 1)
        _wait_for(lambda: len(_journal(tmp_path)) == 1, "the first run start", logs, [first])
        assert _journal(tmp_path)[0][2] == str(first.pid)
        first.kill()  # SIGKILL, mid-job
        first.wait()
        second = _worker(queue_database, tmp_path, logs, *fast)
        _wait_for(lambda: any(e[0] == "end" for e in _journal(tmp_path)), "a retry", logs, [second])
    finally:
        _stop(first, *([second] if second else []))
    events = _journal(tmp_path)
    assert events[0] == ["start", "acct-2", str(first.pid), "default"]
    assert events[1:] == [
        ["start", "acct-2", str(second.pid), "default"],
        ["end", "acct-2", str(second.pid), "default"],
    ]


def test_the_periodic_tick_defers_a_run_per_workspace(queue_database: str, tmp_path: Path) -> None:
    from allies.store import open_store

    store = open_store(queue_database)
    store.create_workspace("north")
    store.create_workspace("south")
    store.dispose()
    logs = tmp_path / "workers.log"
    worker = _worker(queue_database, tmp_path, logs, tick=True)
    try:
        _wait_for(
            lambda: {e[3] for e in _journal(tmp_path) if e[0] == "end"} == {"north", "south"},
            "a ticked run in each workspace",
            logs,
            [worker],
        )
    finally:
        _stop(worker)
    events = _journal(tmp_path)
    assert {e[1] for e in events} == {"None"} and {e[2] for e in events} == {str(worker.pid)}
    assert {e[3] for e in events} == {"north", "south"}


def test_a_worker_needs_postgresql_and_the_queue_tables(
    allies: Invoke, postgres_database_url: str
) -> None:
    on_sqlite = allies("worker", ok=False)
    assert "The job queue needs the team's PostgreSQL database, not sqlite" in on_sqlite.output
    no_tables = CliRunner().invoke(
        app, ["--database-url", postgres_database_url, "worker"], catch_exceptions=False
    )
    assert no_tables.exit_code == 1
    assert "The database has no job queue yet" in no_tables.output
    assert "--apply-schema" in no_tables.output
