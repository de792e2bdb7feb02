"""``allies serve`` on a laptop (SQLite) runs the registered periodic work itself."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from allies.config import sqlite_url
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
