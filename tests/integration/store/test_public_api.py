"""The public surface of ``allies.store`` is what ``__all__`` says."""

from __future__ import annotations

import allies.store


def test_every_name_in_all_exists() -> None:
    assert sorted(allies.store.__all__) == sorted(set(allies.store.__all__))
    for name in allies.store.__all__:
        assert hasattr(allies.store, name), name
    assert {"open_store", "SqlUnitOfWorkFactory", "upgrade", "head_revision"} <= set(
        allies.store.__all__
    )
