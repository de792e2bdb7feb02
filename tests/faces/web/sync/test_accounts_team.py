"""Accounts on a team server (PostgreSQL, a secret key): the password is encrypted with
the server's key in the database, a viewer cannot add an account, and each workspace sees
its own accounts only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from tests.faces.web.team_setup import Team
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


def _bearer(team: Team, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {team.tokens[user]}"}


@pytest.mark.postgres
def test_accounts_on_a_team_server(team: Team, dovecot: Dovecot) -> None:
    user = dovecot.new_user()
    dovecot.deliver(user, mailbox(60))
    client = team.client()
    body = {"name": "bo-mail", "kind": "imap", "url": dovecot.url, "user": user,
            "password": PASSWORD, "me": [ME]}  # fmt: skip

    viewer = client.post("/api/v1/sync/accounts", json=body, headers=_bearer(team, "cy"))
    assert viewer.status_code == 403 and "viewer" in viewer.text

    made = client.post("/api/v1/sync/accounts", json=body, headers=_bearer(team, "bo"))
    assert made.status_code == 201, made.text
    with team.factory.engine.connect() as connection:  # type: ignore[attr-defined]
        secrets = [row[0] for row in connection.execute(text("SELECT secret FROM sync_secrets"))]
    assert len(secrets) == 1 and secrets[0].startswith("gAAAAA") and PASSWORD not in secrets[0]

    synced = client.post("/api/v1/sync/accounts/bo-mail/sync", headers=_bearer(team, "bo"))
    assert synced.status_code == 200, synced.text
    assert synced.json()["read"] == 58
    listed = client.get("/api/v1/sync/accounts", headers=_bearer(team, "cy")).json()
    assert [a["name"] for a in listed] == ["bo-mail"] and listed[0]["last_sync_at"]
    assert client.get("/api/v1/sync/accounts", headers=_bearer(team, "dee")).json() == []
