"""Fixtures of the store tests: every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest

from allies.domain import Organisation, Person, Unit
from allies.store import SqlUnitOfWorkFactory, head_revision, open_store
from allies.store.tables import metadata
from tests.stores import copy_store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

DAY = date(2024, 3, 1)


def _sqlite_url(factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{factory.mktemp('store') / 'allies.db'}"


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of an empty database (no tables): a new SQLite file, or the session's
    database for migrations on PostgreSQL with its schema wiped (not the migrated one the
    other store tests use, which would have to be migrated again after every such test)."""
    if request.param == "sqlite":
        return _sqlite_url(tmp_path_factory)
    url: str = request.getfixturevalue("postgres_empty_url")
    with psycopg.connect(url, autocommit=True) as connection:
        _wipe_schema(connection)
    return url


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of a migrated database with no records: a copy of the migrated SQLite
    template, or the session's migrated PostgreSQL database emptied (deleting its rows
    takes a few milliseconds; a database copied from the template, a third of a second,
    and dropping it, seconds). It is wiped and migrated again only when a test left it
    off the newest revision."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        return copy_store(template, tmp_path_factory.mktemp("store") / "allies.db")
    url: str = request.getfixturevalue("postgres_database_url")
    with psycopg.connect(url, autocommit=True) as connection:
        versions: list[object] = []
        if _has_table(connection, "alembic_version"):
            versions = [
                row[0] for row in connection.execute("SELECT version_num FROM alembic_version")
            ]
        if versions == [head_revision()]:
            names = [table.name for table in reversed(metadata.sorted_tables)]
            names.append("record_changes")  # last: the triggers counted the deletions in it
            connection.execute("; ".join(f'DELETE FROM "{name}"' for name in names))
        else:
            _wipe_schema(connection)
    return url


def _has_table(connection: psycopg.Connection[tuple[object, ...]], name: str) -> bool:
    row = connection.execute("SELECT to_regclass(%s)", (f"public.{name}",)).fetchone()
    return row is not None and row[0] is not None


def _wipe_schema(connection: psycopg.Connection[tuple[object, ...]]) -> None:
    connection.execute("DROP SCHEMA public CASCADE")
    connection.execute("CREATE SCHEMA public")


@pytest.fixture
def store(store_url: str) -> Iterator[SqlUnitOfWorkFactory]:
    """A migrated store with no records."""
    factory = open_store(store_url)
    yield factory
    factory.dispose()


@pytest.fixture
def people(store: SqlUnitOfWorkFactory) -> dict[str, int]:
    """Four people (one of them me), an organisation and a unit, committed; name → id."""
    with store() as uow:
        org = uow.organisations.add(Organisation(name="Acme", kind="company"))
        unit = uow.units.add(Unit(name="Legal", organisation_id=org.id))
        ids = {"org": org.id, "unit": unit.id}
        for name in ("me", "ana", "bo", "cy"):
            person = uow.people.add(
                Person(
                    name=name.title(),
                    is_me=name == "me",
                    emails=[f"{name}@example.org"],
                    organisation_id=org.id,
                    unit_id=unit.id if name != "me" else None,
                )
            )
            ids[name] = person.id
        uow.commit()
    return {key: int(value) for key, value in ids.items() if value is not None}
