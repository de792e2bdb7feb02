"""Alliances: create, fill in, move along, and their health, on a real store."""

from __future__ import annotations

import pytest

from allies.domain import AllianceStatus, ConflictStatus
from allies.errors import AmbiguousName, Conflict, InvalidInput, NotFound
from allies.services.alliances import manage as al
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWorkFactory
from tests.integration.services.keep.keep_helpers import TODAY, ago, meet


@pytest.fixture
def pilot(network: UnitOfWorkFactory) -> UnitOfWorkFactory:
    add_person(network(), "Eve Stone", organisation="Portbridge")
    al.create_alliance(
        network(),
        "Last-mile pilot",
        purpose="Fewer failed deliveries",
        people=["Ann Lee"],
        organisations=["Portbridge"],
        goals=["Cut failed deliveries by 15%"],
        ideal_days=20,
        started_on=ago(100),
    )
    return network


def test_create_and_show_an_alliance(pilot: UnitOfWorkFactory) -> None:
    view = al.show_alliance(pilot(), "pilot", today=TODAY)
    alliance = view.alliance
    assert alliance.status is AllianceStatus.FORMING
    assert (alliance.checkin_ideal_days, alliance.checkin_max_days) == (20, 40)
    assert view.partners == [("Ann Lee", ""), ("Portbridge", "")]
    assert alliance.common_goals == ["Cut failed deliveries by 15%"]
    assert [p.name for p in view.health.parts] == [
        "agreement",
        "checkins",
        "delivery",
        "conflicts",
        "partners",
    ]
    with pytest.raises(Conflict):
        al.create_alliance(pilot(), "last-mile PILOT")


def test_alliances_are_found_by_id_or_name(pilot: UnitOfWorkFactory) -> None:
    al.create_alliance(pilot(), "Last-mile second region")
    with pytest.raises(AmbiguousName):
        al.show_alliance(pilot(), "last-mile")
    assert al.show_alliance(pilot(), "#1").alliance.name == "Last-mile pilot"
    with pytest.raises(NotFound, match="No alliance called"):
        al.show_alliance(pilot(), "Moon base")


def test_partners_goals_agreement_and_cadence(pilot: UnitOfWorkFactory) -> None:
    al.add_partner(pilot(), "pilot", person="Bo Chen", role="data owner")
    with pytest.raises(Conflict):
        al.add_partner(pilot(), "pilot", person="Bo Chen")
    with pytest.raises(InvalidInput):
        al.add_partner(pilot(), "pilot")
    al.add_goal(pilot(), "pilot", "A case for a second region")
    al.set_agreement(pilot(), "pilot", agreed="Share daily outcomes", written="Memo")
    changed = al.set_agreement(pilot(), "pilot", checked="Monthly review")
    assert changed.agreement.agreed == "Share daily outcomes"
    assert changed.agreement.completeness == 0.75
    assert len(changed.common_goals) == 2 and changed.partners[-1].role == "data owner"
    assert al.set_checkin(pilot(), "pilot", 7, None).checkin_max_days == 14
    with pytest.raises(InvalidInput):
        al.set_checkin(pilot(), "pilot", 10, 5)


def test_status_moves_along_forming_active_dormant_ended(pilot: UnitOfWorkFactory) -> None:
    assert al.move_status(pilot(), "pilot", "active").status is AllianceStatus.ACTIVE
    assert al.move_status(pilot(), "pilot", "dormant").status is AllianceStatus.DORMANT
    with pytest.raises(InvalidInput):
        al.move_status(pilot(), "pilot", "asleep")
    al.move_status(pilot(), "pilot", "ended")
    with pytest.raises(Conflict):
        al.move_status(pilot(), "pilot", "active")
    rows = al.list_alliances(pilot(), today=TODAY)
    assert [(r.name, r.status) for r in rows] == [("Last-mile pilot", "ended")]


def test_duties_milestones_and_conflicts(pilot: UnitOfWorkFactory) -> None:
    duty = al.add_duty(pilot(), "pilot", "Nightly export", who="Ann Lee", due=ago(10))
    duty_id = duty.responsibilities[0].id or 0
    done = al.duty_done(pilot(), "pilot", duty_id, on=ago(12))
    assert done.responsibilities[0].done_on == ago(12)
    with pytest.raises(NotFound, match="no duty #999"):
        al.duty_done(pilot(), "pilot", 999)
    stone = al.add_milestone(pilot(), "pilot", "Memo signed", due=ago(5)).milestones[0]
    reached = al.mark_milestone(pilot(), "pilot", stone.id or 0, "reached", on=ago(3))
    assert reached.milestones[0].reached_on == ago(3)
    party = al.mark_milestone(pilot(), "pilot", stone.id or 0, "celebrated", on=ago(1))
    assert party.milestones[0].celebrated_on == ago(1)
    fight = al.open_conflict(pilot(), "pilot", "Who owns the data", notes="legal", on=ago(9))
    conflict_id = fight.conflicts[0].id or 0
    al.move_conflict(pilot(), "pilot", conflict_id, "discussed", note="met", on=ago(4))
    ended = al.move_conflict(pilot(), "pilot", conflict_id, "resolved", note="shared", on=ago(2))
    conflict = ended.conflicts[0]
    assert conflict.status is ConflictStatus.RESOLVED and conflict.resolved_on == ago(2)
    assert conflict.notes.splitlines() == [
        f"{ago(9).isoformat()} opened: legal",
        f"{ago(4).isoformat()} discussed: met",
        f"{ago(2).isoformat()} resolved: shared",
    ]
    with pytest.raises(Conflict):
        al.move_conflict(pilot(), "pilot", conflict_id, "discussed")


def test_health_rises_with_agreement_and_contact_and_falls_with_conflict(
    pilot: UnitOfWorkFactory,
) -> None:
    bare = al.show_alliance(pilot(), "pilot", today=TODAY).health.score
    al.set_agreement(pilot(), "pilot", agreed="a", written="b", checked="c", divided="d")
    meet(pilot, "Eve Stone", 3)  # a partner organisation's person counts as contact
    better = al.show_alliance(pilot(), "pilot", today=TODAY)
    assert better.health.score > bare
    assert better.last_contact == ago(3)
    al.open_conflict(pilot(), "pilot", "Credit for results", on=ago(1))
    worse = al.show_alliance(pilot(), "pilot", today=TODAY).health
    assert worse.score < better.health.score
    al.add_duty(pilot(), "pilot", "Overdue work", due=ago(30))
    row = al.list_alliances(pilot(), today=TODAY)[0]
    assert row.health < round(worse.score) and row.open_conflicts == 1
