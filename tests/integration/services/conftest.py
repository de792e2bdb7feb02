"""Fixtures of the services tests: a fresh store, and the small network of the keeping
routine (used by the keep, agenda and alliances tests)."""

from __future__ import annotations

import pytest

from allies.services.keep import log as routine
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store


@pytest.fixture
def factory(sqlite_store_url: str) -> UnitOfWorkFactory:
    """A fresh SQLite store of the test's own (a copy of the migrated template)."""
    return open_store(sqlite_store_url)


@pytest.fixture
def network(factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    """Me (Dana) and four people: Ann (key tier), Bo (inner), Cy (network), Di (no tier).

    Cadences: key every 30 days (at most 60), inner 14/28, tag mentor 45/90.
    """
    add_person(factory(), "Dana Ruiz", is_me=True)
    add_person(factory(), "Ann Lee", tier="key", values="Clear numbers before meetings")
    add_person(factory(), "Bo Chen", tier="inner", tags="mentor")
    add_person(factory(), "Cy Park", tier="network")
    add_person(factory(), "Di Moss")
    routine.set_cadence(factory(), ideal_days=30, max_days=60, tier="key")
    routine.set_cadence(factory(), ideal_days=14, max_days=28, tier="inner")
    routine.set_cadence(factory(), ideal_days=45, max_days=90, tag="mentor")
    return factory
