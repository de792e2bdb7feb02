"""Accounts: added only once the server accepts the login, listed, tested, removed; the
password kept in the keyring or encrypted with the secret key, and nowhere else."""

from __future__ import annotations

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from allies.errors import ConfigurationError, Conflict, InvalidInput, NotFound
from allies.services.sync.accounts import (
    NewAccount,
    SyncContext,
    add_account,
    check_account,
    list_accounts,
    remove_account,
)
from allies.services.sync.credentials import EncryptedVault, KeyringVault, run_token_command
from allies.services.sync.run import sync_account
from allies.services.transfer.backup import backup_workspace
from allies.store import SqlUnitOfWorkFactory
from allies.store.sync import sync_repository
from tests.integration.services.sync.conftest import database_text, imap_account
from tests.servers.dovecot import PASSWORD, Dovecot
from tests.servers.mailgen import mailbox

SECRET_KEY = "a-secret-key-of-the-team-server-0123456789"


def test_an_account_is_added_listed_tested_and_removed_with_its_keyring_entry(
    ctx: SyncContext,
    factory: SqlUnitOfWorkFactory,
    dovecot: Dovecot,
    mail_user: str,
    file_keyring: PlaintextKeyring,
) -> None:
    dovecot.deliver(mail_user, mailbox(12))
    stored, found = add_account(ctx, imap_account(dovecot, mail_user, folders=("INBOX",)))

    assert (
        found == f"Logged in to 127.0.0.1:{dovecot.port} as {mail_user}; INBOX holds 12 messages."
    )
    assert stored.id is not None and stored.options == {
        "folders": ["INBOX"],
        "me": ["ana@example.org"],
    }
    assert keyring.get_password("allies/default", "work") == PASSWORD
    assert PASSWORD not in database_text(factory)
    assert PASSWORD not in repr(imap_account(dovecot, mail_user))
    assert [a.name for a in list_accounts(ctx)] == ["work"]
    assert "INBOX holds 12 messages" in check_account(ctx, "work")
    with pytest.raises(Conflict, match="already an account 'work'"):
        add_account(ctx, imap_account(dovecot, mail_user))

    sync_account(ctx, "work")
    backup = backup_workspace(factory()).decode()
    assert PASSWORD not in backup and "sync_" not in backup

    remove_account(ctx, "work")
    assert list_accounts(ctx) == []
    assert keyring.get_password("allies/default", "work") is None
    with pytest.raises(NotFound, match="no account 'work'"):
        check_account(ctx, "work")
    assert "sync_state" not in database_text(factory)  # its resume points went with it


def test_on_a_server_the_password_is_encrypted_with_the_secret_key(
    factory: SqlUnitOfWorkFactory, dovecot: Dovecot, mail_user: str
) -> None:
    server = SyncContext(factory, sync_repository, EncryptedVault(SECRET_KEY))  # type: ignore[arg-type]
    add_account(server, imap_account(dovecot, mail_user))

    text = database_text(factory)
    assert PASSWORD not in text and "gAAAAA" in text  # a Fernet token
    assert "INBOX holds" in check_account(server, "work")
    other = SyncContext(factory, sync_repository, EncryptedVault("another-secret-key-" + "x" * 20))  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="encrypted with another secret key"):
        check_account(other, "work")
    with pytest.raises(ConfigurationError, match="at least 32 characters"):
        EncryptedVault("short")


def test_without_a_keyring_the_account_is_refused_with_what_to_do(
    factory: SqlUnitOfWorkFactory, dovecot: Dovecot, mail_user: str
) -> None:
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        laptop = SyncContext(factory, sync_repository, KeyringVault())  # type: ignore[arg-type]
        with pytest.raises(ConfigurationError, match="no usable keyring") as refused:
            add_account(laptop, imap_account(dovecot, mail_user))
    finally:
        keyring.set_keyring(previous)
    assert "ALLIES_SECRET_KEY" in (refused.value.hint or "")
    assert list_accounts(laptop) == []


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"kind": "pop3"}, "kind", "not a kind of account"),
        ({"name": "no spaces here"}, "name", "not an account name"),
        ({"url": "https://imap.example.org"}, "url", "not an address for a imap account"),
        ({"url": "imap://host:99999"}, "url", "not an address"),
        ({"username": " "}, "user", "needs a user name"),
        ({"password": ""}, "password", "needs a password or a token command"),
        ({"write_back": True}, "write_back", "Only a contacts"),
    ],
)
def test_a_bad_account_is_refused_naming_the_field(
    ctx: SyncContext, changes: dict[str, object], field: str, words: str
) -> None:
    fields = {"name": "work", "kind": "imap", "url": "imaps://imap.example.org",
              "username": "ana", "password": "x"} | changes  # fmt: skip
    with pytest.raises(InvalidInput, match=words) as refused:
        add_account(ctx, NewAccount(**fields), test=False)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert list_accounts(ctx) == []


def test_a_bare_host_is_taken_as_imaps_and_a_token_command_keeps_no_password(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory
) -> None:
    new = NewAccount("o365", "imap", "outlook.office365.com", "ana@example.org",
                     token_command="printf 'tok-123\\n'")  # fmt: skip
    stored, _ = add_account(ctx, new, test=False)

    assert stored.url == "imaps://outlook.office365.com"
    assert stored.token_command == "printf 'tok-123\\n'"
    assert run_token_command(stored) == "tok-123"
    assert keyring.get_password("allies/default", "o365") is None
    failing = NewAccount("bad", "imap", "imap.example.org", "ana", token_command="exit 3")
    with pytest.raises(InvalidInput, match="token command of account 'bad' failed"):
        add_account(ctx, failing)


def test_removing_a_contacts_account_forgets_its_collections_too(ctx: SyncContext) -> None:
    new = NewAccount("cards", "carddav", "https://dav.example.org/", "ana", password="x")
    add_account(ctx, new, test=False)
    with ctx.factory() as uow:
        uow.dav_state.collection("cards", "https://dav.example.org/ana/book/", "addressbook")
        uow.commit()

    (removed,) = remove_account(ctx, "cards")

    assert removed.kind.value == "carddav" and list_accounts(ctx) == []
    with ctx.factory() as uow:
        assert uow.dav_state.collections("cards") == []
