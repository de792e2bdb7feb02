"""Fixtures for the whole suite.

The suite has four tiers, each with its own ``conftest.py``: ``unit/`` (domain, analysis,
interchange: no database), ``integration/`` (the store on SQLite and PostgreSQL, and the
services per feature), ``faces/`` (the command line and the web app in-process) and
``browser/`` (the real app in headless Chromium).
"""

from __future__ import annotations

from collections import defaultdict
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


#: Files whose tests take far longer than their number says: seconds of one process
#: (measured 2026-12-06 on a busy 2-core machine; only their order matters). Every other
#: file is reckoned from its tests (:data:`SECONDS_PER_TEST`).
LONG_FILES = {
    "unit/analysis/test_cascade_spreads.py": 220,
    "browser/test_a11y_browser.py": 160,
    "faces/web/test_fuzz_api.py": 130,
    "unit/analysis/test_cascade_report.py": 95,
    "unit/analysis/test_cascade_select.py": 90,
    "integration/services/sync/test_interrupted.py": 80,
    "integration/store/test_health_reads.py": 80,
    "integration/store/test_agenda_reads.py": 70,
    "faces/cli/background/test_kept_views.py": 50,
    "integration/services/transfer/test_bulk_import.py": 50,
    "integration/store/test_powerbase_reads.py": 50,
    "integration/services/sync/test_dav_calendar.py": 45,
    "browser/test_phone_browser.py": 40,
    "browser/test_team_browser.py": 40,
    "integration/services/agenda/test_agenda_snapshot.py": 40,
    "integration/services/sync/test_imap_sync.py": 40,
    "faces/web/test_hostile_text.py": 40,
    "unit/analysis/test_cascade_own_samples.py": 35,
    "browser/test_map_browser.py": 30,
    "faces/cli/background/test_detached.py": 30,
    "faces/cli/background/test_worker.py": 25,
}
#: What a test takes, by its marks (the most for several), in the files not listed in
#: :data:`LONG_FILES`.
SECONDS_PER_TEST = {"slow": 10.0, "browser": 4.0, "integration": 0.5, "faces": 0.5}
OTHER_TEST_SECONDS = 0.07


def _reckoned_seconds(item: pytest.Item) -> float:
    marks = {mark.name for mark in item.iter_markers()}
    return max((s for m, s in SECONDS_PER_TEST.items() if m in marks), default=OTHER_TEST_SECONDS)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest files first, each file's tests in their own order.

    ``make test`` hands whole files to its workers in this order (``--dist loadfile
    --no-loadscope-reorder``): with the long files first, the last files handed out are
    short ones, and the workers finish together instead of one waiting for the other to
    end a long file (pytest-xdist's own order, most tests first, puts the long files with
    few tests last). Runs after the tiers' hooks have marked their tests.
    """
    tests = Path(__file__).resolve().parent
    seconds: dict[Path, float] = defaultdict(float)
    for item in items:
        seconds[item.path] += _reckoned_seconds(item)
    for path in seconds:
        name = path.relative_to(tests).as_posix() if path.is_relative_to(tests) else ""
        seconds[path] = LONG_FILES.get(name, seconds[path])
    order = {path: rank for rank, path in enumerate(sorted(seconds, key=lambda p: -seconds[p]))}
    items.sort(key=lambda item: order[item.path])  # stable: a file's tests keep their order


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
    (:mod:`tests.keyring_backend`); a test may point it at a file of its own. No command
    leaves work to processes of its own (``ALLIES_BACKGROUND=off``) unless a test asks."""
    import os

    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.keyring_backend.FileKeyring"
    # No command starts processes of its own to work out slow views in the background:
    # the tests of that switch it on (tests/faces/cli/background/test_detached*.py).
    os.environ["ALLIES_BACKGROUND"] = "off"
