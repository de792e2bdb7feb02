"""Every member is a person: each reads the workspace from their own perspective (their
"me", their favours, their interactions, their paths), and what they add carries them as
its author; on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from allies.errors import Conflict, Forbidden, NotFound
from allies.services.agenda.today import agenda
from allies.services.influence.paths import warm_path
from allies.services.keep import log as routine
from allies.services.keep.ledger import favour_balances
from allies.services.ports import UnitOfWorkFactory
from allies.services.team.members import join, member_actor, set_owner, team_members
from allies.store import tables as t
from tests.integration.services.team.conftest import TODAY, WORKSPACE


def as_member(team: UnitOfWorkFactory, username: str):  # type: ignore[no-untyped-def]
    """A unit of work reading the workspace as member ``username`` sees it."""
    return team(WORKSPACE, member_actor(team, WORKSPACE, username))


def test_each_member_is_a_person_and_the_owner_keeps_the_workspace_me(
    team: UnitOfWorkFactory,
) -> None:
    rows = {m.username: (m.person, m.role) for m in team_members(team())}
    assert rows == {
        "ann": ("Ann Lee", "owner"),
        "bo": ("Bo Chen", "editor"),
        "cy": ("Cy Park", "editor"),
    }
    for user, name in (("ann", "Ann Lee"), ("bo", "Bo Chen"), ("cy", "Cy Park")):
        with as_member(team, user) as uow:
            me = uow.people.me()
            assert me is not None and me.name == name
            assert [p.name for p in uow.people.list() if p.is_me] == [name]
    with team() as uow:  # the command line, without a member: the workspace's own "me"
        me = uow.people.me()
        assert me is not None and me.name == "Ann Lee"


def test_a_person_is_one_member_only_and_a_new_member_can_be_a_new_person(
    team: UnitOfWorkFactory,
) -> None:
    with pytest.raises(Conflict, match="already bo"):
        join(team, WORKSPACE, "cy", person="Bo Chen")
    joined = join(team, WORKSPACE, "cy", new="Cyrus Park")
    assert joined.person == "Cyrus Park" and joined.person_id is not None
    with pytest.raises(NotFound, match="not a member"):
        from allies.services.team import accounts

        accounts.add_user(team, "zed", "a long password 1")
        join(team, WORKSPACE, "zed", person="Eve Ng")
    bo = member_actor(team, WORKSPACE, "bo")
    with pytest.raises(Forbidden):
        join(team, WORKSPACE, "ann", person="Eve Ng", actor=bo)


def test_two_members_keep_their_own_balances_and_interactions(team: UnitOfWorkFactory) -> None:
    routine.record_favour(as_member(team, "ann"), "Dee Moss", "given", "intro", size="large")
    routine.record_favour(as_member(team, "bo"), "Dee Moss", "received", "a reference")
    routine.log_interaction(as_member(team, "bo"), ["Dee Moss"], on=TODAY, tone=2)
    ann = {b.name: b.balance for b in favour_balances(as_member(team, "ann"))}
    bo = {b.name: b.balance for b in favour_balances(as_member(team, "bo"))}
    cy = {b.name: b.balance for b in favour_balances(as_member(team, "cy"))}
    assert ann == {"Dee Moss": 9}
    assert bo == {"Dee Moss": -1}
    assert cy == {}
    with as_member(team, "ann") as uow:
        assert uow.interactions.list() == []
    with as_member(team, "bo") as uow:
        (meeting,) = uow.interactions.list()
    with team() as uow:  # every record says who wrote it
        c = t.favours.c
        authors = dict(uow.connection.execute(select(c.description, c.author_id)).all())
        users = {m.username: m.user_id for m in uow.team.members()}
        assert authors == {"intro": users["ann"], "a reference": users["bo"]}
        written = uow.connection.scalar(
            select(t.interactions.c.author_id).where(t.interactions.c.id == meeting.id)
        )
        assert written == users["bo"]


def test_two_members_see_different_agendas(team: UnitOfWorkFactory) -> None:
    with team() as uow:
        dee = uow.people.named("Dee Moss")[0]
        dee.tier = "key"  # check in every 30 days at most 60
        uow.people.save(dee)
        uow.commit()
    long_ago = TODAY - timedelta(days=90)
    routine.log_interaction(as_member(team, "ann"), ["Dee Moss"], on=long_ago)
    routine.log_interaction(as_member(team, "bo"), ["Dee Moss"], on=TODAY - timedelta(days=2))
    routine.make_promise(as_member(team, "cy"), "send the figures", to="Dee Moss",
                         due=TODAY, made_on=TODAY)  # fmt: skip

    def lines(user: str) -> set[tuple[str, str]]:
        return {(i.who, i.section) for i in agenda(as_member(team, user), today=TODAY).items}

    ann, bo, cy = lines("ann"), lines("bo"), lines("cy")
    assert ("Dee Moss", "cooling") in ann  # Ann last met Dee 90 days ago
    assert ("Dee Moss", "cooling") not in bo  # Bo met Dee two days ago
    assert any(who == "Dee Moss" and s == "promise" for who, s in cy)
    assert not any(s == "promise" for _, s in ann | bo)


def test_two_members_have_different_paths(team: UnitOfWorkFactory) -> None:
    ann = warm_path(as_member(team, "ann"), "Dee Moss", alternatives=0)
    bo = warm_path(as_member(team, "bo"), "Dee Moss", alternatives=0)
    assert ann.source == "Ann Lee" and ann.paths[0].people == ["Ann Lee", "Gus Hall", "Dee Moss"]
    assert bo.source == "Bo Chen" and bo.paths[0].people == ["Bo Chen", "Dee Moss"]


def test_a_relationship_has_an_owner_on_the_team(team: UnitOfWorkFactory) -> None:
    assert set_owner(team(), "Dee Moss", "bo") == ("Dee Moss", "bo")
    assert {m.username: m.owns for m in team_members(team())} == {"ann": 0, "bo": 1, "cy": 0}
    with pytest.raises(NotFound, match="not a member"):
        set_owner(team(), "Dee Moss", "nobody")
    viewer = member_actor(team, WORKSPACE, "cy")
    from allies.services.team import accounts

    accounts.grant(team, WORKSPACE, "cy", "viewer")
    viewer = member_actor(team, WORKSPACE, "cy")
    with pytest.raises(Forbidden):
        set_owner(team(WORKSPACE, viewer), "Dee Moss", "cy")
    assert set_owner(team(), "Dee Moss", None) == ("Dee Moss", None)
    with team() as uow:
        assert uow.team.owners() == {}


def test_a_line_one_member_handles_stays_on_the_others_agenda(team: UnitOfWorkFactory) -> None:
    from allies.services.agenda.work import dismiss_line

    with team() as uow:
        dee = uow.people.named("Dee Moss")[0]
        dee.tier = "key"
        uow.people.save(dee)
        uow.commit()
    for user in ("bo", "cy"):
        routine.log_interaction(as_member(team, user), ["Dee Moss"], on=TODAY - timedelta(days=90))

    def about_dee(user: str) -> list[str]:
        plan = agenda(as_member(team, user), today=TODAY)
        return [i.key for i in plan.items if i.who == "Dee Moss"]

    (key,) = about_dee("bo")
    assert about_dee("cy") == [key]  # the same line on both agendas
    dismiss_line(as_member(team, "bo"), key, "met at the conference", today=TODAY)
    assert about_dee("bo") == []
    assert about_dee("cy") == [key]
