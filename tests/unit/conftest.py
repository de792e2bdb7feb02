"""The unit tier: the domain, the analyses and the interchange formats, with no database
and no server. Every test here is marked ``unit`` (``pytest -m unit`` runs this tier)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tiers import mark_tier


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this tier's tests ``unit`` (before ``-m`` chooses among them)."""
    mark_tier(items, Path(__file__).parent, "unit")
