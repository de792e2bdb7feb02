"""The team's records carry a version: a membership (a member's role and who they are
here), a relationship's owner, a meeting given to a member and a user (active or not). A
change based on a version someone else's change has overtaken is refused and overwrites
nothing; a change that names no version (the command line) applies to what is stored now.
On SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from allies.errors import StaleRecord
from allies.services.campaigns.editing import create_campaign
from allies.services.ports import UnitOfWorkFactory
from allies.services.team import accounts
from allies.services.team.assignments import (
    assign_meeting,
    give_meeting,
    meeting_assignments,
    meeting_taker,
)
from allies.services.team.members import (
    change_owner,
    join,
    relationship_owner,
    set_owner,
    team_members,
)
from allies.services.team.users import find_user
from tests.integration.services.team.conftest import WORKSPACE


def _version_of(team: UnitOfWorkFactory, username: str) -> int:
    return next(m.version for m in team_members(team()) if m.username == username)


def _names(team: UnitOfWorkFactory) -> set[str]:
    with team() as uow:
        return {p.name for p in uow.people.list()}


def test_a_stale_owner_is_refused_and_nobody_keeps_the_count(team: UnitOfWorkFactory) -> None:
    never = relationship_owner(team(), "Dee Moss")
    assert (never.owner, never.version) == (None, 0)
    first = change_owner(team(), "Dee Moss", "bo", expected_version=0)
    assert (first.owner, first.version) == ("bo", 1)
    # Someone who read "never given" too is refused: Bo got there first.
    with pytest.raises(StaleRecord, match="changed by someone else"):
        change_owner(team(), "Dee Moss", "cy", expected_version=0)
    given_back = change_owner(team(), "Dee Moss", None, expected_version=1)
    assert (given_back.owner, given_back.version) == (None, 2)
    again = change_owner(team(), "Dee Moss", "ann", expected_version=2)
    assert again.version == 3
    # A form filled in when Bo owned it (version 1) stays stale although the row went
    # through "nobody" in between: the version kept counting.
    with pytest.raises(StaleRecord):
        change_owner(team(), "Dee Moss", "cy", expected_version=1)
    now = relationship_owner(team(), "Dee Moss")
    assert (now.owner, now.version) == ("ann", 3)
    # The command line acts on the current version.
    assert set_owner(team(), "Dee Moss", "cy") == ("Dee Moss", "cy")
    assert relationship_owner(team(), "Dee Moss").version == 4
    members = {m.username: m.owns for m in team_members(team())}
    assert members == {"ann": 0, "bo": 0, "cy": 1}


def test_a_stale_meeting_assignment_is_refused(team: UnitOfWorkFactory) -> None:
    campaign = create_campaign(team(), "Budget", issues=["Size"], deciders=["Dee Moss"])
    ref = f"#{campaign.id}"
    assert meeting_taker(team(), ref, "Dee Moss").version == 0
    given = give_meeting(team(), ref, "Dee Moss", "bo", expected_version=0)
    assert (given.username, given.version) == ("bo", 1)
    with pytest.raises(StaleRecord):
        give_meeting(team(), ref, "Dee Moss", "cy", expected_version=0)
    assert give_meeting(team(), ref, "Dee Moss", None, expected_version=1).version == 2
    assert meeting_assignments(team(), ref) == []
    with pytest.raises(StaleRecord):
        give_meeting(team(), ref, "Dee Moss", "cy", expected_version=1)
    assert meeting_taker(team(), ref, "Dee Moss").username is None
    taken = assign_meeting(team(), ref, "Dee Moss", "cy")  # the command line
    assert taken is not None and (taken.username, taken.version) == ("cy", 3)
    assert [(a.username, a.version) for a in meeting_assignments(team(), ref)] == [("cy", 3)]


def test_a_stale_membership_is_refused(team: UnitOfWorkFactory) -> None:
    read = _version_of(team, "cy")
    joined = join(team, WORKSPACE, "cy", person="Eve Ng", expected_version=read)
    assert joined.person == "Eve Ng" and joined.version == read + 1
    people_before = _names(team)
    with pytest.raises(StaleRecord, match="changed by someone else"):
        join(team, WORKSPACE, "cy", new="Cyrus Park", expected_version=read)
    # Nothing overwritten, and no new person added for the refused change.
    assert _names(team) == people_before
    cy = next(m for m in team_members(team()) if m.username == "cy")
    assert (cy.person, cy.version) == ("Eve Ng", read + 1)
    accounts.grant(team, WORKSPACE, "cy", "viewer", expected_version=read + 1)
    with pytest.raises(StaleRecord):
        accounts.grant(team, WORKSPACE, "cy", "owner", expected_version=read + 1)
    cy = next(m for m in team_members(team()) if m.username == "cy")
    assert (cy.role, cy.version) == ("viewer", read + 2)
    accounts.grant(team, WORKSPACE, "cy", "editor")  # the command line: the current one
    assert _version_of(team, "cy") == read + 3


def test_a_stale_user_change_is_refused(team: UnitOfWorkFactory) -> None:
    with team.accounts() as uow:
        read = find_user(uow, "bo").version
    disabled = accounts.disable_user(team, "bo", expected_version=read)
    assert not disabled.active and disabled.version == read + 1
    with pytest.raises(StaleRecord, match="User bo"):
        accounts.enable_user(team, "bo", expected_version=read)
    with team.accounts() as uow:
        assert not find_user(uow, "bo").active
    enabled = accounts.enable_user(team, "bo")  # the command line
    assert enabled.active and enabled.version == read + 2
