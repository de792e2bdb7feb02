"""Engines: SQLite set up with WAL and foreign keys, PostgreSQL URLs rewritten to psycopg."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from allies.domain import Person
from allies.errors import ConfigurationError
from allies.store import make_engine, open_store
from allies.store.engine import BUSY_TIMEOUT_MS, normalise_url


def test_sqlite_file_has_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "allies.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
            assert connection.scalar(text("PRAGMA foreign_keys")) == 1
            assert connection.scalar(text("PRAGMA busy_timeout")) == BUSY_TIMEOUT_MS
        assert path.is_file()  # the folders were made
    finally:
        engine.dispose()


def test_every_new_sqlite_connection_gets_the_pragmas(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}", pool_size=1, max_overflow=3)
    try:
        connections = [engine.connect() for _ in range(3)]
        assert [c.scalar(text("PRAGMA foreign_keys")) for c in connections] == [1, 1, 1]
        for connection in connections:
            connection.close()
    finally:
        engine.dispose()


def test_sqlite_savepoints_work_inside_a_transaction(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
            savepoint = connection.begin_nested()
            connection.execute(text("INSERT INTO t VALUES (2)"))
            savepoint.rollback()
            connection.commit()
            assert connection.scalar(text("SELECT count(*) FROM t")) == 1
    finally:
        engine.dispose()


def test_in_memory_sqlite_is_one_database_shared_by_units_of_work() -> None:
    store = open_store("sqlite://")
    try:
        with store() as uow:
            uow.people.add(Person(name="Ada"))
            uow.commit()
        with store() as uow:
            assert [p.name for p in uow.people.list()] == ["Ada"]
    finally:
        store.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "postgres://u:p@db.example:5433/allies",
        "postgresql://u:p@db.example:5433/allies",
        "postgresql+psycopg://u:p@db.example:5433/allies",
    ],
)
def test_postgres_urls_use_psycopg_3(url: str) -> None:
    parsed = normalise_url(url)
    assert parsed.drivername == "postgresql+psycopg"
    assert (parsed.username, parsed.host, parsed.port, parsed.database) == (
        "u",
        "db.example",
        5433,
        "allies",
    )
    engine = make_engine(url)  # no connection is made
    assert engine.dialect.driver == "psycopg"
    engine.dispose()


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url"])
def test_other_databases_are_a_configuration_error(url: str) -> None:
    with pytest.raises(ConfigurationError):
        make_engine(url)
