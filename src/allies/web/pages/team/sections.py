"""Sections of other pages, loaded on their own: who on the team has the best path to a
person (on the person's page) and a campaign's coverage (on the campaign's page)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.services.team.assignments import assign_meeting, meeting_assignments
from allies.services.team.coverage import COLD, WARM, campaign_coverage
from allies.services.team.members import team_members
from allies.services.team.paths import team_paths
from allies.web.api.team import Scope
from allies.web.deps import FormData, LensDep, is_htmx, render
from allies.web.pages.common import redirect

router = APIRouter(include_in_schema=False)


@router.get("/people/{person_id}/team", response_class=HTMLResponse, name="person-team")
def best_paths(request: Request, scope: Scope, lens: LensDep, person_id: int) -> HTMLResponse:
    """Who on the team has the best path to the person, best first."""
    found = team_paths(
        scope.factory, scope.workspace, f"#{person_id}", actor=scope.actor, lens=lens
    )
    uow = scope.factory(scope.workspace, scope.actor)
    with uow:
        owner_id = uow.team.owners().get(person_id)
        names = {m.user_id: m.username for m in uow.team.members()}
    context = {
        "title": f"Who on the team is closest to {found.target}",
        "section": "people",
        "found": found,
        "owner": names.get(owner_id or -1),
        "members": team_members(scope.factory(scope.workspace, scope.actor)),
        "can_write": scope.actor is None or scope.actor.can_write,
    }
    if is_htmx(request):
        return render(request, "team/_best_paths.html", context)
    return render(request, "team/best_paths.html", context)


@router.get(
    "/campaigns/{campaign_id}/coverage", response_class=HTMLResponse, name="campaign-coverage"
)
def coverage(request: Request, scope: Scope, lens: LensDep, campaign_id: int) -> HTMLResponse:
    """For each decider and stakeholder: the owner on the team, how warm, the gaps."""
    found = campaign_coverage(
        scope.factory, scope.workspace, f"#{campaign_id}", actor=scope.actor, lens=lens
    )
    uow = scope.factory(scope.workspace, scope.actor)
    context = {
        "title": f"Who covers {found.campaign}",
        "section": "campaigns",
        "found": found,
        "warm": WARM,
        "cold": COLD,
        "members": team_members(uow),
        "assigned": {a.person_id: a.username for a in meeting_assignments(uow, f"#{campaign_id}")},
        "can_write": scope.actor is None or scope.actor.can_write,
    }
    if is_htmx(request):
        return render(request, "team/_coverage.html", context)
    return render(request, "team/coverage.html", context)


@router.post("/campaigns/{campaign_id}/assignments", response_class=HTMLResponse)
def assign(request: Request, scope: Scope, campaign_id: int, values: FormData) -> Response:
    """Give the campaign's meeting with someone to a member (or to nobody)."""
    person = str(values.get("person", "") or "")
    username = str(values.get("username", "") or "").strip()
    assign_meeting(
        scope.factory(scope.workspace, scope.actor), f"#{campaign_id}", person, username or None
    )
    return redirect(f"/campaigns/{campaign_id}/coverage")
