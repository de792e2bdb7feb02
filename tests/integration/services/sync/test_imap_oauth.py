"""Mail that signs in with OAuth2 only (Microsoft 365, Google): an IMAP account with a
token command, against a real Dovecot taking SASL XOAUTH2 and asking a token
introspection endpoint (RFC 7662) about each token, as a provider's server does."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from allies.services.sync.accounts import NewAccount, SyncContext, add_account, list_accounts
from allies.services.sync.errors import LoginRefused
from allies.services.sync.run import sync_account
from allies.store import SqlUnitOfWorkFactory
from tests.integration.services.sync.conftest import snapshot
from tests.servers.dovecot import Dovecot, DovecotUnavailable, running_dovecot
from tests.servers.mailgen import ME, mailbox
from tests.servers.oauth_introspection import Introspection, running_introspection


@pytest.fixture(scope="module")
def provider() -> Iterator[Introspection]:
    """The identity provider's token introspection endpoint."""
    with running_introspection() as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def oauth_dovecot(provider: Introspection) -> Iterator[Dovecot]:
    """A Dovecot of this module's own that takes XOAUTH2 sign-ins."""
    try:
        with running_dovecot(introspection_url=provider.url) as server:
            yield server
    except DovecotUnavailable as error:
        pytest.fail(str(error), pytrace=False)


def _account(server: Dovecot, user: str, token_file: Path) -> NewAccount:
    command = f"cat {shlex.quote(str(token_file))}"
    return NewAccount("m365", "imap", server.url, user, token_command=command, me=(ME,))


def test_mail_signs_in_with_xoauth2_and_keeps_no_password(
    ctx: SyncContext,
    factory: SqlUnitOfWorkFactory,
    oauth_dovecot: Dovecot,
    provider: Introspection,
    tmp_path: Path,
) -> None:
    user = oauth_dovecot.new_user()
    oauth_dovecot.deliver(user, mailbox(40))
    token = f"tok-{tmp_path.name}"
    provider.tokens[token] = user
    (tmp_path / "token").write_text(token + "\n")
    stored, said = add_account(ctx, _account(oauth_dovecot, user, tmp_path / "token"))
    assert "INBOX holds 40 messages" in said
    assert keyring.get_password("allies/default", "m365") is None and stored.token_command
    assert token in provider.asked  # the server asked the provider, so XOAUTH2 was used
    first = sync_account(ctx, "m365")
    assert first.added["people"] > 0
    before = snapshot(factory)
    assert not sync_account(ctx, "m365").changed_anything
    assert snapshot(factory) == before


def test_a_revoked_token_is_a_refused_login_naming_the_account(
    ctx: SyncContext,
    factory: SqlUnitOfWorkFactory,
    oauth_dovecot: Dovecot,
    provider: Introspection,
    tmp_path: Path,
) -> None:
    user = oauth_dovecot.new_user()
    oauth_dovecot.deliver(user, mailbox(10))
    token = f"tok-{tmp_path.name}"
    provider.tokens[token] = user
    (tmp_path / "token").write_text(token + "\n")
    add_account(ctx, _account(oauth_dovecot, user, tmp_path / "token"))
    before = snapshot(factory)
    del provider.tokens[token]  # revoked at the provider
    with pytest.raises(LoginRefused, match="m365"):
        sync_account(ctx, "m365")
    assert snapshot(factory) == before
    (account,) = list_accounts(ctx)
    assert "m365" in account.last_error
