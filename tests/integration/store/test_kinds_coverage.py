"""Every kind of record the store keeps is registered, and every registered kind survives
a backup, shows in a person's export, moves with a merge and goes with an erasure.

The workspace built here holds at least one record of every kind of the registry
(:mod:`allies.domain.kinds`), and Ana is named by every field that points at people: a new
kind, or a new field pointing at people, fails these tests until it is handled everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from allies.domain import (
    Agreement,
    Alliance,
    AllianceConflict,
    AlliancePartner,
    Assessment,
    Cadence,
    Campaign,
    CampaignIssue,
    Favour,
    Goal,
    GoalNeed,
    Interaction,
    Milestone,
    Observation,
    Organisation,
    Promise,
    Responsibility,
    Stance,
    Tie,
    Unit,
)
from allies.domain.accounts import Actor, Role
from allies.domain.affiliations import Affiliation, OrganisationTie
from allies.domain.cards import CardDetails, PostalAddress, RoleChange
from allies.domain.consultations import Consultation
from allies.domain.kinds import Kind, Pointer, all_kinds, kind_of, pointers_in, top_level_kinds
from allies.domain.records import Note
from allies.domain.survey_answers import SurveyAnswer
from allies.errors import Forbidden
from allies.services.network.privacy import erase_person, person_document
from allies.services.network.removal import merge_people
from allies.services.team.memberships import grant
from allies.services.team.users import add_user
from allies.services.transfer.backup import backup_workspace, restore_workspace
from allies.store import SqlUnitOfWorkFactory
from allies.store.mapping import MAPS
from allies.store.notes import NOTE_MAP
from allies.store.tables import metadata

Ids = dict[str, int]
DAY = date(2026, 2, 3)
OWNER = Actor(None, "owner", Role.OWNER)

#: Tables that hold no workspace records: accounts, the audit trail, uploads, caches.
NOT_RECORDS = {
    "workspaces", "users", "sessions", "memberships", "api_tokens", "login_attempts",
    "audit_log", "audit_people", "account_audit", "uploads", "campaign_plan_days",
    "agenda_handled", "relationship_owners", "meeting_assignments",
    "surveys", "survey_invites", "captures",
    "sync_accounts", "sync_secrets", "sync_state",
    "dav_collections", "dav_objects",
    "record_sources",  # bookkeeping of imports (where a link to a person came from)
    "reminder_settings", "reminder_sends",  # how the digest goes, and what went
    "analysis_cache",  # analyses kept per network version: arrays and hashes, no records
    "record_changes",  # how many times each kind has changed: counts, no records
}  # fmt: skip
#: How the store keeps every kind: the entity maps, notes' own included.
STORED = {**MAPS, Note: NOTE_MAP}


# -- the store keeps nothing the registry does not know ------------------------------------


def test_every_record_table_belongs_to_a_registered_kind() -> None:
    covered: dict[str, str] = {}
    for cls, entity in STORED.items():
        kind = kind_of(cls)  # fails for a stored class that is not registered
        assert entity.kind == kind.singular, "the audit trail names a kind by its singular"
        covered[entity.table.name] = kind.singular
        for child in entity.children:
            nested = [k for k in all_kinds() if k.parent == kind.singular and k.attr == child.attr]
            lists = [p for p in kind.pointers if p.name == child.attr and p.many]
            assert nested or lists, f"{kind.singular}.{child.attr} is not registered"
            covered[child.table.name] = f"{kind.singular}.{child.attr}"
    tables = set(metadata.tables) - NOT_RECORDS
    assert tables - set(covered) == set(), "register the kinds these tables hold"
    stored = {kind_of(cls).singular for cls in STORED}
    assert stored == {kind.singular for kind in top_level_kinds()}


# -- a workspace holding every kind ----------------------------------------------------------


@pytest.fixture
def everything(store: SqlUnitOfWorkFactory, people: Ids) -> Ids:
    """At least one record of every kind; Ana is named by every field pointing at people."""
    ana, bo, cy, me = people["ana"], people["bo"], people["cy"], people["me"]
    with store() as uow:
        org = uow.organisations.add(Organisation(name="Carrier", kind="partner"))
        uow.units.add(
            Unit(name="Contracts", organisation_id=people["org"], parent_id=people["unit"])
        )
        uow.ties.add(Tie(source_id=ana, target_id=cy, kind="listens_to"))
        uow.ties.add(Tie(source_id=cy, target_id=ana, kind="trusts"))
        uow.observations.add(
            Observation(subject_id=ana, object_id=cy, kind="deferred_to", observed_on=DAY)
        )
        uow.observations.add(
            Observation(subject_id=cy, object_id=ana, kind="endorsed", observed_on=DAY)
        )
        uow.interactions.add(
            Interaction(occurred_on=DAY, participant_ids=[ana, cy], initiator_id=ana)
        )
        uow.favours.add(Favour(ana, "given", "Read the draft", DAY))
        uow.promises.add(Promise(me, ana, "Send the figures", DAY))
        uow.promises.add(Promise(ana, cy, "Call the auditor", DAY))
        uow.cadences.add(Cadence(ideal_days=14, max_days=30, person_id=ana))
        uow.cadences.add(Cadence(ideal_days=30, max_days=60, tag="board"))
        campaign = uow.campaigns.add(
            Campaign(
                name="Budget",
                issues=[CampaignIssue(name="Size", low_label="cut", high_label="grow")],
                decider_ids=[ana, bo],
            )
        )
        issue = uow.campaigns.get(campaign.id or 0).issues[0].id or 0
        uow.stances.add(Stance(person_id=ana, issue_id=issue, position=70, recorded_on=DAY))
        uow.alliances.add(
            Alliance(
                name="Carriers",
                partners=[
                    AlliancePartner(person_id=ana, role="sponsor"),
                    AlliancePartner(organisation_id=org.id),
                ],
                common_goals=["Faster returns"],
                agreement=Agreement(agreed="Share the depot"),
                responsibilities=[Responsibility(what="Draft the terms", person_id=ana)],
                milestones=[Milestone(title="Pilot", due_on=DAY)],
                conflicts=[AllianceConflict(title="Credit", opened_on=DAY)],
            )
        )
        uow.goals.add(Goal(title="Run logistics", needs=[GoalNeed("Her backing", holder_id=ana)]))
        uow.assessments.add(Assessment(taken_on=DAY, answers={"1": 5, "2": 6}))
        uow.notes.add(Note(ana, "Prefers mornings"))
        uow.cards.add(
            CardDetails(
                ana,
                birthday="--03-15",
                addresses=[PostalAddress(street="1 Main St", locality="Lyon", kind="work")],
                urls=["https://ana.example"],
                custom={"X-SPOUSE": "Lu"},
            )
        )
        uow.role_changes.add(RoleChange(ana, DAY, old_title="Deputy", new_title="Director"))
        uow.affiliations.add(Affiliation(ana, org.id or 0, "Board member", started_on=DAY))
        uow.organisation_ties.add(OrganisationTie(org.id or 0, "funds", people["org"]))
        met = uow.interactions.add(Interaction(occurred_on=DAY, participant_ids=[ana]))
        uow.consultations.add(Consultation(met.id or 0, campaign.id or 0, issue, "cost", "send it"))
        stated = uow.ties.list()[0].id or 0
        uow.survey_answers.add(SurveyAnswer(stated, "Who advises whom", DAY))
        uow.commit()
    writer = add_user(store, "dee", "a long enough password")
    grant(store, store.default_workspace, "dee", Role.EDITOR)
    with store(actor=Actor(writer.id or 0, "dee", Role.EDITOR)) as uow:
        uow.notes.add(Note(ana, "Her own view on the budget", private=True))
        uow.commit()
    return people


def _records(store: SqlUnitOfWorkFactory, workspace: str | None = None) -> dict[str, list[Any]]:
    with store(workspace) as uow:
        return {kind.plural: getattr(uow, kind.plural).list() for kind in top_level_kinds()}


def _held(records: dict[str, list[Any]]) -> Iterator[tuple[Kind, Pointer, int]]:
    """Every id held by every record (nested ones too): ``(kind, pointer, id)``."""
    for kind in top_level_kinds():
        for item in records[kind.plural]:
            for _, holder, pointer, key in pointers_in(kind, item):
                yield holder, pointer, key


def _pointing_at(records: dict[str, list[Any]], person: int) -> set[tuple[str, str]]:
    return {
        (kind.singular, pointer.name)
        for kind, pointer, key in _held(records)
        if pointer.at_person and key == person
    }


def _every_person_field() -> set[tuple[str, str]]:
    return {(k.singular, p.name) for k in all_kinds() for p in k.person_pointers}


def _present(document: dict[str, Any]) -> set[str]:
    """The kinds with at least one record in a backup document."""
    found: set[str] = set()

    def visit(kind: Kind, items: list[Any]) -> None:
        if items:
            found.add(kind.singular)
        for child in all_kinds():
            if child.parent == kind.singular:
                for item in items:
                    visit(child, item[child.attr])

    for kind in top_level_kinds():
        visit(kind, document[kind.plural])
    return found


def test_the_workspace_holds_every_kind_and_ana_in_every_person_field(
    store: SqlUnitOfWorkFactory, everything: Ids
) -> None:
    document = json.loads(backup_workspace(store()))
    assert _present(document) == {kind.singular for kind in all_kinds()}
    assert _pointing_at(_records(store), everything["ana"]) == _every_person_field()


# -- backup --------------------------------------------------------------------------------


def _body(raw: bytes) -> list[bytes]:
    return [
        line for line in raw.splitlines() if b'"created"' not in line and b'"workspace"' not in line
    ]


def test_a_backup_of_every_kind_restores_exactly(
    store: SqlUnitOfWorkFactory, everything: Ids
) -> None:
    first = backup_workspace(store())
    report = restore_workspace(store("restored"), first)
    assert set(report.added) == {kind.plural for kind in top_level_kinds()}
    second = backup_workspace(store("restored"))
    assert _body(second) == _body(first)
    restored = _records(store, "restored")
    assert restored["units"][-1].parent_id == restored["units"][0].id


def test_the_local_backup_holds_every_note_with_its_author_and_privacy(
    store: SqlUnitOfWorkFactory, everything: Ids
) -> None:
    document = json.loads(backup_workspace(store()))
    notes = sorted(document["notes"], key=lambda note: note["body"])
    assert [(n["body"], n["private"]) for n in notes] == [
        ("Her own view on the budget", True),
        ("Prefers mornings", False),
    ]
    assert document["authors"] == {str(notes[0]["author_id"]): "dee"}
    assert notes[1]["author_id"] is None
    restore_workspace(store("restored"), json.dumps(document).encode())
    with store("restored") as uow:
        restored = {note.body: note for note in uow.notes.every()}
    dee = restored["Her own view on the budget"]
    assert dee.private and dee.author_id == notes[0]["author_id"]
    assert restored["Prefers mornings"].author_id is None
    dee_actor = Actor(dee.author_id or 0, "dee", Role.EDITOR)
    with store("restored", actor=dee_actor) as uow:
        assert {n.body for n in uow.notes.list()} == set(restored)


def test_a_members_backup_holds_the_notes_they_may_see(
    store: SqlUnitOfWorkFactory, everything: Ids
) -> None:
    eve = add_user(store, "eve", "a long enough password")
    grant(store, store.default_workspace, "eve", Role.OWNER)
    for role in (Role.EDITOR, Role.OWNER):  # an owner too, unless asking for every note
        document = json.loads(backup_workspace(store(actor=Actor(eve.id or 0, "eve", role))))
        assert [n["body"] for n in document["notes"]] == ["Prefers mornings"]
        assert document["authors"] == {}
    with pytest.raises(Forbidden):
        backup_workspace(store(actor=Actor(eve.id or 0, "eve", Role.EDITOR)), include_private=True)
    owner = store(actor=Actor(eve.id or 0, "eve", Role.OWNER))
    document = json.loads(backup_workspace(owner, include_private=True))
    assert len(document["notes"]) == 2 and set(document["authors"].values()) == {"dee"}


def test_a_note_whose_author_is_not_a_user_here_is_restored_without_one(
    store: SqlUnitOfWorkFactory, everything: Ids
) -> None:
    document = json.loads(backup_workspace(store()))
    document["authors"] = {key: "nobody-here" for key in document["authors"]}
    restore_workspace(store("restored"), json.dumps(document).encode())
    with store("restored") as uow:
        assert {n.author_id for n in uow.notes.every()} == {None}


def test_a_backup_written_when_promises_were_commitments_still_restores(
    store: SqlUnitOfWorkFactory, everything: Ids
) -> None:
    document = json.loads(backup_workspace(store()))
    document["commitments"] = document.pop("promises")
    document["counts"]["commitments"] = document["counts"].pop("promises")
    old = json.dumps(document).encode()
    report = restore_workspace(store("restored"), old)
    assert report.added["promises"] == 2
    again = json.loads(backup_workspace(store("restored")))
    assert again["promises"] == json.loads(backup_workspace(store()))["promises"]
    assert "commitments" not in again


# -- a person's export, merge and erasure ----------------------------------------------------


def _section(kind: Kind) -> str:
    return kind.singular if kind.one_per_person else kind.counted_as.replace(" ", "_")


def test_the_export_shows_every_kind_that_points_at_the_person(
    store: SqlUnitOfWorkFactory, everything: Ids
) -> None:
    document = person_document(store(actor=OWNER), f"#{everything['ana']}")
    for kind in all_kinds():
        if kind.person_pointers:
            assert document[_section(kind)], kind.singular
    assert len(document["ties"]) == 2 and len(document["promises"]) == 2
    assert document["cadence"]["person_id"] == everything["ana"]
    assert {r["role"] for r in document["alliance_roles"]} == {"sponsor", "responsible"}
    assert document["goal_needs"] == [
        {"goal": "Run logistics", "description": "Her backing", "kind": "decision",
         "holder_id": everything["ana"], "id": document["goal_needs"][0]["id"]},
    ]  # fmt: skip
    assert document["stances"][0]["campaign"] == "Budget"
    assert document["stances"][0]["issue"] == "Size"


def test_a_merge_moves_every_kind_to_the_kept_person(
    store: SqlUnitOfWorkFactory, everything: Ids
) -> None:
    ana, bo = everything["ana"], everything["bo"]
    report = merge_people(store(actor=OWNER), f"#{bo}", f"#{ana}")
    labels = {kind.counted_as for kind in all_kinds() if kind.person_pointers}
    assert set(report.moved.counts) >= labels
    assert report.deleted.total == 0
    after = _records(store)
    assert _pointing_at(after, ana) == set()
    assert _pointing_at(after, bo) == _every_person_field()
    assert after["campaigns"][0].decider_ids == [bo]


def test_an_erasure_leaves_no_record_pointing_at_the_person(
    store: SqlUnitOfWorkFactory, everything: Ids
) -> None:
    ana = everything["ana"]
    before = _records(store)
    report = erase_person(store(actor=OWNER), f"#{ana}")
    labels = {kind.counted_as for kind in all_kinds() if kind.person_pointers}
    assert set(report.removed) >= labels
    after = _records(store)
    assert _pointing_at(after, ana) == set()
    assert not any(key == ana for _, pointer, key in _held(after) if pointer.at_person)
    assert len(after["ties"]) == len(before["ties"]) - 2
    assert len(after["cadences"]) == 1 and after["cadences"][0].tag == "board"
    (meeting,) = after["interactions"]
    assert meeting.participant_ids == [everything["cy"]] and meeting.initiator_id is None
    (alliance,) = after["alliances"]
    assert len(alliance.partners) == 1 and alliance.responsibilities[0].person_id is None
    assert after["goals"][0].needs[0].holder_id is None
    assert after["campaigns"][0].decider_ids == [everything["bo"]]
