"""Run the real ``allies`` command line in-process against a fresh SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from allies.cli.app import app
from tests.faces.cli.invoke import Invoke
from tests.stores import copy_store

__all__ = ["Invoke"]  # also importable from here, as it was


@pytest.fixture
def allies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_template: Path) -> Invoke:
    """``allies(*args)`` runs a command on a fresh database and returns its result.

    The database is a copy of the migrated template (``tests/conftest.py``), so the first
    command does not run the migrations again.

    ``ok=False`` expects a failure; otherwise a failing command fails the test with its
    output.
    """
    monkeypatch.setenv("ALLIES_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("ALLIES_DATABASE_URL", raising=False)
    monkeypatch.delenv("ALLIES_WORKSPACE", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)  # tables are drawn 160 wide, as in a pipe
    runner = CliRunner()
    db = tmp_path / "allies.sqlite3"
    copy_store(sqlite_template, db)

    def invoke(*args: str, ok: bool = True) -> Result:
        result = runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, f"allies {' '.join(args)} failed:\n{result.output}"
        else:
            assert result.exit_code != 0, f"allies {' '.join(args)} should fail:\n{result.output}"
        return result

    return invoke


@pytest.fixture
def small_network(allies: Invoke) -> Invoke:
    """Me plus three colleagues, a meeting and an observation."""
    allies(
        "person",
        "add",
        "Dana Ruiz",
        "--me",
        "--title",
        "Head of Operations",
        "--org",
        "Acme",
        "--unit",
        "Operations",
    )
    allies(
        "person",
        "add",
        "Maria Lopez",
        "--title",
        "CFO",
        "--org",
        "Acme",
        "--unit",
        "Finance",
        "--level",
        "above",
        "--email",
        "maria@acme.example",
    )
    allies(
        "person",
        "add",
        "Bo Chen",
        "--title",
        "Analyst",
        "--unit",
        "Finance",
        "--level",
        "peer",
        "--tag",
        "mentor",
    )
    allies("person", "add", "Bo Lindqvist", "--unit", "Sales", "--level", "peer")
    return allies
