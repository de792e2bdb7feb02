"""The keeping routine's tests run on the in-memory unit of work: what they check is the
routine's arithmetic (cadences, due days, health, reliability), which a database does not
change. The store's own reads of these records are tested in ``tests/integration/store``."""

from __future__ import annotations

import pytest

from allies.services.ports import UnitOfWorkFactory
from tests.integration.services.fake_uow import FakeStore


@pytest.fixture
def factory() -> UnitOfWorkFactory:
    """An empty store held in memory (:mod:`tests.integration.services.fake_uow`)."""
    return FakeStore()
