"""Fixtures of the reminder tests: a keyring of the test's own, the reminders' context."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from allies.services.ports import UnitOfWorkFactory
from allies.services.reminders.ports import RemindersContext
from allies.store.reminders import reminder_repository
from tests.keyring_backend import isolated_keyring


@pytest.fixture
def test_keyring(tmp_path: Path) -> Iterator[Path]:
    """A keyring in a file of the test's own."""
    path = tmp_path / "keyring.json"
    with isolated_keyring(path):
        yield path


@pytest.fixture
def ctx(network: UnitOfWorkFactory, test_keyring: Path) -> RemindersContext:
    """The reminders' context on the small network of the services tests."""
    return RemindersContext(factory=network, repositories=reminder_repository)  # type: ignore[arg-type]
