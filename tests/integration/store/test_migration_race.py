"""Two stores opened at once on a new database (the web app and the scheduler of
``allies serve`` do it) both come up on the newest schema: one upgrades, the other waits."""

from __future__ import annotations

import threading
from pathlib import Path

from allies.store import head_revision, open_store
from allies.store.migrate import current_revision


def test_two_stores_opened_at_once_on_a_new_database_both_come_up(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    stores = [open_store(url) for _ in range(3)]
    start = threading.Barrier(len(stores))
    failures: list[BaseException] = []

    def open_one(index: int) -> None:
        start.wait()
        try:
            stores[index].ready()
            stores[index].workspaces()
        except BaseException as failure:  # reported by the assertion below
            failures.append(failure)

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert failures == []
        assert current_revision(stores[0].engine) == head_revision()
        with stores[1]() as uow:  # and it serves
            assert uow.people.list() == []
    finally:
        for store in stores:
            store.dispose()
