"""The team's view: who on the team has the best path to someone, a campaign's coverage
with its gaps, campaign meetings given to members and the owner's team agenda; on SQLite
and on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from allies.errors import Forbidden
from allies.services.agenda.today import agenda
from allies.services.campaigns.editing import create_campaign, set_stance
from allies.services.keep import log as routine
from allies.services.ports import UnitOfWorkFactory
from allies.services.team.assignments import assign_meeting, meeting_assignments, team_agenda
from allies.services.team.coverage import campaign_coverage
from allies.services.team.members import member_actor, set_owner
from allies.services.team.paths import team_paths
from tests.integration.services.team.conftest import TODAY, WORKSPACE


def test_the_team_path_ranks_members_best_first(team: UnitOfWorkFactory) -> None:
    found = team_paths(team, WORKSPACE, "Dee Moss")
    ranked = [(m.position, m.username, m.path.people if m.path else None) for m in found.members]
    # Ann: 0.9 × 0.9 halved twice = 0.2025; Bo: one hop of 0.5 halved = 0.25; Cy: no tie.
    assert ranked == [
        (1, "bo", ["Bo Chen", "Dee Moss"]),
        (2, "ann", ["Ann Lee", "Gus Hall", "Dee Moss"]),
        (3, "cy", None),
    ]
    assert found.best is not None and found.best.username == "bo"
    assert found.members[0].strength == pytest.approx(0.25)
    assert found.members[1].strength == pytest.approx(0.45 * 0.45)
    assert found.members[2].note == "no chain of current ties joins them"


def test_warmth_moves_a_member_up_the_team_path(team: UnitOfWorkFactory) -> None:
    ann = member_actor(team, WORKSPACE, "ann")
    for days in (3, 10, 20, 30, 45):
        routine.log_interaction(team(WORKSPACE, ann), ["Gus Hall"], tone=2,
                                on=TODAY - timedelta(days=days))  # fmt: skip
    routine.record_favour(team(WORKSPACE, ann), "Gus Hall", "given", "help", size="large")
    found = team_paths(team, WORKSPACE, "Dee Moss")
    assert [m.username for m in found.members] == ["ann", "bo", "cy"]


def test_coverage_lists_owners_warmth_and_gaps(team: UnitOfWorkFactory) -> None:
    create_campaign(team(), "Budget", issues=["funding"], deciders=["Dee Moss"])
    set_stance(team(), "Budget", "Eve Ng", "funding", 30)
    set_stance(team(), "Budget", "Gus Hall", "funding", 70)
    set_owner(team(), "Gus Hall", "ann")
    ann = member_actor(team, WORKSPACE, "ann")
    for days in (2, 9, 16, 23, 30, 37):
        routine.log_interaction(team(WORKSPACE, ann), ["Gus Hall"], tone=2,
                                on=TODAY - timedelta(days=days))  # fmt: skip
    found = campaign_coverage(team, WORKSPACE, "Budget")
    rows = {r.person: (r.role, r.owner, r.gap) for r in found.rows}
    assert rows["Dee Moss"] == ("decider", None, "nobody on the team owns this relationship")
    assert rows["Eve Ng"] == ("stakeholder", None, "nobody on the team owns this relationship")
    assert rows["Gus Hall"][:2] == ("stakeholder", "ann")
    gus = next(r for r in found.rows if r.person == "Gus Hall")
    assert gus.warmth is not None and gus.warmth > 0.6 and gus.warmth_word == "warm"
    assert gus.best == "ann" and gus.gap == ""
    assert [r.person for r in found.gaps] == ["Dee Moss", "Eve Ng"]
    assert found.rows[0].person == "Dee Moss"  # gaps first, deciders first
    set_owner(team(), "Dee Moss", "cy")
    again = {r.person: r.gap for r in campaign_coverage(team, WORKSPACE, "Budget").rows}
    assert again["Dee Moss"] == "cy has no recent record with Dee Moss"


def test_a_meeting_given_to_a_member_shows_on_their_today_only(
    team: UnitOfWorkFactory,
) -> None:
    create_campaign(team(), "Budget", issues=["funding"], deciders=["Dee Moss"],
                    decision_on=TODAY + timedelta(days=30))  # fmt: skip
    for name, position in (("Dee Moss", 20), ("Gus Hall", 80), ("Ann Lee", 100)):
        set_stance(team(), "Budget", name, "funding", position, salience=0.8)

    def meetings(user: str) -> dict[int | None, str]:
        actor = member_actor(team, WORKSPACE, user)
        plan = agenda(team(WORKSPACE, actor), today=TODAY, days=14)
        return {i.person_id: i.why for i in plan.items if i.section == "campaign"}

    before = meetings("cy")
    assert before, "the campaign plans meetings"
    person_id = next(pid for pid in before if pid is not None)
    with team() as uow:
        name = uow.people.get(person_id).name
    done = assign_meeting(team(), "Budget", name, "bo")
    assert done is not None and done.username == "bo"
    assert [(a.person, a.username) for a in meeting_assignments(team(), "Budget")] == [(name, "bo")]
    assert meetings("bo")[person_id].endswith("(assigned to you)")
    assert person_id not in meetings("cy")
    assert person_id not in meetings("ann")
    with team() as uow:  # the command line without a member sees the whole plan
        assert uow.actor is None
    assert assign_meeting(team(), "Budget", name, None) is None
    assert person_id in meetings("cy")


def test_the_team_agenda_is_for_owners(team: UnitOfWorkFactory) -> None:
    routine.make_promise(team(WORKSPACE, member_actor(team, WORKSPACE, "bo")), "call back",
                         to="Dee Moss", due=TODAY, made_on=TODAY)  # fmt: skip
    found = team_agenda(team, WORKSPACE, actor=member_actor(team, WORKSPACE, "ann"), today=TODAY)
    by_member = {m.username: [i.what for i in m.agenda.items] for m in found}
    assert set(by_member) == {"ann", "bo", "cy"}
    assert any("call back" in what for what in by_member["bo"])
    assert not any("call back" in what for what in by_member["ann"] + by_member["cy"])
    with pytest.raises(Forbidden):
        team_agenda(team, WORKSPACE, actor=member_actor(team, WORKSPACE, "bo"), today=TODAY)
