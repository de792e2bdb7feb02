"""Fixtures of the sync tests: one real Dovecot per module, a mailbox user per test, a
store on SQLite and on PostgreSQL, a real keyring backend in a temporary file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import psycopg
import pytest
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import text

from allies.services.network.people import add_person
from allies.services.sync.accounts import NewAccount, SyncContext
from allies.services.sync.credentials import KeyringVault
from allies.store import SqlUnitOfWorkFactory, head_revision, open_store
from allies.store.sync import sync_repository
from allies.store.tables import metadata
from tests.servers.dovecot import PASSWORD, Dovecot, DovecotUnavailable, running_dovecot
from tests.servers.mailgen import ME
from tests.stores import copy_store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot of this test module's own, started once."""
    try:
        with running_dovecot() as server:
            yield server
    except DovecotUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def mail_user(dovecot: Dovecot) -> str:
    """A mailbox user of this test's own on the module's Dovecot (password PASSWORD)."""
    return dovecot.new_user()


def empty_postgres(url: str) -> str:
    """Delete every row of the session's migrated PostgreSQL database; its URL."""
    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        assert row is not None and row[0] == head_revision()
        names = [table.name for table in reversed(metadata.sorted_tables)]
        connection.execute("; ".join(f'DELETE FROM "{name}"' for name in names))
    return url


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database with no records: SQLite, or the session's PostgreSQL emptied."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        return copy_store(template, tmp_path / "store" / "allies.db")
    return empty_postgres(request.getfixturevalue("postgres_database_url"))


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    """A real keyring backend (keyrings.alt's file keyring) in a file of this test's own."""
    previous = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def factory(store_url: str) -> Iterator[SqlUnitOfWorkFactory]:
    """The store, with me (Ana Ruiz, ana@example.org) in it."""
    store = open_store(store_url)
    add_person(store(), "Ana Ruiz", is_me=True, emails=ME)
    yield store
    store.dispose()


@pytest.fixture
def ctx(factory: SqlUnitOfWorkFactory, file_keyring: PlaintextKeyring) -> SyncContext:
    """The sync context on that store, passwords in the file keyring."""
    return SyncContext(factory, sync_repository, KeyringVault())  # type: ignore[arg-type]


def imap_account(dovecot: Dovecot, user: str, *, name: str = "work", **extra: Any) -> NewAccount:
    """The account of ``user`` on the test Dovecot, with the right password."""
    fields: dict[str, Any] = {"password": PASSWORD, "me": (ME,)} | extra
    return NewAccount(name=name, kind="imap", url=dovecot.url, username=user, **fields)


def snapshot(factory: SqlUnitOfWorkFactory) -> dict[str, list[Any]]:
    """What the workspace holds, by content (no ids): people, interactions, ties."""
    with factory() as uow:
        names = {p.id: p.name for p in uow.people.list()}
        return {
            "people": sorted((p.name, tuple(sorted(p.emails))) for p in uow.people.list()),
            "interactions": sorted(
                (
                    i.occurred_on.isoformat(),
                    tuple(sorted(names[x] for x in i.participant_ids)),
                    i.notes,
                )
                for i in uow.interactions.list()
            ),
            "ties": sorted(
                (names[t.source_id], names[t.target_id], t.weight, t.note) for t in uow.ties.list()
            ),
        }


def database_text(factory: SqlUnitOfWorkFactory) -> str:
    """Every row of every table as text (to look for what must never be stored)."""
    parts: list[str] = []
    with factory.engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = connection.execute(text(f'SELECT * FROM "{table.name}"'))
            parts.extend(repr(tuple(row)) for row in rows)
    return "\n".join(parts)
