"""``allies serve``: settings from its options, the address printed, nothing else opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from allies.cli.serve import serve


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What uvicorn.run was asked to do (it is not really started)."""
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.append({"app": app, **kwargs}))
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url))
    return seen


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("serve")(serve)

    @app.callback()
    def main() -> None:
        """Stand-in for the main app's callback."""

    return app


def test_serve_defaults_to_this_machine(calls: list[dict[str, Any]], tmp_path: Path) -> None:
    db = tmp_path / "serve.sqlite3"
    result = CliRunner().invoke(_app(), ["serve", "--db", str(db), "-w", "demo"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/" in result.output
    assert "'demo'" in result.output
    (call,) = calls
    assert call["host"] == "127.0.0.1" and call["port"] == 8000
    app = call["app"]
    assert isinstance(app, FastAPI)
    assert app.state.settings.workspace == "demo"
    assert app.state.settings.database_url.endswith("serve.sqlite3")


def test_serve_takes_a_port_and_a_url(calls: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(
        _app(), ["serve", "--port", "8123", "--db", "sqlite:///:memory:", "--host", "127.0.0.1"]
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert calls[0]["app"].state.settings.database_url == "sqlite:///:memory:"
    assert calls[0]["host"] == "127.0.0.1"


def test_serve_beyond_this_machine_needs_team_mode(calls: list[dict[str, Any]]) -> None:
    arguments = ["serve", "--db", "sqlite:///:memory:", "--host", "0.0.0.0"]
    result = CliRunner().invoke(_app(), arguments)
    assert result.exit_code == 2
    assert "--team" in result.output and calls == []
