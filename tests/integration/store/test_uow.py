"""Units of work: transactions, workspaces, and the database's own refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from allies.domain import (
    Alliance,
    AlliancePartner,
    Cadence,
    Favour,
    Interaction,
    Organisation,
    Person,
    Tie,
)
from allies.errors import Conflict, InvalidInput, NextStep, NotFound
from allies.store import SqlUnitOfWorkFactory, open_store
from tests.integration.store.conftest import DAY

Ids = dict[str, int]


def _counts(store: SqlUnitOfWorkFactory, workspace: str | None = None) -> dict[str, int]:
    with store(workspace) as uow:
        return {
            "people": uow.people.count(),
            "ties": uow.ties.count(),
            "interactions": uow.interactions.count(),
            "favours": uow.favours.count(),
        }


def test_leaving_without_commit_changes_nothing(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    before = _counts(store)
    with store() as uow:
        uow.people.add(Person(name="Ghost"))
        uow.ties.add(Tie(source_id=people["ana"], target_id=people["bo"], kind="knows"))
        ana = uow.people.get(people["ana"])
        ana.title = "changed"
        uow.people.save(ana)
    assert _counts(store) == before
    with store() as uow:
        assert uow.people.get(people["ana"]).title == ""


def test_an_exception_after_several_writes_rolls_all_back(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    before = _counts(store)
    with pytest.raises(RuntimeError, match="boom"), store() as uow:
        new = uow.people.add(Person(name="Temp"))
        uow.ties.add(Tie(source_id=new.id or 0, target_id=people["bo"], kind="trusts"))
        uow.favours.add(
            Favour(person_id=people["bo"], direction="given", description="x", occurred_on=DAY)
        )
        uow.people.remove(people["cy"])
        raise RuntimeError("boom")
    assert _counts(store) == before


def test_commit_then_rollback_keeps_only_the_committed_part(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        uow.people.add(Person(name="Kept"))
        uow.commit()
        uow.people.add(Person(name="Dropped"))
        uow.rollback()
        uow.people.add(Person(name="Also dropped"))
    with store() as uow:
        names = {p.name for p in uow.people.list()}
    assert "Kept" in names and "Dropped" not in names and "Also dropped" not in names


def test_removing_a_referenced_person_is_a_conflict_that_changes_nothing(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        for target in ("bo", "cy", "me"):
            uow.ties.add(Tie(source_id=people["ana"], target_id=people[target], kind="knows"))
        uow.interactions.add(Interaction(occurred_on=DAY, participant_ids=[people["ana"]]))
        uow.commit()
    before = _counts(store)
    with store() as uow:
        uow.favours.add(
            Favour(person_id=people["bo"], direction="given", description="x", occurred_on=DAY)
        )
        with pytest.raises(Conflict) as caught:
            uow.people.remove(people["ana"])
        message = str(caught.value)
        assert f"person #{people['ana']}" in message
        assert "3 rows in ties" in message
        assert "1 row in interaction_participants" in message
        # the unit of work is still usable, and the earlier write in it survives
        assert uow.people.get(people["ana"]).name == "Ana"
        uow.commit()
    after = _counts(store)
    assert after == {**before, "favours": before["favours"] + 1}


def test_removing_an_unreferenced_person_works(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    with store() as uow:
        uow.people.remove(people["cy"])
        uow.commit()
    with store() as uow:
        assert uow.people.find(people["cy"]) is None


def test_an_organisation_partnering_an_alliance_cannot_be_removed(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        uow.alliances.add(
            Alliance(name="Pact", partners=[AlliancePartner(organisation_id=people["org"])])
        )
        uow.commit()
    with store() as uow, pytest.raises(Conflict, match="alliance_partners"):
        uow.organisations.remove(people["org"])


def test_removing_an_organisation_detaches_its_people(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        uow.organisations.remove(people["org"])
        uow.commit()
    with store() as uow:
        assert {p.organisation_id for p in uow.people.list()} == {None}
        assert {u.organisation_id for u in uow.units.list()} == {None}


def test_workspaces_are_isolated(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    with store("other") as uow:
        assert uow.people.count() == 0
        assert uow.people.list() == []
        assert uow.people.find(people["ana"]) is None
        with pytest.raises(NotFound, match="workspace 'other'"):
            uow.people.get(people["ana"])
        with pytest.raises(NotFound):
            uow.people.remove(people["ana"])
        with pytest.raises(NotFound, match="refers to person"):
            uow.ties.add(Tie(source_id=people["ana"], target_id=people["bo"], kind="knows"))
        stranger = uow.people.add(Person(name="Stranger", emails=["ana@example.org"]))
        with pytest.raises(NotFound, match="refers to person"):
            uow.interactions.add(
                Interaction(occurred_on=DAY, participant_ids=[stranger.id or 0, people["bo"]])
            )
        uow.commit()
    with store() as uow:
        assert uow.people.by_email("ana@example.org").id == people["ana"]  # type: ignore[union-attr]
        assert uow.people.find(stranger.id or 0) is None
        stolen = uow.people.get(people["ana"])
    stolen.id = stranger.id
    with store() as uow, pytest.raises(NotFound):
        uow.people.save(stolen)
    with store("other") as uow:
        assert uow.people.get(stranger.id or 0).name == "Stranger"


def test_workspaces_are_created_on_first_use_listed_and_dropped(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    assert store.workspaces() == ["default"]
    with store("fresh") as uow:
        uow.people.count()  # used but nothing committed: the workspace is not kept
    assert store.workspaces() == ["default"]
    store.create_workspace("team")
    with pytest.raises(Conflict):
        store.create_workspace("team")
    with pytest.raises(InvalidInput):
        store.create_workspace("  ")
    assert store.workspaces() == ["default", "team"]

    store.drop_workspace("default")  # full of people, ties and so on
    assert store.workspaces() == ["team"]
    with pytest.raises(NotFound, match="team"):
        store.drop_workspace("default")
    with store() as uow:  # a new, empty default workspace
        assert uow.people.count() == 0


def test_a_unit_of_work_entered_again_after_its_new_workspace_rolled_back_makes_it_again(
    store: SqlUnitOfWorkFactory,
) -> None:
    """A page enters one unit of work several times; the first may create the workspace
    and roll back, so the next must not take the id that was never kept."""
    uow = store("brand-new")
    with uow:
        uow.people.count()  # creates the workspace in this transaction, then rolls back
    assert "brand-new" not in store.workspaces()
    with uow:
        uow.people.add(Person(name="Ada"))
        uow.commit()
    with uow:  # the third time it is found stored
        assert [p.name for p in uow.people.list()] == ["Ada"]
    assert "brand-new" in store.workspaces()


def test_drop_workspace_removes_every_kind_of_record(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        uow.ties.add(Tie(source_id=people["ana"], target_id=people["bo"], kind="knows"))
        uow.interactions.add(Interaction(occurred_on=DAY, participant_ids=[people["ana"]]))
        uow.cadences.add(Cadence(ideal_days=7, max_days=14, person_id=people["ana"]))
        uow.alliances.add(
            Alliance(
                name="Pact",
                partners=[
                    AlliancePartner(person_id=people["bo"]),
                    AlliancePartner(organisation_id=people["org"]),
                ],
            )
        )
        uow.commit()
    with store("keep") as uow:
        uow.people.add(Person(name="Kept"))
        uow.commit()
    store.drop_workspace("default")
    with store.engine.connect() as connection:
        from sqlalchemy import func, select

        from allies.store.tables import metadata

        counts = {
            table.name: connection.scalar(select(func.count()).select_from(table))
            for table in metadata.sorted_tables
        }
    assert counts.pop("people") == 1
    assert counts.pop("workspaces") == 1
    assert counts.pop("audit_log") == 1  # adding "Kept", in the workspace that stays
    assert counts.pop("record_changes") == 1  # the changes counted in the one that stays
    assert set(counts.values()) == {0}


def test_unique_cadence_per_person_is_a_conflict(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    with store() as uow:
        uow.cadences.add(Cadence(ideal_days=7, max_days=14, person_id=people["ana"]))
        with pytest.raises(Conflict, match="already has a cadence"):
            uow.cadences.add(Cadence(ideal_days=3, max_days=5, person_id=people["ana"]))
        uow.cadences.add(Cadence(ideal_days=3, max_days=5, tag="board"))
        uow.commit()
    with store() as uow:
        assert uow.cadences.count() == 2


def test_adding_a_stored_entity_or_saving_a_new_one_is_refused(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        ana = uow.people.get(people["ana"])
        with pytest.raises(Conflict, match="already stored"):
            uow.people.add(ana)
        with pytest.raises(NotFound, match="Add it first"):
            uow.organisations.save(Organisation(name="New"))
        with pytest.raises(NotFound, match=r"^No tie #999\. .* in workspace 'default'") as caught:
            uow.ties.get(999)
        assert (caught.value.kind, caught.value.record_id) == ("tie", 999)
        assert caught.value.next_step == NextStep("list", "tie")


def test_a_unit_of_work_is_used_once_inside_with(store: SqlUnitOfWorkFactory) -> None:
    uow = store()
    with pytest.raises(RuntimeError):
        uow.commit()
    with uow, pytest.raises(RuntimeError):
        uow.__enter__()


def test_people_get_timestamps_and_a_version(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    from sqlalchemy import select

    from allies.store.tables import people as people_table

    with store() as uow:
        ana = uow.people.get(people["ana"])
        assert ana.created_at is not None and ana.updated_at is not None
        assert ana.created_at.utcoffset() == timedelta(0)
        first = ana.updated_at
        ana.notes = "busy"
        uow.people.save(ana)
        uow.people.save(ana)
        uow.commit()
    assert ana.updated_at is not None and ana.updated_at >= first
    with store.engine.connect() as connection:
        version = connection.scalar(
            select(people_table.c.version).where(people_table.c.id == people["ana"])
        )
    assert version == 3


def test_an_unmigrated_database_says_to_migrate(database_url: str) -> None:
    from allies.errors import ConfigurationError
    from allies.store import open_store

    store = open_store(database_url, migrate=False)
    try:
        with pytest.raises(ConfigurationError, match="migrations"), store():
            pass
    finally:
        store.dispose()


def test_blocks_together_keep_each_ones_meaning(store: SqlUnitOfWorkFactory) -> None:
    """Inside ``together`` a block that leaves without committing still changes nothing,
    a failing one still rolls back, and each block sees what others committed, its own
    or another connection's, meanwhile."""
    uow = store()
    with uow.together():
        with uow:
            uow.people.add(Person(name="Not kept"))
        with uow:
            assert uow.people.count() == 0
        with pytest.raises(RuntimeError), uow:
            uow.people.add(Person(name="Failed"))
            raise RuntimeError("boom")
        with uow:
            uow.people.add(Person(name="Ada"))
            uow.commit()
        with uow:
            assert [p.name for p in uow.people.list()] == ["Ada"]
        with store() as other:  # another connection commits between two blocks
            other.people.add(Person(name="Bo"))
            other.commit()
        with uow:
            assert sorted(p.name for p in uow.people.list()) == ["Ada", "Bo"]
    with uow:  # and after the block, on a connection of its own as before
        assert uow.people.count() == 2


@pytest.mark.postgres
def test_reading_blocks_together_share_one_postgres_transaction(
    postgres_database_url: str,
) -> None:
    """On PostgreSQL blocks that only read go on in one transaction (no round trips to
    end and begin one); a block that wrote ends its transaction as it leaves."""
    store = open_store(postgres_database_url)
    started = text("SELECT xact_start FROM pg_stat_activity WHERE pid = pg_backend_pid()")
    if "together" not in store.workspaces():
        store.create_workspace("together")
    try:
        uow = store("together")
        with uow.together():
            with uow:
                uow.people.count()
                first = uow.connection.scalar(started)
            with uow:
                uow.people.count()
                assert uow.connection.scalar(started) == first  # the same transaction
                uow.people.add(Person(name="Cy"))  # a write, not committed
            with uow:
                assert uow.connection.scalar(started) != first  # that one ended
                assert uow.people.count() == 0
    finally:
        store.drop_workspace("together")
        store.dispose()
