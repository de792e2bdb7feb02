"""A sync killed at any moment (``kill -9`` of the ``allies sync`` process) keeps whole
batches only, resumes after the last one, and ends as one uninterrupted run would."""

from __future__ import annotations

import imaplib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from allies.domain.sync import FolderState
from allies.services.network.people import add_person
from allies.services.sync.accounts import SyncContext, add_account
from allies.services.sync.credentials import EncryptedVault
from allies.services.sync.run import sync_account
from allies.store import SqlUnitOfWorkFactory, open_store
from allies.store.sync import sync_repository
from tests.integration.services.sync.conftest import imap_account, snapshot
from tests.servers.dovecot import PASSWORD, Dovecot
from tests.servers.mailgen import ME, mailbox
from tests.stores import copy_store

KEY = "the-secret-key-of-this-test-server-0123456789"
MESSAGES = 3000
BATCH = 200


def _state(factory: SqlUnitOfWorkFactory) -> FolderState | None:
    with factory() as uow:
        repo = sync_repository(uow)
        return repo.folder(repo.account("work").id or 0, "INBOX")


def _message_ids_by_uid(dovecot: Dovecot, user: str) -> dict[int, str]:
    client = imaplib.IMAP4("127.0.0.1", dovecot.port)
    client.login(user, PASSWORD)
    client.select("INBOX", readonly=True)
    _, data = client.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
    client.logout()
    found: dict[int, str] = {}
    for part in data:
        if isinstance(part, tuple):
            uid = int(re.search(rb"UID (\d+)", part[0]).group(1))  # type: ignore[union-attr]
            ident = re.search(rb"<([^>]+)>", part[1])
            if ident:
                found[uid] = ident.group(1).decode()
    return found


def _stored_ids(factory: SqlUnitOfWorkFactory) -> set[str]:
    with factory() as uow:
        notes = "\n".join(i.notes for i in uow.interactions.list())
    return set(re.findall(r"<([^<>\s]+@gen\.test)>", notes))


def _server(factory: SqlUnitOfWorkFactory) -> SyncContext:
    return SyncContext(factory, sync_repository, EncryptedVault(KEY))  # type: ignore[arg-type]


def test_a_sync_killed_mid_way_resumes_and_ends_as_one_run_would(
    store_url: str,
    factory: SqlUnitOfWorkFactory,
    dovecot: Dovecot,
    mail_user: str,
    sqlite_template: Path,
    tmp_path: Path,
) -> None:
    dovecot.deliver(mail_user, mailbox(MESSAGES))
    add_account(_server(factory), imap_account(dovecot, mail_user))
    env = os.environ | {"ALLIES_DATABASE_URL": store_url, "ALLIES_SECRET_KEY": KEY}
    command = [sys.executable, "-m", "allies", "sync", "work", "--batch-size", str(BATCH)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        while (state := _state(factory)) is None or state.last_uid < BATCH:
            if process.poll() is not None:
                pytest.fail(f"the sync ended before it was killed: {process.stderr.read()!r}")  # type: ignore[union-attr]
            time.sleep(0.005)
        process.kill()
    finally:
        process.wait()
    killed = _state(factory)
    assert killed is not None and BATCH <= killed.last_uid < MESSAGES, killed

    # Only whole batches were kept: every message stored is at or before the resume point.
    ids = _message_ids_by_uid(dovecot, mail_user)
    assert killed.last_uid % BATCH == 0
    assert _stored_ids(factory) <= {ident for uid, ident in ids.items() if uid <= killed.last_uid}

    resumed = sync_account(_server(factory), "work", batch_size=BATCH)
    assert resumed.read + len(resumed.problems) == MESSAGES - killed.last_uid

    reference = open_store(copy_store(sqlite_template, tmp_path / "reference.db"))
    try:
        add_person(reference(), "Ana Ruiz", is_me=True, emails=ME)
        add_account(_server(reference), imap_account(dovecot, mail_user))
        whole = sync_account(_server(reference), "work", batch_size=BATCH)
        assert whole.read + len(whole.problems) == MESSAGES
        assert snapshot(factory) == snapshot(reference)
    finally:
        reference.dispose()
