"""The command line of a team server: users, workspaces and roles, tokens, a person's
history, export and erasure, notes, the audit trail, backup and restore, serve --team."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner, Result

from allies.cli.app import app

Run = Callable[..., Result]
PASSWORD = "correct horse battery"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run(*args, input=None, ok=True)`` on a fresh SQLite file."""
    monkeypatch.setenv("ALLIES_CONFIG", str(tmp_path / "no-config.toml"))
    for name in ("ALLIES_DATABASE_URL", "ALLIES_WORKSPACE", "ALLIES_TEAM", "ALLIES_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()
    db = tmp_path / "allies.sqlite3"

    def invoke(*args: str, input: str | None = None, ok: bool = True) -> Result:
        result = runner.invoke(app, ["--db", str(db), *args], input=input, catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, f"allies {' '.join(args)} failed:\n{result.output}"
        else:
            assert result.exit_code != 0, f"allies {' '.join(args)} should fail:\n{result.output}"
        return result

    return invoke


def test_users_workspaces_roles_and_tokens(run: Run) -> None:
    run("user", "add", "ann", "--name", "Ann Lee", "--password-stdin", input=PASSWORD + "\n")
    run("user", "add", "bo", input=f"{PASSWORD}\n{PASSWORD}\n")  # asked twice
    refused = run("user", "add", "cy", "--password-stdin", input="short\n", ok=False)
    assert "at least 10" in refused.output
    run("workspace", "add", "public-affairs", "--owner", "ann")
    run("workspace", "grant", "public-affairs", "bo", "--role", "viewer")
    members = json.loads(run("workspace", "members", "public-affairs", "-f", "json").output)
    assert members == [  # nobody has said who they are in the network yet
        {"username": "ann", "role": "owner", "person": "", "owns": 0},
        {"username": "bo", "role": "viewer", "person": "", "owns": 0},
    ]
    run("workspace", "join", "public-affairs", "bo", "--new", "Bo Chen")
    members = json.loads(run("workspace", "members", "public-affairs", "-f", "json").output)
    assert [(m["username"], m["person"]) for m in members] == [("ann", ""), ("bo", "Bo Chen")]
    users = json.loads(run("user", "list", "-f", "json").output)
    assert [(u["username"], u["workspaces"]) for u in users] == [
        ("ann", "public-affairs (owner)"),
        ("bo", "public-affairs (viewer)"),
    ]
    made = run("token", "create", "bo", "--in", "public-affairs", "--name", "crm")
    secret = next(line for line in made.output.splitlines() if line.startswith("allies_"))
    tokens = json.loads(run("token", "list", "-f", "json").output)
    assert tokens[0]["status"] == "active" and secret not in json.dumps(tokens)
    run("token", "revoke", str(tokens[0]["id"]))
    assert json.loads(run("token", "list", "bo", "-f", "json").output)[0]["status"] == "revoked"
    assert "last owner" in run("workspace", "revoke", "public-affairs", "ann", ok=False).output
    assert "no longer viewer" in run("workspace", "revoke", "public-affairs", "bo").output
    run("user", "disable", "bo")
    assert json.loads(run("user", "list", "-f", "json").output)[1]["active"] is False
    run("user", "password", "ann", "--password-stdin", input="another long password\n")
    trail = json.loads(run("audit", "accounts", "-f", "json").output)
    assert [(c["actor"], c["summary"]) for c in trail] == [
        ("local", "local added user ann"),
        ("local", "local added user bo"),
        ("local", "local created workspace public-affairs"),
        ("local", "local granted ann the role owner in public-affairs"),
        ("local", "local granted bo the role viewer in public-affairs"),
        ("local", "local made person #1 bo's own in public-affairs"),
        ("local", f"local made API token #{tokens[0]['id']} 'crm' of bo in public-affairs"),
        ("local", f"local revoked API token #{tokens[0]['id']} 'crm' of bo in public-affairs"),
        ("local", "local revoked the role viewer of bo in public-affairs"),
        ("local", "local disabled user bo"),
        ("local", "local set a new password for ann"),
    ]
    assert trail[-1]["after"] == {"user": "ann", "password": "[changed]"}
    for hidden in (PASSWORD, "another long password", secret):
        assert hidden not in json.dumps(trail)
    about_bo = run("audit", "accounts", "--user", "bo", "--limit", "2").output
    assert "disabled user bo" in about_bo and "added user bo" not in about_bo
    csv_rows = run("audit", "accounts", "--in", "public-affairs", "-f", "csv").output
    assert csv_rows.splitlines()[0].startswith("id,at,actor,action,entity")
    assert '{""user"": ""bo"", ""role"": ""viewer""}' in csv_rows


def test_history_export_notes_erase_and_the_audit_trail(run: Run, tmp_path: Path) -> None:
    run("person", "add", "Maria Lopez", "--email", "maria@acme.example")
    run("person", "add", "Bo Chen")
    run("person", "edit", "Maria Lopez", "--title", "CFO")
    run("log", "Maria Lopez, Bo Chen", "--summary", "Budget with Maria Lopez")
    run("note", "add", "Maria Lopez", "Wants the audit done by June")
    run("note", "add", "Maria Lopez", "Thinking of leaving", "--private")
    notes = json.loads(run("note", "list", "Maria Lopez", "-f", "json").output)
    assert [(n["note"], n["private"]) for n in notes] == [
        ("Thinking of leaving", True),
        ("Wants the audit done by June", False),
    ]
    assert "June" in run("note", "search", "june").output
    history = json.loads(run("person", "history", "Maria Lopez", "-f", "json").output)
    assert any("title:  → CFO" in row["what"] for row in history)
    assert all(row["who"] == "local" for row in history)
    exported = tmp_path / "maria.json"
    run("person", "export", "Maria Lopez", str(exported))
    document = json.loads(exported.read_text())
    assert document["person"]["emails"] == ["maria@acme.example"]
    assert len(document["notes"]) == 2  # the local user wrote both
    trail = tmp_path / "trail.csv"
    run("audit", "export", str(trail), "--format", "csv")
    assert trail.read_text().startswith("id,at,actor,action,entity")
    erased = run("person", "erase", "Maria Lopez", "--yes").output
    assert "Erased Maria Lopez" in erased and "2 notes" in erased
    assert "No person #1." in run("person", "show", "#1", ok=False).output
    run("audit", "export", str(trail), "--format", "json")
    assert "Maria" not in trail.read_text() and "maria@acme" not in trail.read_text()
    shown = run("person", "show", "Bo Chen", "-f", "json").output
    assert "Budget with [erased]" in shown and "Maria" not in shown


def _rows(path: Path) -> dict[str, list[Any]]:
    with sqlite3.connect(path) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {name: connection.execute(f'SELECT * FROM "{name}"').fetchall() for name in names}


def test_backup_and_restore_are_exact_on_sqlite(run: Run, tmp_path: Path) -> None:
    run("demo", "--into", "default", "--seed", "3", "--today", "2026-03-01")
    run("user", "add", "ann", "--password-stdin", input=PASSWORD + "\n")
    run("note", "add", "me", "A note to keep")
    database = tmp_path / "allies.sqlite3"
    before = _rows(database)
    copy = tmp_path / "copies" / "allies.backup"
    assert "SQLite online backup" in run("backup", str(copy)).output
    assert _rows(copy) == before
    run("person", "add", "Someone New")
    run("note", "add", "me", "A note made after the backup")
    assert _rows(database) != before
    run("restore", str(copy), "--yes")
    assert _rows(database) == before
    run("user", "list")  # the restored database is usable


def test_a_workspace_backup_restores_into_a_workspace(run: Run, tmp_path: Path) -> None:
    run("person", "add", "Ann Lee", "--email", "ann@acme.test")
    saved = tmp_path / "workspace.json"
    run("export", "backup", str(saved))
    assert "Restored" in run("-w", "copy", "restore", str(saved)).output
    assert "Ann Lee" in run("-w", "copy", "person", "list").output
    bogus = tmp_path / "bogus.bin"
    bogus.write_bytes(b"\x00\x01 not a backup")
    assert "not a backup" in run("restore", str(bogus), "--yes", ok=False).output


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run replaced by a recorder."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_serve_refuses_the_network_without_team_mode(run: Run, no_server: list[Any]) -> None:
    output = run("serve", "--host", "0.0.0.0", ok=False).output
    assert "with no login" in output and "--team" in output
    assert no_server == []


def test_serve_team_says_everything_that_is_missing(
    run: Run, no_server: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    output = run("serve", "--team", ok=False).output
    assert "needs PostgreSQL" in output and "ALLIES_SECRET_KEY" in output
    monkeypatch.setenv("ALLIES_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("ALLIES_COOKIE_SECURE", "false")
    output = run("serve", "--team", "--host", "0.0.0.0", ok=False).output
    assert "ALLIES_COOKIE_SECURE is off" in output and "ALLIES_SECRET_KEY" not in output
    assert "over plain HTTP" in output  # every problem at once
    assert no_server == []


@pytest.mark.postgres
def test_serve_team_starts_on_postgresql_with_an_owner(
    run: Run, no_server: list[Any], monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setenv("ALLIES_SECRET_KEY", "s" * 40)
    url = ["--database-url", request.getfixturevalue("postgres_database_url")]
    output = run(*url, "serve", "--team", ok=False).output
    assert "no user who owns a workspace" in output
    run(*url, "user", "add", "ann", "--password-stdin", input=PASSWORD + "\n")
    run(*url, "workspace", "add", "team", "--owner", "ann")
    behind_proxy = ["--forwarded-allow-ips", "10.0.0.2"]  # TLS ends at the proxy
    output = run(
        *url, "serve", "--team", "--host", "0.0.0.0", "--port", "8443", *behind_proxy
    ).output
    assert "a team server" in output
    (call,) = no_server
    assert call["host"] == "0.0.0.0" and call["app"].state.settings.team
