"""A merge keeps what the team holds about both people: the relationship owner (the kept
person's own when set, else the merged one's), the campaign meetings given to members and
the survey invitations; on SQLite and on PostgreSQL."""

from __future__ import annotations

from allies.services.campaigns.editing import create_campaign
from allies.services.network.people import add_person
from allies.services.network.removal import merge_people
from allies.services.ports import UnitOfWorkFactory
from allies.services.surveys.manage import create_survey, survey_status
from allies.services.team.assignments import assign_meeting, meeting_assignments
from allies.services.team.members import set_owner


def _owners(team: UnitOfWorkFactory) -> dict[int, str]:
    """The owner (username) of each person's relationship, by person id."""
    with team() as uow:
        users = {m.user_id: m.username for m in uow.team.members()}
        return {person: users[user] for person, user in uow.team.owners().items()}


def _person_id(team: UnitOfWorkFactory, name: str) -> int:
    with team() as uow:
        return next(p.id or 0 for p in uow.people.list() if p.name == name)


def test_a_merge_keeps_the_merged_persons_owner_when_the_kept_one_has_none(
    team: UnitOfWorkFactory,
) -> None:
    add_person(team(), "Dee M.")
    set_owner(team(), "Dee M.", "cy")
    merge_people(team(), "Dee Moss", "Dee M.")
    assert _owners(team)[_person_id(team, "Dee Moss")] == "cy"


def test_a_merge_keeps_the_kept_persons_own_owner(team: UnitOfWorkFactory) -> None:
    add_person(team(), "Dee M.")
    set_owner(team(), "Dee Moss", "bo")
    set_owner(team(), "Dee M.", "cy")
    merge_people(team(), "Dee Moss", "Dee M.")
    owners = _owners(team)
    assert owners[_person_id(team, "Dee Moss")] == "bo"
    assert "cy" not in owners.values()


def test_a_merge_moves_the_meetings_given_to_members(team: UnitOfWorkFactory) -> None:
    add_person(team(), "Dee M.")
    create_campaign(team(), "Budget", issues=["funding"], deciders=["Dee M.", "Gus Hall"])
    create_campaign(team(), "Depot", issues=["site"], deciders=["Dee M.", "Dee Moss"])
    assign_meeting(team(), "Budget", "Dee M.", "cy")
    assign_meeting(team(), "Depot", "Dee M.", "cy")
    assign_meeting(team(), "Depot", "Dee Moss", "bo")
    merge_people(team(), "Dee Moss", "Dee M.")
    given = {(a.campaign, a.person): a.username for a in meeting_assignments(team())}
    assert given == {("Budget", "Dee Moss"): "cy", ("Depot", "Dee Moss"): "bo"}


def test_a_merge_moves_survey_invitations(team: UnitOfWorkFactory) -> None:
    add_person(team(), "Dee M.")
    status, _ = create_survey(team(), "Who advises whom", ["Dee M.", "Gus Hall", "Eve Ng"])
    merge_people(team(), "Dee Moss", "Dee M.")
    after = survey_status(team(), status.id)
    assert sorted(i.person for i in after.invites) == ["Dee Moss", "Eve Ng", "Gus Hall"]
