"""Accounts of a shared server on both backends: users, logins, lock-outs, sessions, tokens,
workspaces and roles."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from allies.errors import Conflict, Forbidden, InvalidInput, NotFound, TooManyAttempts, Unauthorized
from allies.services.team import account_trail, accounts, logins
from allies.services.team.accounts import LOCK_AFTER, LOCK_MINUTES, Role
from allies.store import SqlUnitOfWorkFactory
from allies.store import tables as t

PASSWORD = "correct horse battery"
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def team(store: SqlUnitOfWorkFactory) -> SqlUnitOfWorkFactory:
    """Ann owns "alpha", Bo edits it, Cy views it; Dee owns "beta"."""
    for name in ("ann", "bo", "cy", "dee"):
        accounts.add_user(store, name, PASSWORD, display_name=name.title())
    accounts.add_workspace(store, "alpha", owner="ann")
    accounts.add_workspace(store, "beta", owner="dee")
    accounts.grant(store, "alpha", "bo", "editor")
    accounts.grant(store, "alpha", "cy", Role.VIEWER)
    return store


def test_users_are_added_listed_and_disabled(team: SqlUnitOfWorkFactory) -> None:
    rows = {row.username: row for row in accounts.list_users(team)}
    assert set(rows) == {"ann", "bo", "cy", "dee"}
    assert rows["ann"].workspaces == "alpha (owner)"
    assert rows["bo"].display_name == "Bo"
    with pytest.raises(Conflict, match="already a user 'ann'"):
        accounts.add_user(team, "ANN", PASSWORD)
    with pytest.raises(InvalidInput, match="at least 10"):
        accounts.add_user(team, "eve", "short")
    with pytest.raises(InvalidInput, match="not a username"):
        accounts.add_user(team, "no spaces", PASSWORD)
    with team.engine.connect() as connection:
        stored = connection.scalar(
            select(t.users.c.password_hash).where(t.users.c.username == "ann")
        )
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    key, _ = accounts.start_session(team, accounts.authenticate(team, "bo", PASSWORD))
    accounts.disable_user(team, "bo")
    assert accounts.identify_session(team, key) is None
    with pytest.raises(Unauthorized, match="Wrong username or password"):
        accounts.authenticate(team, "bo", PASSWORD)
    accounts.enable_user(team, "bo")
    assert accounts.authenticate(team, "bo", PASSWORD).username == "bo"


def test_five_failures_lock_the_account_for_fifteen_minutes(team: SqlUnitOfWorkFactory) -> None:
    for minute in range(LOCK_AFTER):
        with pytest.raises(Unauthorized):
            accounts.authenticate(
                team, "ann", "wrong password", address="10.0.0.1",
                now=NOW + timedelta(minutes=minute),
            )  # fmt: skip
    later = NOW + timedelta(minutes=LOCK_AFTER)
    with pytest.raises(TooManyAttempts, match="locked") as caught:
        accounts.authenticate(team, "ann", PASSWORD, address="10.0.0.2", now=later)
    assert 0 < caught.value.retry_after <= LOCK_MINUTES * 60 + 1
    assert caught.value.http_status == 429
    # another user is not affected, and the lock ends by itself
    assert accounts.authenticate(team, "bo", PASSWORD, now=later).username == "bo"
    after = NOW + timedelta(minutes=LOCK_AFTER + LOCK_MINUTES)
    assert accounts.authenticate(team, "ann", PASSWORD, now=after).username == "ann"


def test_a_success_resets_the_count(team: SqlUnitOfWorkFactory) -> None:
    for minute in range(LOCK_AFTER - 1):
        with pytest.raises(Unauthorized):
            accounts.authenticate(team, "ann", "nope", now=NOW + timedelta(minutes=minute))
    accounts.authenticate(team, "ann", PASSWORD, now=NOW + timedelta(minutes=5))
    with pytest.raises(Unauthorized):
        accounts.authenticate(team, "ann", "nope", now=NOW + timedelta(minutes=6))
    assert accounts.authenticate(team, "ann", PASSWORD, now=NOW + timedelta(minutes=7))


def test_an_address_with_many_failures_is_rate_limited(
    team: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logins, "ADDRESS_LIMIT", 4)
    for n in range(4):
        with pytest.raises(Unauthorized):
            accounts.authenticate(team, f"guess{n}", "x" * 12, address="203.0.113.9", now=NOW)
    with pytest.raises(TooManyAttempts, match="this address"):
        accounts.authenticate(team, "ann", PASSWORD, address="203.0.113.9", now=NOW)
    assert accounts.authenticate(team, "ann", PASSWORD, address="203.0.113.10", now=NOW)


def test_sessions_live_in_the_database_and_expire(team: SqlUnitOfWorkFactory) -> None:
    user = accounts.authenticate(team, "bo", PASSWORD)
    key, identity = accounts.start_session(team, user, now=NOW)
    assert identity.workspace == "alpha" and identity.role is Role.EDITOR
    with team.engine.connect() as connection:
        hashes = list(connection.scalars(select(t.sessions.c.key_hash)))
    assert key not in hashes and len(hashes) == 1
    seen = accounts.identify_session(team, key, now=NOW + timedelta(hours=11))
    assert seen is not None and seen.username == "bo" and seen.can_write
    # activity pushed the expiry on
    assert accounts.identify_session(team, key, now=NOW + timedelta(hours=22)) is not None
    assert accounts.identify_session(team, key, now=NOW + timedelta(hours=40)) is None
    assert accounts.identify_session(team, "forged", now=NOW) is None
    key, _ = accounts.start_session(team, user)
    accounts.end_session(team, key)
    assert accounts.identify_session(team, key) is None


def test_a_session_switches_only_to_the_users_workspaces(team: SqlUnitOfWorkFactory) -> None:
    accounts.grant(team, "beta", "bo", "viewer", actor=None)
    key, identity = accounts.start_session(team, accounts.authenticate(team, "bo", PASSWORD))
    assert [m.workspace for m in identity.workspaces] == ["alpha", "beta"]
    switched = accounts.select_workspace(team, key, "beta")
    assert switched.workspace == "beta" and switched.role is Role.VIEWER
    again = accounts.identify_session(team, key)
    assert again is not None and again.workspace == "beta" and not again.can_write
    accounts.revoke(team, "beta", "bo")
    fallback = accounts.identify_session(team, key)
    assert fallback is not None and fallback.workspace == "alpha"
    with pytest.raises(NotFound, match="no workspace 'beta'"):
        accounts.select_workspace(team, key, "beta")
    with pytest.raises(NotFound):
        accounts.select_workspace(team, key, "does-not-exist")


def test_tokens_are_hashed_revocable_and_follow_membership(team: SqlUnitOfWorkFactory) -> None:
    secret, token = accounts.create_token(team, "bo", "alpha", "sync script")
    assert secret.startswith("allies_") and token.prefix == secret[:11]
    with team.engine.connect() as connection:
        stored = list(connection.execute(select(t.api_tokens.c.token_hash, t.api_tokens.c.prefix)))
    assert all(secret not in "".join(row) for row in stored)
    identity = accounts.identify_token(team, secret)
    assert identity is not None and identity.workspace == "alpha" and identity.via == "token"
    assert accounts.identify_token(team, secret + "x") is None
    assert accounts.identify_token(team, "not-a-token") is None
    with pytest.raises(Forbidden, match="not a member"):
        accounts.create_token(team, "bo", "beta")
    rows = accounts.list_tokens(team, "bo")
    assert [(r.name, r.status) for r in rows] == [("sync script", "active")]
    accounts.revoke_token(team, token.id or 0)
    assert accounts.identify_token(team, secret) is None
    assert accounts.list_tokens(team)[0].status == "revoked"
    second, _ = accounts.create_token(team, "bo", "alpha")
    accounts.revoke(team, "alpha", "bo")
    assert accounts.identify_token(team, second) is None


def test_roles_keep_an_owner_and_changes_are_audited(team: SqlUnitOfWorkFactory) -> None:
    with pytest.raises(Conflict, match="last owner"):
        accounts.revoke(team, "alpha", "ann")
    with pytest.raises(Conflict, match="last owner"):
        accounts.grant(team, "alpha", "ann", "viewer")
    with pytest.raises(InvalidInput, match="role must be one of"):
        accounts.grant(team, "alpha", "bo", "admin")
    with pytest.raises(NotFound, match="no workspace 'gamma'"):
        accounts.grant(team, "gamma", "bo", "viewer")
    assert accounts.grant(team, "alpha", "bo", "owner") is Role.EDITOR
    assert accounts.revoke(team, "alpha", "ann") is Role.OWNER
    assert [(m.username, m.role) for m in accounts.members(team, "alpha")] == [
        ("bo", Role.OWNER),
        ("cy", Role.VIEWER),
    ]
    with team("alpha") as uow:
        trail = [(e.entity, e.action.value, (e.after or {}).get("role")) for e in uow.audit.list()]
    assert ("membership", "grant", "owner") in trail
    assert ("membership", "revoke", None) in trail
    with team("beta") as uow:
        assert {e.entity for e in uow.audit.list()} == {"membership"}


def _owner(store: SqlUnitOfWorkFactory, username: str) -> accounts.Actor:
    """``username`` acting as an owner (as when logged in to the web)."""
    user_id = next(k for k, v in accounts.usernames(store).items() if v == username)
    return accounts.Actor(user_id, username, Role.OWNER)


def test_every_account_change_is_in_the_account_trail_without_secrets(
    team: SqlUnitOfWorkFactory,
) -> None:
    ann = _owner(team, "ann")
    accounts.add_user(team, "eve", PASSWORD, display_name="Eve", actor=ann)
    accounts.grant(team, "alpha", "eve", "viewer", actor=ann)
    accounts.grant(team, "alpha", "eve", "editor", actor=ann)
    secret, token = accounts.create_token(team, "eve", "alpha", "sync", actor=ann)
    accounts.revoke_token(team, token.id or 0, actor=ann)
    accounts.disable_user(team, "eve", actor=ann)
    accounts.disable_user(team, "eve", actor=ann)  # no change, nothing recorded
    accounts.enable_user(team, "eve")
    accounts.set_password(team, "eve", "a new and long password", actor=ann)
    accounts.revoke(team, "alpha", "eve", actor=ann)
    changes = account_trail.account_changes(team, user="eve")
    assert [(c.actor, c.summary) for c in changes] == [
        ("ann", "ann added user eve"),
        ("ann", "ann granted eve the role viewer in alpha"),
        ("ann", "ann granted eve the role editor in alpha (was viewer)"),
        ("ann", f"ann made API token #{token.id} 'sync' of eve in alpha"),
        ("ann", f"ann revoked API token #{token.id} 'sync' of eve in alpha"),
        ("ann", "ann disabled user eve"),
        ("local", "local enabled user eve"),
        ("ann", "ann set a new password for eve"),
        ("ann", "ann revoked the role editor of eve in alpha"),
    ]
    grant = changes[2]
    assert (grant.before, grant.after) == ({"user": "eve", "role": "viewer"},
                                           {"user": "eve", "role": "editor"})  # fmt: skip
    disabled = changes[5]
    assert (disabled.before, disabled.after) == ({"user": "eve", "active": True},
                                                 {"user": "eve", "active": False})  # fmt: skip
    assert all(c.at.endswith("+00:00") for c in changes)
    everything = json.dumps([c.__dict__ for c in account_trail.account_changes(team)])
    for hidden in (PASSWORD, "a new and long password", secret, secret[len("allies_") + 4 :]):
        assert hidden not in everything
    with team.engine.connect() as connection:
        stored = json.dumps(
            [list(map(str, row)) for row in connection.execute(select(t.account_audit))]
        )
    assert PASSWORD not in stored and secret not in stored
    created = account_trail.account_changes(team, workspace="beta")
    assert [c.summary for c in created] == [
        "local created workspace beta",
        "local granted dee the role owner in beta",
    ]
    assert account_trail.account_changes(team, limit=1)[0].summary.endswith("of eve in alpha")


def test_grants_revocations_and_tokens_are_in_the_workspace_trail_too(
    team: SqlUnitOfWorkFactory,
) -> None:
    owner = _owner(team, "ann")
    accounts.grant(team, "alpha", "cy", "editor", actor=owner)
    with team("alpha") as uow:
        last = uow.audit.list()[-1]
    assert (last.entity, last.actor, last.before, last.after) == (
        "membership", "ann", {"user": "cy", "role": "viewer"}, {"user": "cy", "role": "editor"}
    )  # fmt: skip
    with team("beta") as uow:
        assert all(e.entity == "membership" for e in uow.audit.list())
