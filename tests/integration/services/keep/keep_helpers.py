"""A small network on a real SQLite store, for the tests of keeping alliances alive."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from allies.services.keep import log as routine
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store

TODAY = date(2026, 6, 15)


def ago(days: int) -> date:
    """``days`` before :data:`TODAY` (negative: after)."""
    return TODAY - timedelta(days=days)


@pytest.fixture
def factory(tmp_path: Path) -> UnitOfWorkFactory:
    """A fresh SQLite store in the test's temporary folder."""
    return open_store(f"sqlite:///{tmp_path}/a.db")


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


def meet(factory: UnitOfWorkFactory, who: str, days_ago: int, tone: int = 0) -> None:
    """Log a one-on-one with ``who`` ``days_ago`` days before TODAY."""
    routine.log_interaction(factory(), [who], on=ago(days_ago), tone=tone)
