"""A background task for the tests, registered in the worker processes through
``ALLIES_BACKGROUND_MODULES``: it writes where it starts and ends to a journal file.

``ALLIES_PROBE_DIR`` is the folder of the journal (``journal.txt``). When the file
``hang`` is in it, the first run to take it (renamed away, so only one does) writes its
start and then sleeps for ten minutes: it stands for a job whose worker dies mid-way.
Other runs wait a little between start and end, long enough for an overlap to show.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from allies.background.tasks import TaskRun, register


def _journal(line: str) -> None:
    folder = Path(os.environ["ALLIES_PROBE_DIR"])
    with open(folder / "journal.txt", "a", encoding="utf-8") as journal:
        journal.write(line + "\n")
        journal.flush()


def probe(run: TaskRun) -> None:
    """Journal the start, maybe hang, journal the end."""
    folder = Path(os.environ["ALLIES_PROBE_DIR"])
    _journal(f"start {run.key} {os.getpid()} {run.workspace}")
    try:
        (folder / "hang").rename(folder / f"hung-{os.getpid()}")
    except FileNotFoundError:
        time.sleep(0.4)
    else:
        time.sleep(600)
    _journal(f"end {run.key} {os.getpid()} {run.workspace}")


register("probe", probe, every=timedelta(days=1))

if os.environ.get("ALLIES_PROBE_TICK"):
    # a task the job queue's periodic tick defers by itself, every 2 seconds
    register("probe-tick", probe, every=timedelta(seconds=2))
