"""IMAP sync against a real Dovecot: first sync, nothing new, new mail, a rebuilt folder,
a refused login, a server that is down; on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import socket

import pytest

from allies.services.sync.accounts import SyncContext, add_account, list_accounts
from allies.services.sync.errors import LoginRefused, ServerUnreachable
from allies.services.sync.run import sync_account, sync_accounts
from allies.store import SqlUnitOfWorkFactory
from allies.store.sync import sync_repository
from tests.integration.services.sync.conftest import (
    PASSWORD,
    database_text,
    imap_account,
    snapshot,
)
from tests.servers.dovecot import Dovecot
from tests.servers.mailgen import BODY_MARK, mailbox


def _session_lines(dovecot: Dovecot, user: str) -> list[str]:
    return [line for line in dovecot.log.splitlines() if f"imap({user})" in line]


def test_the_first_sync_brings_people_touch_points_and_ties_from_headers_only(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, dovecot: Dovecot, mail_user: str
) -> None:
    dovecot.deliver(mail_user, mailbox(600))
    add_account(ctx, imap_account(dovecot, mail_user))
    seen: list[tuple[str, int, int | None]] = []

    summary = sync_account(ctx, "work", lambda *step: seen.append(step), batch_size=100)

    assert summary.batches == 6
    assert summary.read == 588  # 600, less 6 without a date and 6 without a sender
    assert len(summary.problems) == 12
    assert any("no readable date" in p for p in summary.problems)
    assert summary.skipped["messages to more than 15 people"] == 12
    assert summary.skipped["messages from people you never wrote to"] == 12
    assert summary.added["people"] >= 40 and summary.added["interactions"] > 0
    assert summary.added["ties"] > 0
    assert seen[-1] == ("INBOX", 588 + 12, 600)
    people = {name for name, _ in snapshot(factory)["people"]}
    assert {"Zoë Ødegård", "Ana María Ruiz", "François Dupré", "Ola Nwosu"} & people
    assert not any(name.startswith("News") for name in people)
    assert BODY_MARK not in database_text(factory)
    sessions = _session_lines(dovecot, mail_user)
    assert any("hdr_count=600" in line for line in sessions)
    assert all("body_count=0" in line for line in sessions if "Disconnected" in line)
    with factory() as uow:
        account = sync_repository(uow).account("work")
        assert account.last_sync_at is not None and account.last_error == ""
        assert account.last_summary == summary.summary()


def test_a_second_sync_changes_nothing_and_new_mail_alone_is_read_after(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, dovecot: Dovecot, mail_user: str
) -> None:
    dovecot.deliver(mail_user, mailbox(300))
    add_account(ctx, imap_account(dovecot, mail_user))
    sync_account(ctx, "work", batch_size=120)
    before = snapshot(factory)

    again = sync_account(ctx, "work")

    assert again.read == 0 and again.batches == 0 and not again.changed_anything
    assert snapshot(factory) == before
    with factory() as uow:
        (state,) = sync_repository(uow).folders(list_accounts(ctx)[0].id or 0)
    assert state.collection == "INBOX" and state.uidvalidity
    assert state.highest_modseq is not None  # Dovecot offers CONDSTORE

    dovecot.deliver(mail_user, mailbox(50, start=300))
    later = sync_account(ctx, "work")

    assert later.read + len(later.problems) == 50
    assert later.changed_anything
    after = snapshot(factory)
    assert len(after["interactions"]) >= len(before["interactions"])
    assert sync_account(ctx, "work").read == 0


def test_a_folder_rebuilt_on_the_server_is_read_again_and_adds_nothing(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, dovecot: Dovecot, mail_user: str
) -> None:
    dovecot.deliver(mail_user, mailbox(200))
    add_account(ctx, imap_account(dovecot, mail_user))
    sync_account(ctx, "work")
    before = snapshot(factory)
    with factory() as uow:
        (old,) = sync_repository(uow).folders(list_accounts(ctx)[0].id or 0)

    dovecot.rebuild(mail_user, (old.uidvalidity or 0) + 1000)
    summary = sync_account(ctx, "work")

    assert any("UIDVALIDITY changed" in note for note in summary.notes)
    assert summary.read == 196  # 200, less 2 without a date and 2 without a sender
    assert summary.unchanged["messages"] + sum(summary.skipped.values()) == 196
    assert not summary.changed_anything
    assert snapshot(factory) == before
    with factory() as uow:
        (new,) = sync_repository(uow).folders(list_accounts(ctx)[0].id or 0)
    assert new.uidvalidity != old.uidvalidity


def test_a_wrong_password_names_the_account_and_stores_nothing(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, dovecot: Dovecot, mail_user: str
) -> None:
    dovecot.deliver(mail_user, mailbox(40))
    wrong = imap_account(dovecot, mail_user, password="not-the-password")

    with pytest.raises(LoginRefused, match="account 'work'") as refused:
        add_account(ctx, wrong)

    assert refused.value.field == "password"
    assert "not-the-password" not in str(refused.value)
    assert list_accounts(ctx) == []
    before = snapshot(factory)
    add_account(ctx, imap_account(dovecot, mail_user))
    with ctx.factory() as uow:  # the password changed on the server since
        repo = sync_repository(uow)
        ctx.vault.put(repo, uow.workspace, repo.account("work"), "an-old-password")
    with pytest.raises(LoginRefused, match="work"):
        sync_account(ctx, "work")
    assert snapshot(factory) == before
    (account,) = list_accounts(ctx)
    assert "refused the login" in account.last_error and account.last_sync_at is not None
    assert PASSWORD not in database_text(factory)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_server_that_is_down_is_a_clear_error_and_does_not_stop_other_accounts(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, dovecot: Dovecot, mail_user: str
) -> None:
    dovecot.deliver(mail_user, mailbox(30))
    add_account(ctx, imap_account(dovecot, mail_user, name="a-work"))
    down = imap_account(dovecot, mail_user, name="b-down")
    down = type(down)(**{**down.__dict__, "url": f"imap://127.0.0.1:{_closed_port()}"})

    with pytest.raises(ServerUnreachable, match="b-down"):
        add_account(ctx, down)
    add_account(ctx, down, test=False)
    outcomes = sync_accounts(ctx)

    assert [o.account for o in outcomes] == ["a-work", "b-down"]
    assert outcomes[0].ok and outcomes[0].summary is not None
    assert outcomes[0].summary.read > 0
    error = outcomes[1].error
    assert isinstance(error, ServerUnreachable) and error.http_status == 502
    assert re.search(r"Cannot reach 127\.0\.0\.1:\d+ for account 'b-down'", str(error))


def test_several_folders_each_keep_their_own_resume_point(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, dovecot: Dovecot, mail_user: str
) -> None:
    dovecot.deliver(mail_user, mailbox(60))
    dovecot.deliver(mail_user, mailbox(40, start=60), folder="Sent")
    account = imap_account(dovecot, mail_user, folders=("INBOX", "Sent", "No-Such-Folder"))
    add_account(ctx, account)

    summary = sync_account(ctx, "work")

    assert summary.read + len(summary.problems) == 60 + 40 + 1
    assert any("No-Such-Folder: cannot open the folder" in p for p in summary.problems)
    with factory() as uow:
        states = sync_repository(uow).folders(list_accounts(ctx)[0].id or 0)
    assert {s.collection: s.last_uid for s in states} == {"INBOX": 60, "Sent": 40}
    assert sync_account(ctx, "work").read == 0
