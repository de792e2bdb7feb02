"""An import or a restore killed with ``kill -9`` at any point leaves the store as it was
(issue 21): the workspace holds what it held before, or, if the command had committed,
everything it brought, never a part.

Each command runs as a process of the real command line; the test waits until the
SQLite write-ahead log has grown to a point (the write is under way, at a different
stage each time), kills it, and reads the workspace back.
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
CARDS = 3000


def _people(db: Path, workspace: str) -> tuple[int, int]:
    """How many people and ties the workspace holds."""
    factory = open_store(f"sqlite:///{db}")
    try:
        with factory(workspace) as uow:
            return uow.people.count(), uow.ties.count()
    finally:
        factory.dispose()


def _wal(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _kill_when_grown(command: list[str], db: Path, grown: int) -> bool:
    """Run ``command``; kill it once the log grew by ``grown`` bytes. Whether it was killed."""
    start = _wal(db)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while process.poll() is None and time.monotonic() < deadline:
        if _wal(db) >= start + grown:
            break
        time.sleep(0.002)
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    return killed


def _cards(path: Path) -> Path:
    lines = []
    for n in range(CARDS):
        lines += [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:Person {n:05d}",
            f"N:{n:05d};Person;;;",
            f"EMAIL:person{n:05d}@example.test",
            "ORG:Acme",
            "END:VCARD",
        ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("grown", [1, 300_000, 1_500_000])
def test_a_killed_import_leaves_the_workspace_as_it_was(
    allies: Invoke, tmp_path: Path, grown: int
) -> None:
    db = tmp_path / "allies.sqlite3"
    allies("person", "add", "Dana Ruiz", "--me")
    before = _people(db, "default")
    command = [ALLIES, "--db", str(db), "import", "vcard", str(_cards(tmp_path / "big.vcf"))]
    killed = _kill_when_grown(command, db, grown)
    after = _people(db, "default")
    if killed and after == before:
        return  # killed before it committed: as it was
    assert after[0] == before[0] + CARDS  # it committed: every card, not a part


@pytest.mark.parametrize("grown", [1, 300_000, 1_500_000])
def test_a_killed_restore_leaves_the_workspace_as_it_was(
    allies: Invoke, tmp_path: Path, grown: int
) -> None:
    db = tmp_path / "allies.sqlite3"
    allies("demo", "--today", "2026-01-15", "--seed", "7")
    backup = tmp_path / "demo.json"
    allies("-w", "demo", "export", "backup", str(backup))
    whole = _people(db, "demo")
    command = [ALLIES, "--db", str(db), "-w", "restored", "import", "backup", str(backup)]
    killed = _kill_when_grown(command, db, grown)
    after = _people(db, "restored")
    if killed and after == (0, 0):
        return  # killed before it committed: nothing, as before
    assert after == whole  # it committed: the whole workspace
