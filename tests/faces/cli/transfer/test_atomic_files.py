"""Files the command line writes are replaced whole or not at all.

A full disk is stood in for by a file size limit (``RLIMIT_FSIZE``) on a child process
running the real ``allies``: writing past it fails with ``EFBIG`` as a full disk fails
with ``ENOSPC``. The previous good file must stay as it was, no temporary file may be
left, and the user gets a plain message, not a traceback.
"""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faces.cli.invoke import Invoke

#: Bytes a child may write to any one file: less than a backup of the demo.
LIMIT = 48_000
ALLIES = str(Path(sys.executable).with_name("allies"))


def _limited() -> None:
    """In the child: a file size limit, and EFBIG instead of being killed by SIGXFSZ."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def _allies_limited(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ALLIES, "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
        check=False,
    )


@pytest.fixture
def demo_db(allies: Invoke, tmp_path: Path) -> Path:
    """The test's database holding the demo in the default workspace."""
    allies("-w", "default", "demo", "--into", "default", "--today", "2026-01-15")
    return tmp_path / "allies.sqlite3"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(
    "command",
    [
        ["export", "backup"],
        ["export", "csv"],
        ["backup"],
    ],
)
def test_a_full_disk_leaves_the_previous_file_intact(
    allies: Invoke, demo_db: Path, tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "previous"
    allies("-w", "default", *command, str(target))
    good = target.read_bytes()
    assert len(good) > LIMIT or command == ["export", "csv"]
    if len(good) <= LIMIT:  # a CSV of the demo is small: make the next one large
        long = "y" * 20_000  # free text is at most 20,000 characters: three fields of it
        allies(
            "-w", "default", "person", "add", "Zed " + "x" * 100,
            "--interests", long, "--agenda", long, "--notes", long,
        )  # fmt: skip
    done = _allies_limited(demo_db, "-w", "default", *command, str(target))
    assert done.returncode != 0, done.stdout
    said = " ".join((done.stdout + done.stderr).split())
    assert "Traceback" not in said
    assert "Could not write" in said and "is unchanged" in said, said
    assert "File too large" in said or "disk I/O error" in said  # SQLite says the latter
    assert target.read_bytes() == good
    assert _leftovers(out) == []


def test_a_written_backup_is_whole(allies: Invoke, demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("an older file")
    allies("-w", "default", "export", "backup", str(target))
    document = json.loads(target.read_bytes())
    assert document["counts"]["people"] == 70
    assert _leftovers(tmp_path) == []
