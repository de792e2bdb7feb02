"""Fixtures of the survey tests: a small network on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from allies.services.network.people import add_person
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store
from tests.integration.services.sync.conftest import empty_postgres
from tests.stores import copy_store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database with no records: SQLite, or the session's PostgreSQL emptied."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        return copy_store(template, tmp_path / "store" / "allies.db")
    return empty_postgres(request.getfixturevalue("postgres_database_url"))


@pytest.fixture
def office(store_url: str) -> Iterator[UnitOfWorkFactory]:
    """Me (Ann Lee) and five colleagues; one more person outside the survey (Zed Outsider)."""
    factory = open_store(store_url, default_workspace="office")
    for name in ("Ann Lee", "Bo Chen", "Cy Park", "Dee Moss", "Eve Ng", "Fay Wu", "Zed Outsider"):
        add_person(factory(), name, is_me=name == "Ann Lee")
    yield factory
    factory.dispose()
