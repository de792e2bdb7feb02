"""Small networks built so that the power base and the goal plans have known answers."""

from __future__ import annotations

import pytest

from allies.services.network.people import add_person
from allies.services.network.structure import add_tie
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store
from tests.integration.services.standing.standing_helpers import ally


@pytest.fixture
def store(sqlite_store_url: str) -> UnitOfWorkFactory:
    """A fresh SQLite store of the test's own (a copy of the migrated template)."""
    return open_store(sqlite_store_url)


@pytest.fixture
def team(store: UnitOfWorkFactory) -> UnitOfWorkFactory:
    """Me (Dana, Operations) with four strong ties in my own team and none above me.

    Below me in Operations: Ann, Bo, Cy, Di (allies). A peer in Sales, Eve, whom I know a
    little. Above me: Maria (Finance) and Olu (Operations), with no tie to me.
    """
    add_person(store(), "Dana Ruiz", is_me=True, organisation="Acme", unit="Operations")
    for name in ("Ann Lee", "Bo Chen", "Cy Park", "Di Moss"):
        add_person(store(), name, organisation="Acme", unit="Operations", level="below")
        ally(store, name)
    add_person(store(), "Eve Stone", organisation="Acme", unit="Sales", level="peer")
    add_tie(store(), "me", "knows", "Eve Stone", weight=0.4)
    add_person(
        store(),
        "Maria Lopez",
        title="CFO",
        organisation="Acme",
        unit="Finance",
        level="above",
        agenda="Cut costs without losing growth",
    )
    add_person(
        store(), "Olu Ade", title="COO", organisation="Acme", unit="Operations", level="above"
    )
    add_tie(store(), "Ann Lee", "reports_to", "Olu Ade", weight=1.0)
    add_tie(store(), "Olu Ade", "listens_to", "Maria Lopez", weight=0.8)
    add_tie(store(), "Ann Lee", "listens_to", "me", weight=0.7)
    add_tie(store(), "Bo Chen", "listens_to", "me", weight=0.6)
    return store
