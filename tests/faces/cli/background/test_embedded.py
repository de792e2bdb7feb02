"""``allies serve`` on a laptop (SQLite) runs the registered periodic work itself."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from allies.background import detached
from allies.background.scheduler import run_tick
from allies.background.tasks import TaskRun, register, unregister
from allies.config import Settings, sqlite_url
from allies.store import open_store
from tests.faces.cli.background import probe_tasks
from tests.stores import copy_store

ROOT = Path(__file__).resolve().parents[4]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_fires_a_registered_task(sqlite_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "allies.sqlite3"
    copy_store(sqlite_template, db)
    store = open_store(sqlite_url(db))
    store.create_workspace("default")  # the task runs for each workspace there is
    store.dispose()
    env = dict(os.environ)
    env.update(
        ALLIES_BACKGROUND_MODULES=probe_tasks.__name__,
        ALLIES_PROBE_DIR=str(tmp_path),
        ALLIES_CONFIG=str(tmp_path / "no-config.toml"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("ALLIES_DATABASE_URL", None)
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "allies", "--db", str(db), "serve"]
    server = subprocess.Popen(
        [*command, "--port", str(_free_port())],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    journal = tmp_path / "journal.txt"
    try:
        end = time.monotonic() + 120  # a bound against a hang, not a measure of speed
        while time.monotonic() < end and server.poll() is None:
            if journal.exists() and "end" in journal.read_text():
                break
            time.sleep(0.05)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert journal.exists(), log.read_text()
    lines = journal.read_text().splitlines()
    assert lines[:2] == [f"start None {server.pid} default", f"end None {server.pid} default"]


def test_a_tick_leaves_a_workspace_to_the_detached_run_of_the_same_task(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The laptop's scheduler and a command's detached run share one lock per task and
    workspace: a tick never runs beside the detached run, and an ask that comes while the
    tick runs gets one more run."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = tmp_path / "allies.sqlite3"
    copy_store(sqlite_template, db)
    store = open_store(sqlite_url(db))
    store.create_workspace("default")
    store.dispose()
    settings = Settings(database_url=sqlite_url(db), workspace="default")
    ran: list[str] = []
    asks = {"while running": 0}

    def probe(run: TaskRun) -> None:
        ran.append(run.workspace)
        if asks["while running"]:  # a command asks for the task meanwhile
            asks["while running"] -= 1
            assert detached.ask(settings, "lock-probe", run.workspace) is False
            assert not detached.going(settings, "other-task", run.workspace)

    task = register("lock-probe", probe, every=timedelta(minutes=5))
    try:
        held = detached.try_lock(detached.lock_file(settings, task.name, "default"))
        assert held is not None  # as a detached run of the task holds it
        try:
            assert run_tick(settings, task) == 0
            assert ran == []
        finally:
            os.close(held)
        assert run_tick(settings, task) == 1
        assert ran == ["default"]
        asks["while running"] = 1
        assert run_tick(settings, task) == 2  # asked while it ran: once more
        assert ran == ["default"] * 3
        assert not detached.going(settings, task.name, "default")  # the lock is let go
    finally:
        unregister(task.name)
