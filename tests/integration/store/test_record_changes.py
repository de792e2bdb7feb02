"""The stamps that key the kept views come from the change counts the database keeps
(revision 0024): every write of the records a view is made of changes its stamp, and
only those writes, on SQLite and PostgreSQL, however the rows are written."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select, update

from allies.domain import Favour, Interaction, Person, Promise, Tie, TieKind
from allies.domain.keep import FavourDirection
from allies.domain.ties import Observation, ObservationKind
from allies.store import SqlUnitOfWorkFactory
from allies.store import backup as backup_module
from allies.store import tables as t
from allies.store.backup import restore_database

DAY = date(2024, 3, 1)


def _stamps(store: SqlUnitOfWorkFactory) -> tuple[str, str]:
    """The network's stamp and the health sums' stamp."""
    with store() as uow:
        return uow.network_reads.stamp(), uow.health_reads.stamp()


def test_each_write_changes_the_stamps_of_what_it_is_part_of(
    store: SqlUnitOfWorkFactory, people: dict[str, int]
) -> None:
    ana, bo, me = people["ana"], people["bo"], people["me"]
    before = _stamps(store)
    assert _stamps(store) == before  # reading changes nothing

    with store() as uow:
        tie = uow.ties.add(Tie(source_id=ana, target_id=bo, kind=TieKind.LISTENS_TO))
        uow.commit()
    after_tie = _stamps(store)
    assert after_tie[0] != before[0] and after_tie[1] == before[1]

    with store() as uow:
        uow.ties.save(dataclasses.replace(tie, weight=0.9))
        uow.commit()
    after_save = _stamps(store)
    assert after_save[0] != after_tie[0] and after_save[1] == before[1]

    with store() as uow:
        uow.interactions.add(Interaction(occurred_on=DAY, participant_ids=[ana]))
        uow.commit()
    after_meeting = _stamps(store)
    assert after_meeting[0] == after_save[0] and after_meeting[1] != after_save[1]

    with store() as uow:  # a renamed person: the health sums show names, the network not
        person = uow.people.get(bo)
        uow.people.save(dataclasses.replace(person, name="Bo Renamed"))
        uow.commit()
    after_rename = _stamps(store)
    assert after_rename[0] == after_meeting[0] and after_rename[1] != after_meeting[1]

    with store() as uow:
        uow.people.add(Person(name="Dee"))
        uow.commit()
    after_person = _stamps(store)
    assert after_person[0] != after_rename[0] and after_person[1] != after_rename[1]

    seen = {after_person}
    for write in (
        lambda uow: uow.favours.add(
            Favour(
                person_id=ana, direction=FavourDirection.GIVEN, description="Intro", occurred_on=DAY
            )
        ),
        lambda uow: uow.promises.add(
            Promise(promiser_id=me, promisee_id=ana, description="Send the notes", made_on=DAY)
        ),
        lambda uow: uow.observations.add(
            Observation(
                subject_id=ana, object_id=bo, kind=ObservationKind.DEFERRED_TO, observed_on=DAY
            )
        ),
        lambda uow: uow.ties.remove(tie.id),
    ):
        with store() as uow:
            write(uow)
            uow.commit()
        now = _stamps(store)
        assert now not in seen
        seen.add(now)


def test_a_rolled_back_write_leaves_the_stamps_as_they_were(
    store: SqlUnitOfWorkFactory, people: dict[str, int]
) -> None:
    before = _stamps(store)
    with store() as uow:
        uow.ties.add(Tie(source_id=people["ana"], target_id=people["bo"], kind=TieKind.TRUSTS))
        uow.rollback()
    assert _stamps(store) == before


def test_rows_written_in_bulk_change_the_stamp_and_a_write_after_a_read_changes_it_again(
    store: SqlUnitOfWorkFactory, people: dict[str, int]
) -> None:
    """Rows written straight with SQL (as a bulk import does) are counted by the
    database itself; within one transaction, a write after the stamp was read makes a
    stamp other than the one read."""
    before = _stamps(store)
    with store() as uow:
        workspace = uow.connection.scalar(select(t.workspaces.c.id))
        rows = [
            {
                "workspace_id": workspace,
                "source_id": people["ana"],
                "target_id": people["bo"],
                "kind": "works_with",
                "weight": 0.1 + i / 1000,
                "confidence": 1.0,
                "origin": "stated",
            }
            for i in range(300)
        ]
        uow.connection.execute(insert(t.ties), rows)
        read_between = uow.network_reads.stamp()
        uow.connection.execute(update(t.ties).values(weight=0.5))
        read_after = uow.network_reads.stamp()
        uow.commit()
    assert read_between != before[0]
    assert read_after != read_between
    assert _stamps(store)[0] == read_after


def test_a_restored_backup_has_stamps_of_its_own(
    store: SqlUnitOfWorkFactory, people: dict[str, int], tmp_path: Path
) -> None:
    """The views kept in a backup were keyed by the counts of the database it was taken
    from; once restored, the records are counted again under a new epoch, so none of
    them is taken for current by chance."""
    before = _stamps(store)
    target = tmp_path / "allies.json"
    with store.engine.connect() as connection:
        target.write_text(json.dumps(backup_module._dump(connection)))
    restore_database(store.engine, target)
    after = _stamps(store)
    assert after[0] != before[0] and after[1] != before[1]
    assert _stamps(store) == after
