"""Calendars and contacts that sign in with OAuth2 only (Google's CalDAV and CardDAV): an
account with a token command, against a real Radicale that accepts bearer tokens only."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from allies.services.network.people import edit_person
from allies.services.sync.accounts import NewAccount, SyncContext, add_account, list_accounts
from allies.services.sync.errors import LoginRefused
from allies.services.sync.run import sync_account
from allies.store import SqlUnitOfWorkFactory
from tests.integration.services.sync.conftest import snapshot
from tests.integration.services.sync.dav_setup import card, load, new_collection, office_calendar
from tests.servers.radicale import Radicale, RadicaleUnavailable, running_radicale


@pytest.fixture(scope="module")
def radicale() -> Iterator[Radicale]:
    """A Radicale of this module's own that signs in by bearer token only."""
    try:
        with running_radicale(bearer=True) as server:
            yield server
    except RadicaleUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def token(radicale: Radicale, tmp_path: Path) -> Iterator[Path]:
    """A file holding this test's access token, which the server accepts until revoked."""
    mine = tmp_path / "access-token"
    mine.write_text(f"tok-{tmp_path.name}\n")
    radicale.tokens_file.write_text(f"{radicale.own_token}\n{mine.read_text()}")
    yield mine
    radicale.tokens_file.write_text(f"{radicale.own_token}\n")


def _account(name: str, kind: str, url: str, token: Path, **extra: object) -> NewAccount:
    return NewAccount(name, kind, url, "ana", token_command=f"cat {shlex.quote(str(token))}",
                      **extra)  # type: ignore[arg-type]  # fmt: skip


def test_a_calendar_signs_in_with_a_token_and_keeps_no_password(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, radicale: Radicale, token: Path
) -> None:
    calendar = new_collection(radicale, "calendar")
    load(radicale, calendar, office_calendar())
    stored, said = add_account(ctx, _account("google-cal", "caldav", calendar, token))
    assert "calendar" in said
    assert stored.token_command and keyring.get_password("allies/default", "google-cal") is None
    first = sync_account(ctx, "google-cal")
    assert first.added["interactions"] >= 9
    before = snapshot(factory)
    assert not sync_account(ctx, "google-cal").changed_anything
    assert snapshot(factory) == before


def test_a_revoked_token_names_the_account_and_changes_nothing(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, radicale: Radicale, token: Path
) -> None:
    calendar = new_collection(radicale, "calendar")
    load(radicale, calendar, office_calendar())
    add_account(ctx, _account("google-cal", "caldav", calendar, token))
    before = snapshot(factory)
    radicale.tokens_file.write_text(f"{radicale.own_token}\n")  # revoked at the provider
    with pytest.raises(LoginRefused, match="google-cal"):
        sync_account(ctx, "google-cal")
    assert snapshot(factory) == before
    (account,) = list_accounts(ctx)
    assert account.last_error and "google-cal" in account.last_error


def test_a_token_the_server_refuses_adds_no_account(
    ctx: SyncContext, radicale: Radicale, tmp_path: Path
) -> None:
    stale = tmp_path / "stale-token"
    stale.write_text("tok-expired\n")
    with pytest.raises(LoginRefused):
        add_account(ctx, _account("google-cal", "caldav", radicale.url + "/", stale))
    assert list_accounts(ctx) == []


def test_contacts_sign_in_with_a_token_and_a_change_is_written_back(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, radicale: Radicale, token: Path
) -> None:
    book = new_collection(radicale, "addressbook")
    radicale.put(book + "lia.vcf", card("lia", "Lia Mora", "lia@example.org", title="Deputy"),
                 "text/vcard")  # fmt: skip
    add_account(ctx, _account("google-book", "carddav", book, token, write_back=True))
    assert sync_account(ctx, "google-book").added["people"] == 1
    edit_person(factory(), "Lia Mora", {"title": "Director"})
    sync_account(ctx, "google-book")
    assert b"TITLE:Director" in radicale.get(book + "lia.vcf")
