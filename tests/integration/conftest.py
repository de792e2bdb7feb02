"""The integration tier: the store on SQLite and PostgreSQL, and the services on a store.

Every test here is marked ``integration``. Fresh SQLite stores are copies of one migrated
file (``sqlite_store_url``, ``sqlite_template`` in ``tests/conftest.py``); the PostgreSQL
databases are copies of one migrated template database (:mod:`tests.pg`), one of each
kind per process, so parallel workers never share one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import PostgresUnavailable, fresh_database
from tests.tiers import mark_tier


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this tier's tests ``integration`` (before ``-m`` chooses among them)."""
    mark_tier(items, Path(__file__).parent, "integration")


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """A migrated PostgreSQL database with no records, for the session (of this worker):
    the tests that use it empty it before they start."""
    try:
        with fresh_database() as url:
            yield url
    except PostgresUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def postgres_empty_url() -> Iterator[str]:
    """A PostgreSQL database with no tables, for the session (of this worker): the
    migration tests wipe it and migrate it themselves, away from the migrated one."""
    try:
        with fresh_database("allies_empty", migrated=False) as url:
            yield url
    except PostgresUnavailable as error:
        pytest.fail(str(error), pytrace=False)
