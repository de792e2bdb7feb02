"""``allies remind``: set up with the password on standard input, preview, send to a real
SMTP server once, and the status; the password is never printed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from allies.cli.app import app
from tests.faces.cli.invoke import Invoke
from tests.keyring_backend import isolated_keyring
from tests.reminder_servers import smtp_server


@pytest.fixture(autouse=True)
def _keyring(tmp_path: Path) -> Iterator[None]:
    with isolated_keyring(tmp_path / "keyring.json"):
        yield


def _run(tmp_path: Path, *args: str, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "allies.sqlite3"), *args], input=stdin, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result


def test_setup_preview_send_once_and_status(allies: Invoke, tmp_path: Path) -> None:
    made = (date.today() - timedelta(days=9)).isoformat()
    due = (date.today() - timedelta(days=3)).isoformat()
    allies("person", "add", "Dana Ruiz", "--me")
    allies("person", "add", "Ann Lee")
    allies("promise", "add", "send the figures", "--to", "Ann Lee", "--due", due, "--on", made)
    not_yet = allies("remind", "--dry-run", ok=False)
    assert "not set up" in not_yet.output
    with smtp_server(user="me", password="pw-on-stdin") as inbox:
        setup = _run(
            tmp_path,
            "remind", "setup",
            "--smtp", f"127.0.0.1:{inbox.port}", "--security", "none",
            "--user", "me", "--password-stdin", "--to", "me@example.org",
            "--at", "06:45", "--quiet-days", "sun", "--timezone", "Europe/Madrid",
            "--link-base", "https://allies.example.org/",
            stdin="pw-on-stdin\n",
        )  # fmt: skip
        assert "Reminders saved." in setup.output and "pw-on-stdin" not in setup.output
        assert "at 06:45 Europe/Madrid, quiet days sun" in setup.output
        preview = allies("remind", "--dry-run")
        assert "send the figures" in preview.output
        assert "https://allies.example.org/reminders/act/" in preview.output
        assert not inbox.messages  # a preview sends nothing
        sent = allies("remind", "--now")
        again = allies("remind")
    assert "Sent the digest" in sent.output and "by email" in sent.output
    assert "Nothing sent by email" in again.output
    assert len(inbox.messages) == 1 and inbox.logins == [("me", "pw-on-stdin")]
    status = allies("remind", "status")
    assert "email: sent" in status.output and "pw-on-stdin" not in status.output


def test_bad_settings_are_refused_with_the_field(allies: Invoke) -> None:
    bad_day = allies("remind", "setup", "--quiet-days", "funday", ok=False)
    assert "'funday' is not a day of the week" in bad_day.output
    bad_time = allies("remind", "setup", "--at", "half past seven", ok=False)
    assert "is not a time of day" in bad_time.output
