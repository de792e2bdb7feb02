"""``allies account ...`` and ``allies sync`` in-process against a real Dovecot: the
password from standard input into a real (file) keyring, never printed; a refused login
adds nothing; a second sync changes nothing; a server that is down fails that account."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from typer.testing import CliRunner, Result

from allies.cli.app import app
from tests.servers.dovecot import PASSWORD, Dovecot, DovecotUnavailable, running_dovecot
from tests.servers.mailgen import ME, mailbox
from tests.stores import copy_store

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot of this module's own."""
    try:
        with running_dovecot() as server:
            yield server
    except DovecotUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_template: Path) -> Iterator[Run]:
    """``run(*args, input=...)``: the command line on a fresh database, a file keyring."""
    monkeypatch.setenv("ALLIES_CONFIG", str(tmp_path / "no-config.toml"))
    for name in ("ALLIES_DATABASE_URL", "ALLIES_WORKSPACE", "ALLIES_SECRET_KEY", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    db = tmp_path / "allies.sqlite3"
    copy_store(sqlite_template, db)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, ok: bool = True) -> Result:
        result = runner.invoke(app, ["--db", str(db), *args], input=input, catch_exceptions=False)
        assert (result.exit_code == 0) is ok, result.output
        return result

    yield invoke
    keyring.set_keyring(previous)


def _add(run: Run, dovecot: Dovecot, user: str, password: str, *, ok: bool = True) -> Result:
    return run("account", "add", "work", "--kind", "imap", "--url", dovecot.url, "--user",
               user, "--password-stdin", "--me", ME, input=f"{password}\n", ok=ok)  # fmt: skip


def test_add_sync_twice_list_and_remove(run: Run, dovecot: Dovecot) -> None:
    user = dovecot.new_user()
    dovecot.deliver(user, mailbox(250))
    run("person", "add", "Ana Ruiz", "--me", "--email", ME)

    refused = _add(run, dovecot, user, "not-it", ok=False)
    assert "refused the login of account 'work'" in refused.output
    assert "not-it" not in refused.output
    assert "No account yet" in run("account", "list").output

    added = _add(run, dovecot, user, PASSWORD)
    assert "INBOX holds 250 messages" in added.output and PASSWORD not in added.output
    assert keyring.get_password("allies/default", "work") == PASSWORD

    first = run("sync")
    assert "work: Added" in first.output and "Left out on purpose" in first.output
    assert "work/INBOX, UID 48: no readable date" in first.output
    again = json.loads(run("sync", "work", "--format", "json").output)
    assert again[0]["read"] == 0 and again[0]["added"] == {}

    listed = run("account", "list", "--format", "json").output
    (row,) = json.loads(listed)
    assert row["name"] == "work" and row["last_sync"] != "never"
    assert PASSWORD not in listed
    assert "Logged in to" in run("account", "test", "work").output
    assert "Removed account work." in run("account", "remove", "work").output
    assert keyring.get_password("allies/default", "work") is None


def test_a_server_that_is_down_fails_its_account_and_not_the_others(
    run: Run, dovecot: Dovecot
) -> None:
    user = dovecot.new_user()
    dovecot.deliver(user, mailbox(20))
    run("person", "add", "Ana Ruiz", "--me", "--email", ME)
    _add(run, dovecot, user, PASSWORD)
    run("account", "add", "down", "--kind", "imap", "--url", "imap://127.0.0.1:9", "--user",
        user, "--password-stdin", "--no-test", input=f"{PASSWORD}\n")  # fmt: skip

    result = run("sync", ok=False)

    assert "down: Cannot reach 127.0.0.1:9 for account 'down'" in result.output
    assert "work: Added" in result.output
    assert "Traceback" not in result.output


def test_a_password_or_a_token_command_is_needed(run: Run, dovecot: Dovecot) -> None:
    result = run("account", "add", "work", "--kind", "imap", "--url", dovecot.url,
                 "--user", "ana", ok=False)  # fmt: skip
    assert "--password-stdin" in result.output
