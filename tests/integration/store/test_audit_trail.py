"""The audit trail, optimistic versions, viewers and private notes, on both backends."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from allies.domain import Interaction, Person, Tie
from allies.domain.accounts import Actor, Role
from allies.domain.records import Note
from allies.errors import Conflict, Forbidden, NotFound
from allies.services.network.notes import (
    add_note,
    edit_note,
    list_notes,
    remove_note,
    search_notes,
)
from allies.services.network.people import edit_person
from allies.services.team import accounts
from allies.services.team.audit import export_audit, person_history
from allies.store import SqlUnitOfWorkFactory
from allies.store import tables as t

Ids = dict[str, int]
PASSWORD = "correct horse battery"


@pytest.fixture
def users(store: SqlUnitOfWorkFactory) -> dict[str, Actor]:
    """Two editors and a viewer of the default workspace, as actors."""
    store.workspaces()  # migrate
    found: dict[str, Actor] = {}
    for name, role in (("ann", Role.OWNER), ("bo", Role.EDITOR), ("cy", Role.VIEWER)):
        user = accounts.add_user(store, name, PASSWORD)
        found[name] = Actor(user.id or 0, name, role)
    return found


def test_every_change_is_recorded_with_who_and_the_values(
    store: SqlUnitOfWorkFactory, people: Ids, users: dict[str, Actor]
) -> None:
    with store(actor=users["bo"]) as uow:
        ana = uow.people.get(people["ana"])
        ana.title = "Counsel"
        uow.people.save(ana)
        tie = uow.ties.add(Tie(source_id=people["ana"], target_id=people["bo"], kind="trusts"))
        uow.ties.remove(tie.id or 0)
        uow.commit()
    with store() as uow:
        entries = uow.audit.for_person(people["ana"])
    assert [(e.entity, e.action.value, e.actor) for e in entries][:3] == [
        ("tie", "delete", "bo"),
        ("tie", "create", "bo"),
        ("person", "update", "bo"),
    ]
    update = entries[2]
    assert update.actor_id == users["bo"].user_id
    assert update.changed() == {"title": ("", "Counsel")}
    assert entries[0].before is not None and entries[0].before["kind"] == "trusts"
    assert entries[0].after is None
    assert set(entries[0].people) == {people["ana"], people["bo"]}
    # the fixture's own adds were made by the local user
    assert entries[-1].actor == "local" and entries[-1].action.value == "create"


def test_nothing_is_recorded_for_what_is_rolled_back_or_unchanged(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        before = uow.audit.count()
        uow.people.add(Person(name="Gone"))
    with store() as uow:
        assert uow.audit.count() == before
        same = uow.people.get(people["bo"])
        uow.people.save(same)
        with pytest.raises(Conflict):
            uow.people.add(same)
        uow.commit()
    with store() as uow:
        assert uow.audit.count() == before


def test_history_reads_as_sentences(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    edit_person(store(), f"#{people['cy']}", {"title": "Treasurer", "tags": "board"})
    history = person_history(store(), f"#{people['cy']}")
    assert history.name == "Cy"
    first = history.lines[0]
    assert first.summary.startswith("local changed person #")
    assert "title:  → Treasurer" in first.summary
    assert {c.field for c in first.changes} == {"title", "tags"}


def test_a_viewer_cannot_commit_a_change(
    store: SqlUnitOfWorkFactory, people: Ids, users: dict[str, Actor]
) -> None:
    with store(actor=users["cy"]) as uow:
        assert uow.people.count() == 4  # reading is fine
        uow.people.add(Person(name="Sneaky"))
        with pytest.raises(Forbidden, match="viewer"):
            uow.commit()
    with store() as uow:
        assert [p.name for p in uow.people.list()] == ["Me", "Ana", "Bo", "Cy"]


def test_a_stale_edit_is_a_conflict_not_a_lost_update(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    first, second = store(), store()
    with first, second:
        mine = first.people.get(people["ana"])
        theirs = second.people.get(people["ana"])
        mine.title = "First"
        first.people.save(mine)
        first.commit()
        theirs.title = "Second"
        with pytest.raises(Conflict, match="changed by someone else"):
            second.people.save(theirs)
    with store() as uow:
        assert uow.people.get(people["ana"]).title == "First"
        version = uow.people.version_of(people["ana"])
    with pytest.raises(Conflict, match="changed by someone else"):
        edit_person(store(), f"#{people['ana']}", {"title": "Late"}, expected_version=version - 1)
    edit_person(store(), f"#{people['ana']}", {"title": "On time"}, expected_version=version)
    with store() as uow:
        assert uow.people.version_of(people["ana"]) == version + 1
        with pytest.raises(NotFound):
            uow.people.version_of(9999)


def test_private_notes_are_seen_by_their_author_only(
    store: SqlUnitOfWorkFactory, people: Ids, users: dict[str, Actor]
) -> None:
    ann, bo = users["ann"], users["bo"]
    secret = add_note(store(actor=ann), f"#{people['cy']}", "Cy wants the CFO job", private=True)
    shared = add_note(store(actor=ann), f"#{people['cy']}", "Cy chairs the budget board")
    assert secret.private and secret.mine and secret.author == "you"
    assert [n.body for n in list_notes(store(actor=ann), f"#{people['cy']}")] == [
        "Cy chairs the budget board",
        "Cy wants the CFO job",
    ]
    seen_by_bo = list_notes(store(actor=bo), f"#{people['cy']}", authors={ann.user_id: "ann"})
    assert [(n.body, n.author) for n in seen_by_bo] == [("Cy chairs the budget board", "ann")]
    assert search_notes(store(actor=bo), "CFO") == []
    assert search_notes(store(), "CFO") == []  # the local user is not its author either
    assert [n.id for n in search_notes(store(actor=ann), "cfo")] == [secret.id]
    with store(actor=bo) as uow:
        with pytest.raises(NotFound):
            uow.notes.get(secret.id)
        with pytest.raises(NotFound):
            uow.notes.remove(secret.id)
        assert uow.notes.count() == 1
    with pytest.raises(NotFound):
        edit_note(store(actor=bo), secret.id, body="overwritten")
    with pytest.raises(Forbidden, match="Only the author"):
        edit_note(store(actor=bo), shared.id, private=True)
    with pytest.raises(Forbidden, match="Only the author"):
        edit_note(store(actor=bo), shared.id, body="Cy chairs the board")
    edit_note(store(actor=ann), shared.id, body="Cy chairs the board")
    with store() as uow:
        trail = json.dumps(
            [e.after for e in uow.audit.list()] + [e.before for e in uow.audit.list()]
        )
    assert "CFO" not in trail and "[private]" in trail and "Cy chairs the board" in trail


def test_a_shared_note_is_its_authors_and_an_owner_may_erase_it(
    store: SqlUnitOfWorkFactory, people: Ids, users: dict[str, Actor]
) -> None:
    ann, bo = users["ann"], users["bo"]
    bos = add_note(store(actor=bo), f"#{people['cy']}", "Cy owes me a call")
    anns = add_note(store(actor=ann), f"#{people['cy']}", "Cy backs the plan")
    with pytest.raises(Forbidden, match="Only the author"):
        edit_note(store(actor=ann), bos.id, body="Cy owes nobody")  # even an owner
    with pytest.raises(Forbidden, match="Only the author"):
        remove_note(store(actor=bo), anns.id)  # an editor cannot delete another's note
    viewer = Actor(bo.user_id, "bo", Role.VIEWER)
    with pytest.raises(Forbidden):
        remove_note(store(actor=viewer), bos.id)
    assert [n.body for n in list_notes(store(actor=bo), f"#{people['cy']}")] == [
        "Cy backs the plan",
        "Cy owes me a call",
    ]
    assert edit_note(store(actor=bo), bos.id, body="Cy called back").body == "Cy called back"
    remove_note(store(actor=ann), bos.id)  # an owner erases it
    assert [n.body for n in list_notes(store(actor=bo), f"#{people['cy']}")] == [
        "Cy backs the plan"
    ]
    with store() as uow:
        erased = [e for e in uow.audit.list() if e.entity == "note" and e.action.value == "delete"]
    assert [(e.entity_id, e.actor) for e in erased] == [(bos.id, "ann")]
    assert erased[0].before is not None and erased[0].before["body"] == "Cy called back"


def test_notes_follow_a_merge_and_go_with_a_removal(
    store: SqlUnitOfWorkFactory, people: Ids, users: dict[str, Actor]
) -> None:
    from allies.services.network.removal import merge_people, remove_person

    add_note(store(actor=users["ann"]), f"#{people['bo']}", "private one", private=True)
    add_note(store(), f"#{people['bo']}", "shared one")
    report = merge_people(store(), f"#{people['cy']}", f"#{people['bo']}")
    assert report.moved.counts["notes"] == 2
    with store(actor=users["ann"]) as uow:
        assert {n.body for n in uow.notes.for_person(people["cy"])} == {"private one", "shared one"}
    with pytest.raises(Conflict, match="2 notes"):
        remove_person(store(), f"#{people['cy']}")
    removed = remove_person(store(), f"#{people['cy']}", delete_related=True)
    assert removed.deleted.counts["notes"] == 2
    with store.engine.connect() as connection:
        assert list(connection.scalars(select(t.notes.c.id))) == []


def test_an_owner_exports_the_trail(
    store: SqlUnitOfWorkFactory, people: Ids, users: dict[str, Actor]
) -> None:
    with store(actor=users["bo"]) as uow:
        uow.interactions.add(
            Interaction(occurred_on=date(2026, 1, 5), participant_ids=[people["ana"]])
        )
        uow.notes.add(Note(person_id=people["ana"], body="hush", private=True))
        uow.commit()
    document = json.loads(export_audit(store(actor=users["ann"])))
    assert document["format"] == "allies-audit"
    kinds = [(e["entity"], e["action"], e["actor"]) for e in document["entries"]]
    assert (
        kinds[:4]
        == [("organisation", "create", "local"), ("unit", "create", "local")]
        + [("person", "create", "local")] * 2
    )
    assert ("interaction", "create", "bo") in kinds
    assert "hush" not in json.dumps(document)
    table = export_audit(store(), fmt="csv").decode()
    assert table.splitlines()[0] == "id,at,actor,action,entity,entity_id,people,before,after"
    for who in ("bo", "cy"):
        with pytest.raises(Forbidden, match="Only an owner"):
            export_audit(store(actor=users[who]))
