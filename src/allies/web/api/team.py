"""The team's view as JSON: members and their people, relationship owners, who on the team
has the best path to someone, a campaign's coverage, meetings given to members and the
owner's team agenda.

Who I am here (my membership), a relationship's owner and a meeting given to a member each
carry a version: their ``GET`` and ``PUT`` answer it as ``ETag`` (``"3"``; ``"0"`` for an
owner or a meeting never given), and a ``PUT`` sent with ``If-Match`` is refused with 412
Precondition Failed, changing nothing, when someone else changed the record since that
version (RFC 9110, 13.1.1). Without ``If-Match`` (or with ``*``) the change applies to
what is stored now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response

from allies.bootstrap import unit_of_work_factory
from allies.errors import StaleRecord, Unauthorized
from allies.services.ports import UnitOfWorkFactory
from allies.services.team.accounts import Actor
from allies.services.team.assignments import (
    Assignment,
    MeetingTaker,
    MemberAgenda,
    give_meeting,
    meeting_assignments,
    meeting_taker,
    team_agenda,
)
from allies.services.team.coverage import CampaignCoverage, campaign_coverage
from allies.services.team.members import (
    MemberView,
    change_owner,
    join,
    relationship_owner,
    require_writer,
    team_members,
)
from allies.services.team.paths import TeamPaths, team_paths
from allies.web.api.common import ref
from allies.web.api.concurrency import etag_of, version_in
from allies.web.deps import LensDep, SettingsDep
from allies.web.schemas.common import ERRORS, Problem
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

IfMatch = Annotated[
    str | None,
    Header(
        description='The ETag from a GET (the version, such as "3"): the change is refused '
        "(412) if someone else changed it since.",
        max_length=200,
    ),
]

#: A read that answers the record's version as ``ETag``.
TAGGED: dict[int | str, dict[str, Any]] = {
    200: {
        "headers": {
            "ETag": {
                "description": 'The version, such as "3".',
                "schema": {"type": "string"},
            }
        }
    }
}
#: A change that answers its new version and refuses an ``If-Match`` that is overtaken.
STALE: dict[int | str, dict[str, Any]] = TAGGED | {
    412: {
        "model": Problem,
        "description": "If-Match named another version: someone else changed it since it "
        "was read. Read it again.",
    }
}


def expected_version(if_match: str | None, what: str) -> int | None:
    """The version an ``If-Match`` header names (``None``: no header or ``*``, no check).

    Raises
    ------
    allies.errors.StaleRecord
        When the header names no version: it cannot match (412).
    """
    if if_match is None or if_match.strip() == "*":
        return None
    version = version_in(if_match)
    if version is None:
        raise StaleRecord(
            f'If-Match must be the ETag of a read of {what}, its version, such as "3": this '
            "one names no version of it, so it cannot match.",
            hint="Read it again (GET) and send its ETag in If-Match.",
        )
    return version


def _me(scope: TeamScope) -> tuple[str, str]:
    if scope.username is None or scope.workspace is None:
        raise Unauthorized("Log in first: only a member of a team can say who they are.")
    return scope.workspace, scope.username


@router.get("/team/members", response_model=list[MemberView])
def members(scope: Scope) -> list[MemberView]:
    """The members of the workspace, the person who is each and how many relationships
    each owns."""
    return team_members(scope.factory(scope.workspace, scope.actor))


@router.get("/team/me", response_model=MemberView, responses=TAGGED)
def whom_i_am(scope: Scope, response: Response) -> MemberView:
    """Who I am in the workspace's network; ``ETag`` is the version of my membership."""
    _, username = _me(scope)
    found = team_members(scope.factory(scope.workspace, scope.actor))
    mine = next((m for m in found if m.username == username), None)
    if mine is None:
        raise Unauthorized("Log in first: only a member of a team can say who they are.")
    response.headers["ETag"] = etag_of(mine.version)
    return mine


@router.put("/team/me", response_model=MemberView, responses=STALE)
def who_i_am(
    scope: Scope, body: JoinIn, response: Response, if_match: IfMatch = None
) -> MemberView:
    """Say who I am in the workspace's network: a person of it, or a new person. With
    ``If-Match`` (the ETag of ``GET /team/me``), a change someone else made meanwhile is
    not overwritten: the answer is 412 and nothing changes."""
    require_writer(scope.actor)
    workspace, username = _me(scope)
    saved = join(
        scope.factory,
        workspace,
        username,
        person=ref(body.person_id) if body.person_id else None,
        new=body.new_name,
        actor=scope.actor,
        expected_version=expected_version(if_match, "your membership"),
    )
    response.headers["ETag"] = etag_of(saved.version)
    return saved


@router.get("/people/{person_id}/owner", response_model=OwnerOut, responses=TAGGED)
def owner_of(scope: Scope, person_id: int, response: Response) -> OwnerOut:
    """Who owns the team's relationship with the person; ``ETag`` is its version (``"0"``
    when it was never given an owner)."""
    found = relationship_owner(scope.factory(scope.workspace, scope.actor), ref(person_id))
    response.headers["ETag"] = etag_of(found.version)
    return OwnerOut(person=found.person, owner=found.owner)


@router.put("/people/{person_id}/owner", response_model=OwnerOut, responses=STALE)
def give_owner(
    scope: Scope, person_id: int, body: MemberIn, response: Response, if_match: IfMatch = None
) -> OwnerOut:
    """Make a member the owner of the team's relationship with the person (null: nobody).
    With ``If-Match`` (the ETag of the GET), an owner someone else set meanwhile is not
    overwritten: the answer is 412 and nothing changes."""
    require_writer(scope.actor)
    changed = change_owner(
        scope.factory(scope.workspace, scope.actor),
        ref(person_id),
        body.username,
        expected_version=expected_version(if_match, "the relationship's owner"),
    )
    response.headers["ETag"] = etag_of(changed.version)
    return OwnerOut(person=changed.person, owner=changed.owner)


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


@router.get(
    "/campaigns/{campaign_id}/assignments/{person_id}",
    response_model=MeetingTaker,
    responses=TAGGED,
)
def taker(scope: Scope, campaign_id: int, person_id: int, response: Response) -> MeetingTaker:
    """Who takes the campaign's meeting with the person (null: anyone); ``ETag`` is the
    version of that choice (``"0"`` when it was never given)."""
    found = meeting_taker(
        scope.factory(scope.workspace, scope.actor), ref(campaign_id), ref(person_id)
    )
    response.headers["ETag"] = etag_of(found.version)
    return found


@router.put(
    "/campaigns/{campaign_id}/assignments/{person_id}",
    response_model=Assignment | None,
    responses=STALE,
)
def assign(
    scope: Scope,
    campaign_id: int,
    person_id: int,
    body: MemberIn,
    response: Response,
    if_match: IfMatch = None,
) -> Assignment | None:
    """Give the campaign's meeting with the person to a member (null: to nobody, so it
    shows on everyone's agenda). With ``If-Match`` (the ETag of the GET), a choice someone
    else made meanwhile is not overwritten: the answer is 412 and nothing changes."""
    require_writer(scope.actor)
    given = give_meeting(
        scope.factory(scope.workspace, scope.actor),
        ref(campaign_id),
        ref(person_id),
        body.username,
        expected_version=expected_version(if_match, "who takes the meeting"),
    )
    response.headers["ETag"] = etag_of(given.version)
    if given.username is None:
        return None
    return Assignment(
        given.campaign_id, given.campaign, given.person_id, given.person, given.username,
        given.version,
    )  # fmt: skip


@router.get("/team/agenda", response_model=list[MemberAgenda])
def agenda_of_the_team(scope: Scope, week: bool = False) -> list[MemberAgenda]:
    """Every member's agenda, each from their own perspective (owners only)."""
    return team_agenda(scope.factory, scope.workspace, actor=scope.actor, days=7 if week else 1)
