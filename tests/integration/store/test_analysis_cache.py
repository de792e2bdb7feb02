"""The stored analyses of a workspace: read back by kind and key, the newest few kept,
written by a viewer too, and gone with the workspace's records."""

from __future__ import annotations

from allies.domain.accounts import Actor, Role
from allies.store import SqlUnitOfWorkFactory
from allies.store.analysis_cache import KEEP


def test_a_payload_is_read_back_by_kind_and_key(store: SqlUnitOfWorkFactory) -> None:
    with store("w") as uow:
        assert uow.analysis_cache.get("layout", "a" * 64) is None
        assert not uow.analysis_cache.has("layout", "a" * 64)
        assert uow.analysis_cache.put("layout", "a" * 64, b"\x00\x01payload")
        uow.commit()
    with store("w") as uow:
        assert uow.analysis_cache.get("layout", "a" * 64) == b"\x00\x01payload"
        assert uow.analysis_cache.has("layout", "a" * 64)
        assert uow.analysis_cache.get("communities", "a" * 64) is None
        assert not uow.analysis_cache.has("communities", "a" * 64)
    with store("other") as uow:  # another workspace sees nothing
        assert uow.analysis_cache.get("layout", "a" * 64) is None
        assert not uow.analysis_cache.has("layout", "a" * 64)


def test_the_newest_keys_of_a_kind_are_kept(store: SqlUnitOfWorkFactory) -> None:
    keys = [f"{i:064d}" for i in range(KEEP + 2)]
    for key in keys:
        with store("w") as uow:
            uow.analysis_cache.put("betweenness", key, key.encode())
            uow.analysis_cache.put("layout", "x" * 64, b"stays")
            uow.commit()
    with store("w") as uow:
        kept = [k for k in keys if uow.analysis_cache.get("betweenness", k) is not None]
        assert kept == keys[-KEEP:]
        assert uow.analysis_cache.get("layout", "x" * 64) == b"stays"


def test_a_viewer_may_store_and_clearing_the_workspace_empties_it(
    store: SqlUnitOfWorkFactory,
) -> None:
    viewer = Actor(user_id=1, username="val", role=Role.VIEWER)
    with store("w", viewer) as uow:
        assert uow.analysis_cache.put("communities", "k" * 64, b"labels")
        uow.commit()
    with store("w") as uow:
        assert uow.analysis_cache.get("communities", "k" * 64) == b"labels"
        uow.clear()
        uow.commit()
    with store("w") as uow:
        assert uow.analysis_cache.get("communities", "k" * 64) is None
