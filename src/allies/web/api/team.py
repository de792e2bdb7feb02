"""The team's view as JSON: members and their people, relationship owners, who on the team
has the best path to someone, a campaign's coverage, meetings given to members and the
owner's team agenda."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from allies.bootstrap import unit_of_work_factory
from allies.errors import Unauthorized
from allies.services.ports import UnitOfWorkFactory
from allies.services.team.accounts import Actor
from allies.services.team.assignments import (
    Assignment,
    MemberAgenda,
    assign_meeting,
    meeting_assignments,
    team_agenda,
)
from allies.services.team.coverage import CampaignCoverage, campaign_coverage
from allies.services.team.members import (
    MemberView,
    join,
    require_writer,
    set_owner,
    team_members,
)
from allies.services.team.paths import TeamPaths, team_paths
from allies.web.api.common import ref
from allies.web.deps import LensDep, SettingsDep
from allies.web.schemas.common import ERRORS
from allies.web.schemas.team import JoinIn, MemberIn, OwnerOut
from allies.web.team import current_identity

router = APIRouter(prefix="/api/v1", tags=["team"], responses=ERRORS)


@dataclass(frozen=True)
class TeamScope:
    """The workspace a request works in and who it acts for (``None``: single-user)."""

    factory: UnitOfWorkFactory
    workspace: str | None
    actor: Actor | None
    username: str | None


async def get_scope(request: Request, settings: SettingsDep) -> TeamScope:
    """The request's workspace and actor: the identity's on a team server, else the
    configured workspace and the local user."""
    factory = unit_of_work_factory(settings)
    identity = current_identity(request)
    if identity is None:
        return TeamScope(factory, settings.workspace, None, None)
    if identity.workspace is None:
        raise Unauthorized("Log in first.", hint="Open the login page.")
    return TeamScope(factory, identity.workspace, identity.actor, identity.username)


Scope = Annotated[TeamScope, Depends(get_scope)]


@router.get("/team/members", response_model=list[MemberView])
def members(scope: Scope) -> list[MemberView]:
    """The members of the workspace, the person who is each and how many relationships
    each owns."""
    return team_members(scope.factory(scope.workspace, scope.actor))


@router.put("/team/me", response_model=MemberView)
def who_i_am(scope: Scope, body: JoinIn) -> MemberView:
    """Say who I am in the workspace's network: a person of it, or a new person."""
    require_writer(scope.actor)
    if scope.username is None or scope.workspace is None:
        raise Unauthorized("Log in first: only a member of a team can say who they are.")
    return join(
        scope.factory,
        scope.workspace,
        scope.username,
        person=ref(body.person_id) if body.person_id else None,
        new=body.new_name,
        actor=scope.actor,
    )


@router.put("/people/{person_id}/owner", response_model=OwnerOut)
def relationship_owner(scope: Scope, person_id: int, body: MemberIn) -> OwnerOut:
    """Make a member the owner of the team's relationship with the person (null: nobody)."""
    require_writer(scope.actor)
    name, owner = set_owner(
        scope.factory(scope.workspace, scope.actor), ref(person_id), body.username
    )
    return OwnerOut(person=name, owner=owner)


@router.get("/people/{person_id}/team-paths", response_model=TeamPaths)
def best_paths(scope: Scope, lens: LensDep, person_id: int) -> TeamPaths:
    """Who on the team has the best path to the person: each member's strongest warm
    path, best first."""
    return team_paths(scope.factory, scope.workspace, ref(person_id), actor=scope.actor, lens=lens)


@router.get("/campaigns/{campaign_id}/coverage", response_model=CampaignCoverage)
def coverage(scope: Scope, lens: LensDep, campaign_id: int) -> CampaignCoverage:
    """For each decider and stakeholder, the member who owns the relationship, how warm it
    is, who is best placed, and the gaps first."""
    return campaign_coverage(
        scope.factory, scope.workspace, ref(campaign_id), actor=scope.actor, lens=lens
    )


@router.get("/campaigns/{campaign_id}/assignments", response_model=list[Assignment])
def assignments(scope: Scope, campaign_id: int) -> list[Assignment]:
    """The campaign's meetings given to members."""
    return meeting_assignments(scope.factory(scope.workspace, scope.actor), ref(campaign_id))


@router.put("/campaigns/{campaign_id}/assignments/{person_id}", response_model=Assignment | None)
def assign(scope: Scope, campaign_id: int, person_id: int, body: MemberIn) -> Assignment | None:
    """Give the campaign's meeting with the person to a member (null: to nobody, so it
    shows on everyone's agenda)."""
    require_writer(scope.actor)
    return assign_meeting(
        scope.factory(scope.workspace, scope.actor), ref(campaign_id), ref(person_id), body.username
    )


@router.get("/team/agenda", response_model=list[MemberAgenda])
def agenda_of_the_team(scope: Scope, week: bool = False) -> list[MemberAgenda]:
    """Every member's agenda, each from their own perspective (owners only)."""
    return team_agenda(scope.factory, scope.workspace, actor=scope.actor, days=7 if week else 1)
