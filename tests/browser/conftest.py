"""The browser tier: the real app served by uvicorn, driven in headless Chromium.

The ``browser`` and ``page`` fixtures are in :mod:`tests.browser.chromium` (a plugin of
the whole suite: a few web tests use them too). Every test here is marked ``browser``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tiers import mark_tier


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this tier's tests ``browser`` (before ``-m`` chooses among them)."""
    mark_tier(items, Path(__file__).parent, "browser")
