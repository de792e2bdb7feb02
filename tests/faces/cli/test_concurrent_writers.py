"""Writers on one SQLite file wait their turn instead of being refused.

Twenty ``allies log`` processes of the real command line start together on one database
file: every one succeeds (a writer takes the write lock at the start of its transaction,
``BEGIN IMMEDIATE``, so the busy timeout makes it wait), and all twenty interactions are
there.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from allies.store import open_store
from tests.faces.cli.invoke import Invoke

ALLIES = str(Path(sys.executable).with_name("allies"))
WRITERS = 20


def test_twenty_concurrent_logs_all_succeed(allies: Invoke, tmp_path: Path) -> None:
    allies("person", "add", "Ann Lee")
    allies("person", "add", "Bo Chen")
    db = tmp_path / "allies.sqlite3"
    runs = [
        subprocess.Popen(
            [ALLIES, "--db", str(db), "log", "Ann Lee", "Bo Chen", "-m", f"meeting {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in range(WRITERS)
    ]
    outcomes = [(run.wait(timeout=180), run.communicate()[0]) for run in runs]
    failed = [output for code, output in outcomes if code != 0]
    assert failed == [], failed[:3]
    factory = open_store(f"sqlite:///{db}")
    try:
        with factory() as uow:
            summaries = sorted(meeting.summary for meeting in uow.interactions.list())
    finally:
        factory.dispose()
    assert summaries == sorted(f"meeting {n}" for n in range(WRITERS))
