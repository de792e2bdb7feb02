"""Each tier's ``conftest.py`` marks its own tests, so ``pytest -m unit`` (or
``integration``, ``faces``, ``browser``) picks one tier wherever its tests are run from."""

from __future__ import annotations

from pathlib import Path

import pytest

__all__ = ["mark_tier"]


def mark_tier(items: list[pytest.Item], folder: Path, marker: str) -> None:
    """Add the mark ``marker`` to every collected test under ``folder``.

    ``pytest_collection_modifyitems`` is called with every test of the session, not only
    those below the conftest that implements it: hence the folder.
    """
    mark = getattr(pytest.mark, marker)
    for item in items:
        if item.path.is_relative_to(folder):
            item.add_marker(mark)
