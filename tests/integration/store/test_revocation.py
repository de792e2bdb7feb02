"""Revoked means revoked, on both backends: a member taken out of a workspace, or a user
disabled, loses their API tokens for good; granting the role again or enabling the user
brings none of them back, and the token list says "revoked" from the moment they went."""

from __future__ import annotations

import pytest

from allies.services.team import accounts
from allies.store import SqlUnitOfWorkFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def team(store: SqlUnitOfWorkFactory) -> SqlUnitOfWorkFactory:
    """Ann owns "alpha" and "beta"; Bo edits both."""
    for name in ("ann", "bo"):
        accounts.add_user(store, name, PASSWORD)
    accounts.add_workspace(store, "alpha", owner="ann")
    accounts.add_workspace(store, "beta", owner="ann")
    accounts.grant(store, "alpha", "bo", "editor")
    accounts.grant(store, "beta", "bo", "editor")
    return store


def _statuses(team: SqlUnitOfWorkFactory) -> dict[str, str]:
    return {row.name: row.status for row in accounts.list_tokens(team, "bo")}


def test_a_removed_member_granted_again_gets_no_old_token_back(
    team: SqlUnitOfWorkFactory,
) -> None:
    old, _ = accounts.create_token(team, "bo", "alpha", "alpha script")
    other, _ = accounts.create_token(team, "bo", "beta", "beta script")
    accounts.revoke(team, "alpha", "bo")
    assert _statuses(team) == {"alpha script": "revoked", "beta script": "active"}
    accounts.grant(team, "alpha", "bo", "editor")
    assert accounts.identify_token(team, old) is None
    assert _statuses(team) == {"alpha script": "revoked", "beta script": "active"}
    assert accounts.identify_token(team, other) is not None
    new, _ = accounts.create_token(team, "bo", "alpha", "new script")
    identity = accounts.identify_token(team, new)
    assert identity is not None and identity.workspace == "alpha"


def test_a_disabled_user_enabled_again_gets_no_old_token_back(
    team: SqlUnitOfWorkFactory,
) -> None:
    alpha, _ = accounts.create_token(team, "bo", "alpha", "alpha script")
    beta, _ = accounts.create_token(team, "bo", "beta", "beta script")
    accounts.disable_user(team, "bo")
    assert _statuses(team) == {"alpha script": "revoked", "beta script": "revoked"}
    accounts.enable_user(team, "bo")
    assert accounts.identify_token(team, alpha) is None
    assert accounts.identify_token(team, beta) is None
    assert _statuses(team) == {"alpha script": "revoked", "beta script": "revoked"}


def test_each_revocation_is_in_the_account_trail(team: SqlUnitOfWorkFactory) -> None:
    accounts.create_token(team, "bo", "alpha", "alpha script")
    accounts.revoke(team, "alpha", "bo")
    with team.accounts() as uow:
        entries = [e for e in uow.trail.list() if e.entity == "token"]
    assert [e.action.value for e in entries] == ["create", "revoke"]
