"""The demo workspace with the command line's background work switched on: what the tests
of :mod:`allies.background.detached` and the views that leave work to it share."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import delete
from typer.testing import Result

from allies.background import detached
from allies.cli import kept_views
from allies.config import Settings, sqlite_url
from allies.store import open_store
from allies.store import tables as t
from tests.faces.cli.invoke import Invoke

#: The workspace the demo is built in.
WORKSPACE = "demo"
#: A bound against a hang (seconds), not a measure of speed.
PATIENCE = 300.0


@dataclass
class Demo:
    """The demo on a SQLite file, and how to run commands on it."""

    db: Path
    data: Path
    monkeypatch: pytest.MonkeyPatch
    invoke: Invoke

    def __call__(self, *args: str, ok: bool = True, background: bool = True) -> Result:
        """``allies -w demo ARGS``, the background work on (or off)."""
        self.monkeypatch.setenv("ALLIES_BACKGROUND", "on" if background else "off")
        return self.invoke("-w", WORKSPACE, *args, ok=ok)

    @property
    def settings(self) -> Settings:
        """The settings the commands run under."""
        return Settings(database_url=sqlite_url(self.db), workspace=WORKSPACE)

    def started(self) -> int:
        """How many detached processes this test's commands started."""
        return len(detached._started)

    def wait(self) -> None:
        """Wait until every detached process started here has ended."""
        for process in list(detached._started):
            process.wait(PATIENCE)

    def forget(self, *, analyses: bool = True, plans: bool = True) -> None:
        """Drop what is kept: the analyses, the day's campaign plans."""
        factory = open_store(sqlite_url(self.db))
        try:
            with factory.engine.begin() as connection:
                if analyses:
                    connection.execute(delete(t.analysis_cache))
                if plans:
                    connection.execute(delete(t.campaign_plan_days))
        finally:
            factory.engine.dispose()

    def log_text(self) -> str:
        """What the detached runs wrote."""
        path = detached.log_file()
        return path.read_text() if path.exists() else ""


def until(ready: object, patience: float = PATIENCE) -> bool:
    """Look every 0.05 s until ``ready()`` is true (at most ``patience`` seconds)."""
    end = time.monotonic() + patience
    while time.monotonic() < end:
        if ready():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def demo(allies: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Demo]:
    """The demo, built with the background off; then on, its data directory the test's
    own, and the demo's 70 people counted as a large network (so the views leave their
    slow part to the background)."""
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    allies("demo", "--replace")
    monkeypatch.setattr(kept_views, "INLINE_UP_TO", 10)
    monkeypatch.setattr(detached, "_started", [])
    found = Demo(tmp_path / "allies.sqlite3", data, monkeypatch, allies)
    try:
        yield found
    finally:
        found.wait()
