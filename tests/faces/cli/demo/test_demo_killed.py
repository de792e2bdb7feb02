"""``allies demo --replace`` is one transaction: killed (``kill -9``) at any point of the
rebuild, the demo workspace is still there and whole, the old network or the new one,
never a mix and never nothing.

The rebuild runs as a process of the real command line; the test waits until its
write-ahead log has grown to a point (the rebuild is under way, at a different stage each
time), kills it, and reads the workspace back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from allies.store import open_store
from tests.faces.cli.invoke import Invoke

ALLIES = str(Path(sys.executable).with_name("allies"))
TODAY = "2026-01-15"


def _network(db: Path) -> tuple[frozenset[str], int, int]:
    """The demo workspace's people (by name), interactions and ties."""
    factory = open_store(f"sqlite:///{db}")
    try:
        with factory("demo") as uow:
            return (
                frozenset(p.name for p in uow.people.list()),
                uow.interactions.count(),
                uow.ties.count(),
            )
    finally:
        factory.dispose()


def _wal(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


@pytest.mark.parametrize("grown", [1, 200_000, 1_000_000, 3_000_000])
def test_a_killed_rebuild_leaves_a_whole_workspace(
    allies: Invoke, tmp_path: Path, grown: int
) -> None:
    db = tmp_path / "allies.sqlite3"
    allies("demo", "--today", TODAY, "--seed", "7")
    old = _network(db)
    assert len(old[0]) == 70
    start = _wal(db)
    rebuild = subprocess.Popen(
        [ALLIES, "--db", str(db), "demo", "--replace", "--today", TODAY, "--seed", "8"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while rebuild.poll() is None and time.monotonic() < deadline:
        if _wal(db) >= start + grown:
            break
        time.sleep(0.005)
    killed = rebuild.poll() is None
    if killed:
        os.kill(rebuild.pid, signal.SIGKILL)
    rebuild.wait(timeout=30)
    now = _network(db)
    if killed and now == old:
        return  # killed before it committed: the old network, whole
    assert len(now[0]) == 70 and now != old  # it committed: the new network, whole
    assert now[0] != old[0]
