"""Every member of a workspace is a person of its network: who they are there, and who on
the team owns the relationship with whom.

A member says who they are when they join (:func:`join`): a person already in the network,
or a new one. From then on "me" is that person whenever they use the workspace: their
Today, the health of their relationships, their promises and favours, their warm paths,
their power base and goals (:mod:`allies.store.repositories.perspective` reads the
workspace that way). A workspace from before the team keeps working: its "me" is its
owner's person.

Each person can have a *relationship owner* on the team (:func:`set_owner`): the member
who keeps that relationship warm, which the campaign coverage shows.

A membership and an owner carry a version, one more with every change: a change that
names the version it was based on (``expected_version``; the API's ``If-Match``, a form's
hidden version) is refused with :class:`allies.errors.StaleRecord` when someone else
changed it meanwhile, and nothing is overwritten. Without one, the change applies to
what is stored now (the command line).
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.domain import Person
from allies.domain.accounts import Actor, TeamMember
from allies.domain.records import AuditAction
from allies.errors import Conflict, Forbidden, NotFound, StaleRecord
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from allies.services.team.account_trail import record_change
from allies.services.team.memberships import find_workspace
from allies.services.team.users import find_user

__all__ = [
    "MemberView",
    "OwnerView",
    "change_owner",
    "find_member",
    "join",
    "member_actor",
    "relationship_owner",
    "require_writer",
    "set_owner",
    "team_members",
]


@dataclass(frozen=True)
class MemberView:
    """A member of the workspace, the person who is them, and what they own.

    Attributes
    ----------
    username, display_name, role : str
        The user and their role in the workspace.
    person_id, person : int or None, str
        The person who is them in the network (``None`` and ``""`` until they say).
    owns : int
        How many relationships of the network they own.
    version : int
        The version of the membership (one more with every change of role or person).
    """

    username: str
    display_name: str
    role: str
    person_id: int | None
    person: str
    owns: int
    version: int = 1


@dataclass(frozen=True)
class OwnerView:
    """Who owns the team's relationship with a person.

    Attributes
    ----------
    person_id, person : int, str
        The person.
    owner : str or None
        The member's username (``None``: nobody).
    version : int
        One more with every change of owner (0: never given one).
    """

    person_id: int
    person: str
    owner: str | None
    version: int


def require_writer(actor: Actor | None) -> None:
    """Raise Forbidden when ``actor`` may only read the workspace (a viewer).

    Raises
    ------
    allies.errors.Forbidden
        For a viewer (``None``, the local user, may write).
    """
    if actor is not None and not actor.can_write:
        raise Forbidden(
            f"{actor.username} is a viewer of this workspace and cannot change it.",
            hint="Ask an owner of the workspace for the editor role.",
        )


def team_members(uow: UnitOfWork) -> list[MemberView]:
    """The members of the workspace with their people, by username (read in ``uow``)."""
    with uow:
        members = uow.team.members()
        names = uow.people.names([m.person_id for m in members if m.person_id is not None])
        owned = list(uow.team.owners().values())
        return [
            MemberView(
                username=m.username,
                display_name=m.display_name,
                role=m.role.value,
                person_id=m.person_id,
                person=names.get(m.person_id or 0, ""),
                owns=owned.count(m.user_id),
                version=m.version,
            )
            for m in members
        ]


def _stale_membership(member: TeamMember, expected: int) -> StaleRecord:
    return StaleRecord(
        f"Who {member.username} is here was changed by someone else meanwhile (the "
        f"membership is now at version {member.version}, not {expected}).",
        hint="Look at it again and make your change on what it holds now.",
        kind="membership",
        record_id=member.user_id,
    )


def find_member(uow: UnitOfWork, username: str) -> TeamMember:
    """The member ``username`` of the workspace of ``uow`` (entered).

    Raises
    ------
    allies.errors.NotFound
        When no member has that username (the message lists the members).
    """
    wanted = username.strip().lower()
    members = uow.team.members()
    for member in members:
        if member.username == wanted:
            return member
    known = ", ".join(m.username for m in members) or "nobody yet"
    raise NotFound(
        f"{username!r} is not a member of workspace {uow.workspace!r} (members: {known}).",
        hint="Check the username, or give them a role in the workspace first.",
        kind="member",
    )


def member_actor(factory: UnitOfWorkFactory, workspace: str | None, username: str) -> Actor:
    """The actor who reads ``workspace`` as member ``username`` sees it (their "me").

    Raises
    ------
    allies.errors.NotFound
        When the user is not a member of the workspace.
    """
    with factory(workspace) as uow:
        return find_member(uow, username).actor


def _chosen(uow: UnitOfWork, member: TeamMember, person: str | None, new: str | None) -> Person:
    """The person who is ``member``: ``person`` (a reference), a new one called ``new``, or,
    when neither is given, the workspace's own "me" for an owner while no member is it,
    else a new person named after the user."""
    if person:
        return resolve_person(uow, person)
    if new is None:
        taken = {m.person_id for m in uow.team.members() if m.person_id is not None}
        home = uow.people.me()
        if member.role.is_owner and home is not None and home.id not in taken:
            return home
        new = member.display_name
    return uow.people.add(Person(name=new.strip() or member.username))


def join(
    factory: UnitOfWorkFactory,
    workspace: str,
    username: str,
    *,
    person: str | None = None,
    new: str | None = None,
    actor: Actor | None = None,
    expected_version: int | None = None,
) -> MemberView:
    """Say who member ``username`` is in the workspace's network.

    Parameters
    ----------
    factory : UnitOfWorkFactory
        Opens the workspace and the accounts.
    workspace, username : str
        The workspace and the member (who must have a role in it).
    person : str, optional
        A person of the network who is them (name, e-mail or ``#id``).
    new : str, optional
        The name of a new person who is them. With neither, an owner becomes the
        workspace's own "me" when no member is it yet, anyone else a new person named
        after the user.
    actor : Actor, optional
        Who makes the change (``None``: the command line); a member may say who they are
        themselves, an owner may say it for anyone.
    expected_version : int, optional
        The version of the membership the change is based on (``None``: the current one).

    Returns
    -------
    MemberView

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the user is not a member, or the person cannot be found.
    allies.errors.Conflict
        When that person is already another member.
    allies.errors.Forbidden
        When a member who is not an owner names someone else than themselves.
    allies.errors.StaleRecord
        When ``expected_version`` is no longer the membership's version.
    """
    if person and new:
        raise Conflict(
            "Name a person of the network or a new person, not both.",
            hint="Keep one of the two.",
        )
    with factory.accounts() as accounts:
        stored = find_workspace(accounts, workspace)
        user = find_user(accounts, username)
    require_writer(actor)
    if actor is not None and actor.user_id != user.id and not actor.role.is_owner:
        raise Forbidden(
            "Only an owner of the workspace can say who another member is.",
            hint="Ask the member to do it, or an owner of the workspace.",
        )
    with factory(stored, actor) as uow:
        member = find_member(uow, user.username)
        if expected_version is not None and expected_version != member.version:
            raise _stale_membership(member, expected_version)  # before adding anyone
        chosen = _chosen(uow, member, person, new)
        other = next(
            (m for m in uow.team.members() if m.person_id == chosen.id and m.user_id != user.id),
            None,
        )
        if other is not None:
            raise Conflict(
                f"{chosen.name} is already {other.username} on the team.",
                hint="Pick the person who is this member, or add a new one.",
            )
        uow.commit()
    with factory.accounts() as accounts:
        version = accounts.memberships.link(
            user.id or 0, stored, chosen.id, expected_version=expected_version
        )
        record_change(
            accounts,
            "membership",
            user.id or 0,
            AuditAction.UPDATE,
            {"user": user.username, "person_id": member.person_id},
            {"user": user.username, "person_id": chosen.id},
            actor=actor,
            workspace=stored,
            in_workspace=True,
        )
        accounts.commit()
    return MemberView(
        username=user.username,
        display_name=user.display_name,
        role=member.role.value,
        person_id=chosen.id,
        person=chosen.name,
        owns=0,
        version=version,
    )


def relationship_owner(uow: UnitOfWork, person: str) -> OwnerView:
    """Who owns the team's relationship with ``person``, and its version.

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the person cannot be found.
    """
    with uow:
        someone = resolve_person(uow, person)
        owner_id = uow.team.owners().get(someone.id or 0)
        names = {m.user_id: m.username for m in uow.team.members()}
        version = uow.team.owner_versions().get(someone.id or 0, 0)
    owner = names.get(owner_id) if owner_id is not None else None
    return OwnerView(someone.id or 0, someone.name, owner, version)


def change_owner(
    uow: UnitOfWork, person: str, username: str | None, *, expected_version: int | None = None
) -> OwnerView:
    """Make member ``username`` the owner of the team's relationship with ``person``
    (``None``: nobody); ``expected_version`` is the version the change is based on
    (``None``: the current one, 0: never given an owner).

    Raises
    ------
    allies.errors.NotFound
        When the person or the member cannot be found.
    allies.errors.Forbidden
        When the actor of ``uow`` may not change the workspace (a viewer).
    allies.errors.StaleRecord
        When someone else changed the owner since ``expected_version``; nothing changes.
    """
    require_writer(uow.actor)
    with uow:
        someone = resolve_person(uow, person)
        member = find_member(uow, username) if username else None
        before = uow.team.owners().get(someone.id or 0)
        version = uow.team.set_owner(
            someone.id or 0, member.user_id if member else None, expected_version=expected_version
        )
        uow.audit.record(
            "relationship_owner",
            someone.id or 0,
            AuditAction.UPDATE,
            {"user_id": before},
            {"user_id": member.user_id if member else None},
        )
        uow.commit()
        return OwnerView(
            someone.id or 0, someone.name, member.username if member else None, version
        )


def set_owner(uow: UnitOfWork, person: str, username: str | None) -> tuple[str, str | None]:
    """Make member ``username`` the owner of the team's relationship with ``person``
    (``None``: nobody), whatever its version; returns the person's name and the owner.

    Raises
    ------
    allies.errors.NotFound
        When the person or the member cannot be found.
    allies.errors.Forbidden
        When the actor of ``uow`` may not change the workspace (a viewer).
    """
    changed = change_owner(uow, person, username)
    return changed.person, changed.owner
