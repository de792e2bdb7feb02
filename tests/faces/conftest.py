"""The faces tier: the command line and the web app, run in-process on real stores.

Every test here is marked ``faces``. A face test that needs PostgreSQL gets a database of
its own (a copy of the migrated template, :mod:`tests.pg`): what one test adds (users,
workspaces) is never seen by another, whatever the order or the worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import PostgresUnavailable, fresh_database
from tests.tiers import mark_tier


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this tier's tests ``faces`` (before ``-m`` chooses among them)."""
    mark_tier(items, Path(__file__).parent, "faces")


@pytest.fixture
def postgres_database_url() -> Iterator[str]:
    """A migrated PostgreSQL database with no records, for this test alone."""
    try:
        with fresh_database() as url:
            yield url
    except PostgresUnavailable as error:
        pytest.fail(str(error), pytrace=False)
