"""Trouble outside the command: a database that is missing, damaged, newer, unreachable or
read-only, a folder that is not there, a port that cannot be. Each is answered with a
message saying what is wrong and what to do, an exit status that is not 0, and never a
traceback (``catch_exceptions=False``: an exception would fail the test)."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from allies.cli.app import app
from tests.stores import copy_store


@pytest.fixture(autouse=True)
def _no_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLIES_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("ALLIES_DATABASE_URL", raising=False)
    monkeypatch.delenv("ALLIES_WORKSPACE", raising=False)


def run(*args: str) -> Result:
    """Run ``allies *args``; it must fail, plainly."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert "sqlalchemy" not in result.output.lower() and "psycopg" not in result.output
    return result


def _said(result: Result) -> str:
    """The output as one line (the console wraps it at its width)."""
    return " ".join(result.output.split())


def _glued(result: Result) -> str:
    """The output with no white space at all (a long path may be wrapped anywhere)."""
    return "".join(result.output.split())


@pytest.fixture
def database(tmp_path: Path, sqlite_template: Path) -> Path:
    """A migrated SQLite file holding one person."""
    db = tmp_path / "allies.sqlite3"
    copy_store(sqlite_template, db)
    added = CliRunner().invoke(app, ["--db", str(db), "person", "add", "Ann Lee"])
    assert added.exit_code == 0, added.output
    return db


def test_a_database_whose_folder_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("--db", str(blocker / "sub" / "allies.db"), "person", "list")
    assert "Could not use" in result.output and "Not a directory" in _said(result)


def test_a_corrupt_database_file(tmp_path: Path) -> None:
    db = tmp_path / "corrupt.db"
    db.write_bytes(b"this is not a database at all\n" * 200)
    result = run("--db", str(db), "person", "list")
    assert f"{db}isdamagedorisnotanalliesdatabase." in _glued(result)
    assert "allies restore" in _said(result)


def test_a_truncated_database_file(tmp_path: Path, database: Path) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(database.read_bytes()[:5000])
    result = run("--db", str(truncated), "person", "list")
    assert "is damaged" in _said(result)


def test_a_database_of_a_newer_allies(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff99990000'")
    result = run("--db", str(database), "db", "upgrade")
    said = _said(result)
    assert "schema revision ffff99990000" in said and "Upgrade allies" in said


def _closed_port() -> int:
    """A local port nothing listens on (taken from the system, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_an_unreachable_postgresql_server() -> None:
    port = _closed_port()
    url = f"postgresql://postgres@127.0.0.1:{port}/nowhere"
    result = run("--database-url", url, "person", "list")
    said = _said(result)
    assert f"nowhere at 127.0.0.1:{port} cannot be reached" in said
    assert "ALLIES_DATABASE_URL" in said


def test_a_read_only_database(database: Path) -> None:
    read_only = f"sqlite:///file:{database}?mode=ro&uri=true"
    result = run("--database-url", read_only, "person", "add", "Bo Chen")
    assert f"{database}isread-only." in _glued(result) and "writable" in _said(result)
    listed = CliRunner().invoke(app, ["--database-url", read_only, "person", "list"])
    assert listed.exit_code == 0 and "Ann Lee" in listed.output


def test_exporting_into_a_missing_folder(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "people.csv"
    result = run("--db", str(database), "export", "csv", str(target))
    assert f"Couldnotwrite{target}" in _glued(result)
    assert "folder does not exist" in _said(result)
    assert not target.parent.exists()


def test_serving_on_a_port_that_cannot_be(database: Path) -> None:
    result = run("serve", "--db", str(database), "--port", "99999")
    assert result.exit_code == 2
    assert "65535" in result.output
