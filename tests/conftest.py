"""Fixtures for the whole suite.

The suite has four tiers, each with its own ``conftest.py``: ``unit/`` (domain, analysis,
interchange: no database), ``integration/`` (the store on SQLite and PostgreSQL, and the
services per feature), ``faces/`` (the command line and the web app in-process) and
``browser/`` (the real app in headless Chromium).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stores import copy_store, make_template

#: The browser fixtures (``browser``, ``page``) serve the browser tier and the web pages
#: that are also checked in a real browser.
pytest_plugins = ["tests.browser.chromium"]

#: The project's checkout.
PROJECT_ROOT = Path(__file__).resolve().parents[1]
#: The real published data sets the tests read, with their origins in ``SOURCES.md``.
DATA = Path(__file__).resolve().parent / "data"
#: Small sample files made for the tests (contacts, calendars, mail, graphs).
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def data() -> Path:
    """The folder of real published data sets (``tests/data``)."""
    return DATA


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with no records, made once per process (per xdist worker)
    and copied by every test that wants a fresh store (not written to itself)."""
    return make_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def sqlite_store_url(sqlite_template: Path, tmp_path: Path) -> str:
    """The URL of a fresh, migrated SQLite store of the test's own (``allies.db`` in its
    ``tmp_path``): a copy of :func:`sqlite_template`, not a new migration."""
    return copy_store(sqlite_template, tmp_path / "allies.db")


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash passwords with argon2id at its cheapest in tests (the real cost is seconds of
    processor time per test otherwise); the code paths are the same."""
    from argon2 import PasswordHasher

    from allies.services.team import passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "hasher", lambda: cheap)


def pytest_configure(config: pytest.Config) -> None:
    """No test reaches the machine's own keyring: every process of the run (and each
    process a test starts) keeps secrets in a file keyring of the tests
    (:mod:`tests.keyring_backend`); a test may point it at a file of its own."""
    import os

    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.keyring_backend.FileKeyring"
