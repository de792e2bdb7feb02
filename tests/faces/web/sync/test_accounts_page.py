"""The Accounts page and ``/api/v1/sync``, in-process, against a real Dovecot: add (a
refused login adds nothing), test, sync now, remove; never a password in an answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from fastapi.testclient import TestClient
from keyrings.alt.file import PlaintextKeyring

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.network.people import add_person
from tests.servers.dovecot import PASSWORD, Dovecot, DovecotUnavailable, running_dovecot
from tests.servers.mailgen import ME, mailbox


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot of this module's own."""
    try:
        with running_dovecot() as server:
            yield server
    except DovecotUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(autouse=True)
def _keyring(tmp_path: Path) -> Iterator[None]:
    previous = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def user(dovecot: Dovecot, settings: Settings) -> str:
    """A mailbox with 120 messages, and me in the workspace."""
    name = dovecot.new_user()
    dovecot.deliver(name, mailbox(120))
    add_person(
        unit_of_work_factory(settings)(settings.workspace), "Ana Ruiz", is_me=True, emails=ME
    )
    return name


def _form(dovecot: Dovecot, user: str, password: str = PASSWORD) -> dict[str, str]:
    return {"name": "work", "kind": "imap", "url": dovecot.url, "user": user,
            "password": password, "folders": "", "me": ME, "token_command": ""}  # fmt: skip


def test_the_page_adds_tests_syncs_and_removes_an_account(
    client: TestClient, dovecot: Dovecot, user: str
) -> None:
    empty = client.get("/settings/accounts")
    assert empty.status_code == 200 and "No account is connected yet" in empty.text

    refused = client.post("/settings/accounts", data=_form(dovecot, user, "wrong-one"))
    assert refused.status_code == 422
    assert "It was not added" in refused.text and "refused the login" in refused.text
    assert 'aria-invalid="true"' in refused.text and "wrong-one" not in refused.text
    assert 'id="account-work"' not in refused.text

    added = client.post("/settings/accounts", data=_form(dovecot, user))
    assert added.status_code == 200
    assert "Added work." in added.text and "INBOX holds 120 messages" in added.text
    assert "Not synced yet." in added.text and PASSWORD not in added.text

    synced = client.post("/settings/accounts/work/sync")
    assert synced.status_code == 200
    assert "work: Added" in synced.text and "Last sync:" in synced.text

    checked = client.post("/settings/accounts/work/check")
    assert "Logged in to 127.0.0.1" in checked.text

    removed = client.post("/settings/accounts/work/remove")
    assert "Removed work." in removed.text and 'id="account-work"' not in removed.text
    assert keyring.get_password("allies/" + client.app.state.settings.workspace, "work") is None  # type: ignore[attr-defined]


def test_the_api_answers_accounts_without_passwords(
    client: TestClient, dovecot: Dovecot, user: str
) -> None:
    body = {"name": "work", "kind": "imap", "url": dovecot.url, "user": user, "me": [ME]}

    refused = client.post("/api/v1/sync/accounts", json=body | {"password": "wrong-one"})
    assert refused.status_code == 422
    assert "account 'work'" in refused.text and "wrong-one" not in refused.text
    assert client.get("/api/v1/sync/accounts").json() == []

    made = client.post("/api/v1/sync/accounts", json=body | {"password": PASSWORD})
    assert made.status_code == 201
    assert made.json()["name"] == "work" and PASSWORD not in made.text

    synced = client.post("/api/v1/sync/accounts/work/sync")
    assert synced.status_code == 200
    assert synced.json()["added"]["people"] > 0 and synced.json()["read"] == 118
    again = client.post("/api/v1/sync/accounts/work/sync").json()
    assert again["read"] == 0 and again["added"] == {}

    (listed,) = client.get("/api/v1/sync/accounts").json()
    assert listed["last_sync_at"] and listed["last_error"] == ""
    assert PASSWORD not in str(listed) and "password" not in listed
    assert client.post("/api/v1/sync/accounts/work/check").json()["found"].startswith("Logged in")
    assert client.delete("/api/v1/sync/accounts/work").status_code == 204
    missing = client.post("/api/v1/sync/accounts/work/sync")
    assert missing.status_code == 404 and "no account 'work'" in missing.text


def test_a_server_that_is_down_is_502_and_noted_on_the_account(
    client: TestClient, dovecot: Dovecot, user: str
) -> None:
    body = {"name": "gone", "kind": "imap", "url": "imap://127.0.0.1:9", "user": user,
            "password": PASSWORD, "test": False}  # fmt: skip
    assert client.post("/api/v1/sync/accounts", json=body).status_code == 201

    down = client.post("/api/v1/sync/accounts/gone/sync")

    assert down.status_code == 502 and "Cannot reach 127.0.0.1:9" in down.text
    page = client.get("/settings/accounts").text
    assert "The last sync did not finish." in page and "Cannot reach" in page
