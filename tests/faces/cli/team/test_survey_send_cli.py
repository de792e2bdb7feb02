"""``allies survey new --send``: each person gets their own link by e-mail through the
reminders' mail server (a real SMTP server started here); without one, nothing is made."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allies.cli.app import app
from tests.faces.cli.invoke import Invoke
from tests.keyring_backend import isolated_keyring
from tests.reminder_servers import smtp_server


@pytest.fixture(autouse=True)
def _keyring(tmp_path: Path) -> Iterator[None]:
    with isolated_keyring(tmp_path / "keyring.json"):
        yield


def test_survey_links_go_by_mail_and_the_rest_are_printed(allies: Invoke, tmp_path: Path) -> None:
    allies("person", "add", "Dana Ruiz", "--me")
    allies("person", "add", "Ann Lee", "--email", "ann@example.org")
    allies("person", "add", "Bo Chen", "--email", "bo@example.org")
    allies("person", "add", "Cy Park")
    refused = allies("survey", "new", "Depot", "Ann Lee", "Bo Chen", "--send", ok=False)
    assert "no mail server" in refused.output
    assert "Survey #" not in allies("survey", "status", "1", ok=False).output
    with smtp_server() as inbox:
        CliRunner().invoke(
            app,
            ["--db", str(tmp_path / "allies.sqlite3"), "remind", "setup",
             "--smtp", f"127.0.0.1:{inbox.port}", "--security", "none",
             "--to", "me@example.org", "--link-base", "https://allies.example.org"],
            catch_exceptions=False,
        )  # fmt: skip
        made = allies(
            "survey", "new", "Depot", "Ann Lee", "Bo Chen", "Cy Park",
            "--send", "--remind-after", "3", "--base", "https://allies.example.org",
        )  # fmt: skip
    assert "E-mailed their link to: Ann Lee, Bo Chen." in made.output
    assert "reminded after 3 days" in made.output
    assert "Cy Park (not e-mailed: no e-mail address):" in made.output
    assert "https://allies.example.org/s/" in made.output  # Cy's link, to send by hand
    assert sorted(r[0] for r in inbox.recipients) == ["ann@example.org", "bo@example.org"]
    status = allies("survey", "status", "1")
    assert "mailed" in status.output and "no e-mail address" in status.output
