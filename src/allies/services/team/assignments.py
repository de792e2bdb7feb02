"""Who on the team takes which meeting of a campaign's plan, and the team's agenda.

A campaign's meeting plan (:mod:`allies.services.campaigns.meetings`) is the team's: a
meeting with someone can be given to a member (:func:`assign_meeting`), and it then shows
on that member's Today only (:mod:`allies.services.agenda.campaign_meetings`). The owner
of the workspace sees every member's agenda side by side (:func:`team_agenda`), each
computed from that member's own perspective.

Each meeting given carries a version, one more with every change (0: never given): a change
that names the version it was based on is refused with :class:`allies.errors.StaleRecord`
when someone else changed it meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allies.domain.accounts import Actor
from allies.domain.records import AuditAction
from allies.services.agenda.today import Agenda, agenda
from allies.services.campaigns.read import pick_campaign
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from allies.services.team.identities import require_owner
from allies.services.team.members import find_member, require_writer

__all__ = [
    "Assignment",
    "MeetingTaker",
    "MemberAgenda",
    "assign_meeting",
    "give_meeting",
    "meeting_assignments",
    "meeting_taker",
    "team_agenda",
]


@dataclass(frozen=True)
class Assignment:
    """A campaign's meeting with someone, given to a member."""

    campaign_id: int
    campaign: str
    person_id: int
    person: str
    username: str
    version: int = 1


@dataclass(frozen=True)
class MeetingTaker:
    """Who takes a campaign's meeting with someone (``username`` ``None``: anyone), and
    the version of that choice (0: never given)."""

    campaign_id: int
    campaign: str
    person_id: int
    person: str
    username: str | None
    version: int


@dataclass(frozen=True)
class MemberAgenda:
    """One member's agenda, as they see it on their own Today."""

    username: str
    display_name: str
    person: str
    agenda: Agenda


def give_meeting(
    uow: UnitOfWork,
    campaign: str,
    person: str,
    username: str | None,
    *,
    expected_version: int | None = None,
) -> MeetingTaker:
    """Give the campaign's meeting with ``person`` to member ``username`` (``None``: take it
    back, so it shows on everyone's agenda again); ``expected_version`` is the version the
    change is based on (``None``: the current one, 0: never given).

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the campaign, the person or the member cannot be found.
    allies.errors.Forbidden
        When the actor may not change the workspace (a viewer).
    allies.errors.StaleRecord
        When someone else changed who takes it since ``expected_version``; nothing changes.
    """
    require_writer(uow.actor)
    with uow:
        chosen = pick_campaign(uow.campaigns.list(), campaign)
        someone = resolve_person(uow, person)
        member = find_member(uow, username) if username else None
        key = (chosen.id or 0, someone.id or 0)
        before = uow.team.assignments(chosen.id).get(key)
        version = uow.team.assign(
            *key, member.user_id if member else None, expected_version=expected_version
        )
        uow.audit.record(
            "meeting_assignment",
            someone.id or 0,
            AuditAction.UPDATE,
            {"campaign_id": chosen.id, "user_id": before},
            {"campaign_id": chosen.id, "user_id": member.user_id if member else None},
        )
        uow.commit()
    return MeetingTaker(
        chosen.id or 0,
        chosen.name,
        someone.id or 0,
        someone.name,
        member.username if member else None,
        version,
    )


def assign_meeting(
    uow: UnitOfWork, campaign: str, person: str, username: str | None
) -> Assignment | None:
    """Give the campaign's meeting with ``person`` to member ``username`` (``None``: take it
    back), whatever its version; returns the assignment (``None`` for nobody).

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the campaign, the person or the member cannot be found.
    allies.errors.Forbidden
        When the actor may not change the workspace (a viewer).
    """
    given = give_meeting(uow, campaign, person, username)
    if given.username is None:
        return None
    return Assignment(
        given.campaign_id, given.campaign, given.person_id, given.person, given.username,
        given.version,
    )  # fmt: skip


def meeting_taker(uow: UnitOfWork, campaign: str, person: str) -> MeetingTaker:
    """Who takes the campaign's meeting with ``person``, and the version of that choice.

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the campaign or the person cannot be found.
    """
    with uow:
        chosen = pick_campaign(uow.campaigns.list(), campaign)
        someone = resolve_person(uow, person)
        taker = uow.team.assignments(chosen.id).get((chosen.id or 0, someone.id or 0))
        users = {m.user_id: m.username for m in uow.team.members()}
        version = uow.team.assignment_versions(chosen.id or 0).get(someone.id or 0, 0)
    return MeetingTaker(
        chosen.id or 0,
        chosen.name,
        someone.id or 0,
        someone.name,
        users.get(taker) if taker is not None else None,
        version,
    )


def meeting_assignments(uow: UnitOfWork, campaign: str | None = None) -> list[Assignment]:
    """The meetings given to members (of one campaign when named), by campaign and person."""
    with uow:
        campaigns = uow.campaigns.list()
        chosen = pick_campaign(campaigns, campaign) if campaign else None
        found = uow.team.assignments(chosen.id if chosen else None)
        names = uow.people.names(pid for _, pid in found)
        users = {m.user_id: m.username for m in uow.team.members()}
        versions = {
            (cid, pid): version
            for cid in {cid for cid, _ in found}
            for pid, version in uow.team.assignment_versions(cid).items()
        }
    titles = {c.id: c.name for c in campaigns}
    return [
        Assignment(
            cid,
            titles.get(cid, f"#{cid}"),
            pid,
            names.get(pid, f"#{pid}"),
            users.get(uid, f"#{uid}"),
            versions.get((cid, pid), 1),
        )
        for (cid, pid), uid in sorted(found.items())
    ]


def team_agenda(
    factory: UnitOfWorkFactory,
    workspace: str | None,
    *,
    actor: Actor | None = None,
    today: date | None = None,
    days: int = 1,
) -> list[MemberAgenda]:
    """Every member's agenda for the day (or the week), each from their own perspective:
    the owner's view of what the team has on.

    Raises
    ------
    allies.errors.Forbidden
        When ``actor`` is not an owner of the workspace.
    """
    require_owner(actor, "see the whole team's agenda")
    with factory(workspace, actor) as uow:
        members = uow.team.members()
        names = uow.people.names(m.person_id for m in members if m.person_id is not None)
    return [
        MemberAgenda(
            m.username,
            m.display_name,
            names.get(m.person_id or 0, ""),
            agenda(factory(workspace, m.actor), today=today, days=days),
        )
        for m in members
        if m.person_id is not None
    ]
