"""Record versions: the compare-and-save of ``If-Match`` is one atomic write (issue 21).

Two editors read a favour at version 1 and both save with "version 1 expected". The save
is one ``UPDATE ... WHERE version = 1``: on PostgreSQL the second writer waits for the
first's row lock, then finds version 2 and writes nothing; on SQLite the writers take
turns (BEGIN IMMEDIATE). Either way exactly one wins and the other is refused with
``StaleRecord`` (412), and what the loser would have written is nowhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest

from allies.domain import Favour, FavourDirection, Person
from allies.errors import StaleRecord
from allies.store import open_store
from allies.store.versions import expecting, watching


def _favour(url: str) -> int:
    factory = open_store(url)
    with factory() as uow:
        ann = uow.people.add(Person("Ann Lee"))
        made = uow.favours.add(
            Favour(ann.id or 0, FavourDirection.GIVEN, "Reviewed her memo", date(2026, 3, 2))
        )
        uow.commit()
    return made.id or 0


def test_versions_start_at_one_and_grow_with_each_save(store_url: str) -> None:
    favour_id = _favour(store_url)
    factory = open_store(store_url)
    with watching() as watch, factory() as uow:
        favour = uow.favours.get(favour_id)
        assert watch.version_of("favour", favour_id) == 1
        favour.description = "Read her memo"
        uow.favours.save(favour)
        assert watch.version_of("favour", favour_id) == 2
        uow.commit()
    with watching(), factory() as uow:  # a stale expectation: refused on reading
        expecting("favour", favour_id, 1)
        with pytest.raises(StaleRecord, match="changed by someone else"):
            uow.favours.get(favour_id)
    with watching(), factory() as uow:  # ... and on writing, read or not
        favour = uow.favours.get(favour_id)
        expecting("favour", favour_id, 1)
        favour.description = "Stale"
        with pytest.raises(StaleRecord, match="version 2, not 1"):
            uow.favours.save(favour)
        with pytest.raises(StaleRecord):
            uow.favours.remove(favour_id)
    with factory() as uow:
        assert uow.favours.get(favour_id).description == "Read her memo"


def test_two_editors_of_one_version_one_wins_the_other_is_refused(store_url: str) -> None:
    favour_id = _favour(store_url)
    factory = open_store(store_url)
    both_read = threading.Barrier(2, timeout=60)
    outcomes: dict[str, str] = {}

    def editor(name: str) -> Callable[[], None]:
        def run() -> None:
            try:
                with watching() as watch, factory() as uow:  # the GET: ETag "1"
                    uow.favours.get(favour_id)
                    read = watch.version_of("favour", favour_id) or 0
                both_read.wait()
                with watching(), factory() as uow:  # the PATCH with If-Match "1"
                    expecting("favour", favour_id, read)
                    favour = uow.favours.get(favour_id)
                    favour.description = f"Written by {name}"
                    uow.favours.save(favour)
                    uow.commit()
                outcomes[name] = "saved"
            except StaleRecord as error:
                outcomes[name] = f"refused: {error.message}"

        return run

    threads = [threading.Thread(target=editor(n)) for n in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(v.split(":")[0] for v in outcomes.values()) == ["refused", "saved"]
    (winner,) = [k for k, v in outcomes.items() if v == "saved"]
    (loser,) = [v for v in outcomes.values() if v != "saved"]
    assert "changed by someone else" in loser and "version 2, not 1" in loser
    with factory() as uow:
        assert uow.favours.get(favour_id).description == f"Written by {winner}"
