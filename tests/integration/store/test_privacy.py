"""Data protection: everything about a person as JSON, and erasing them completely."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from allies.domain import Campaign, Favour, Interaction, Observation, Promise, Tie
from allies.domain.accounts import Actor, Role
from allies.errors import Forbidden, NotFound
from allies.services.network.notes import add_note
from allies.services.network.people import edit_person
from allies.services.network.privacy import erase_person, export_person
from allies.services.team import accounts
from allies.store import SqlUnitOfWorkFactory
from allies.store import tables as t

Ids = dict[str, int]
DAY = date(2026, 2, 3)


@pytest.fixture
def story(store: SqlUnitOfWorkFactory, people: Ids) -> dict[str, Actor]:
    """Ana in a meeting with Bo, a meeting of her own, a tie, an observation, a favour,
    a promise, a campaign role, a shared note and Bo's private note about her."""
    owner = Actor(accounts.add_user(store, "owner", "x" * 12).id or 0, "owner", Role.OWNER)
    bo = Actor(accounts.add_user(store, "bo", "x" * 12).id or 0, "bo", Role.EDITOR)
    ana, bo_id = people["ana"], people["bo"]
    with store(actor=owner) as uow:
        uow.interactions.add(
            Interaction(
                occurred_on=DAY,
                participant_ids=[ana, bo_id],
                initiator_id=ana,
                summary="Ana and Bo on the audit; ana@example.org to send the memo",
            )
        )
        uow.interactions.add(Interaction(occurred_on=DAY, participant_ids=[ana], notes="Ana alone"))
        uow.ties.add(Tie(source_id=bo_id, target_id=ana, kind="listens_to"))
        uow.observations.add(
            Observation(subject_id=people["cy"], object_id=ana, kind="deferred_to", observed_on=DAY)
        )
        uow.favours.add(Favour(ana, "given", "Reviewed her memo", DAY))
        uow.promises.add(Promise(people["me"], ana, "Send the draft", DAY))
        uow.campaigns.add(Campaign(name="Budget", decider_ids=[ana, bo_id]))
        uow.commit()
    edit_person(store(actor=owner), f"#{ana}", {"title": "Counsel", "phones": "+44 20 7946 0000"})
    add_note(store(actor=owner), f"#{ana}", "Ana prefers mornings")
    add_note(store(actor=bo), f"#{ana}", "Ana is leaving in June", private=True)
    return {"owner": owner, "bo": bo}


def test_the_export_holds_everything_about_the_person(
    store: SqlUnitOfWorkFactory, people: Ids, story: dict[str, Actor]
) -> None:
    document = json.loads(export_person(store(actor=story["owner"]), f"#{people['ana']}"))
    assert document["format"] == "allies-person-export"
    assert document["person"]["name"] == "Ana" and document["person"]["title"] == "Counsel"
    assert document["person"]["organisation"] == "Acme"
    assert len(document["interactions"]) == 2
    assert {tuple(i["participants"]) for i in document["interactions"]} == {("Ana", "Bo"), ("Ana",)}
    assert len(document["ties"]) == 1 and len(document["observations"]) == 1
    assert document["favours"][0]["description"] == "Reviewed her memo"
    assert document["promises"][0]["description"] == "Send the draft"
    assert document["campaign_roles"] == [{"campaign": "Budget", "role": "decider"}]
    assert [n["body"] for n in document["notes"]] == ["Ana prefers mornings"]
    assert document["private_notes_withheld"] == 1
    assert any(e["entity"] == "person" and e["action"] == "update" for e in document["history"])
    full = json.loads(export_person(store(), f"#{people['ana']}", include_private=True))
    assert {n["body"] for n in full["notes"]} == {"Ana prefers mornings", "Ana is leaving in June"}
    with pytest.raises(Forbidden, match="Only an owner"):
        export_person(store(actor=story["bo"]), f"#{people['ana']}")


def test_erasure_leaves_nothing_of_the_person(
    store: SqlUnitOfWorkFactory, people: Ids, story: dict[str, Actor]
) -> None:
    ana = people["ana"]
    with pytest.raises(Forbidden):
        erase_person(store(actor=story["bo"]), f"#{ana}")
    report = erase_person(store(actor=story["owner"]), f"#{ana}")
    assert report.name == "Ana"
    assert report.removed["interactions"] == 2
    assert report.removed["notes"] == 2
    assert report.texts_blanked == 1
    assert report.audit_entries_scrubbed > 5
    with store() as uow:
        with pytest.raises(NotFound):
            uow.people.get(ana)
        (meeting,) = uow.interactions.list()
        assert meeting.participant_ids == [people["bo"]] and meeting.initiator_id is None
        assert meeting.summary == "[erased] and Bo on the audit; [erased] to send the memo"
        assert uow.ties.count() == uow.observations.count() == uow.favours.count() == 0
        assert uow.promises.count() == 0
        assert uow.campaigns.list()[0].decider_ids == [people["bo"]]
        own = [e for e in uow.audit.for_person(ana)]
        assert own[0].action.value == "erase"
        assert all(e.before is None and e.after is None for e in own)
    with store.engine.connect() as connection:
        values = connection.execute(select(t.audit_log.c.old_value, t.audit_log.c.new_value))
        trail = json.dumps([list(row) for row in values])
        linked = list(connection.scalars(select(t.audit_people.c.audit_id).where(
            t.audit_people.c.person_id == ana)))  # fmt: skip
        notes = list(connection.scalars(select(t.notes.c.body)))
    for word in ("Ana", "ana@example.org", "+44 20 7946 0000", "Counsel", "mornings", "June"):
        assert word not in trail, word
    assert "[erased] and Bo" in trail
    assert linked == [] and notes == []
    assert f'"participant_ids": [{people["bo"]}]' in trail
