"""The browser tier: the real app served by uvicorn, driven in headless Chromium.

The ``browser`` and ``page`` fixtures are in :mod:`tests.browser.chromium` (a plugin of
the whole suite: a few web tests use them too); ``demo_database`` builds the demo
organisation once for the modules that serve it. Every test here is marked ``browser``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.demo_site import build_demo
from tests.tiers import mark_tier


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this tier's tests ``browser`` (before ``-m`` chooses among them)."""
    mark_tier(items, Path(__file__).parent, "browser")


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The demo organisation in a SQLite file, built once per test process (per xdist
    worker); each module serves a copy of its own (:func:`tests.browser.demo_site.serve_demo`)
    and never writes to this one."""
    return build_demo(tmp_path_factory.mktemp("demo-template"), sqlite_template)
