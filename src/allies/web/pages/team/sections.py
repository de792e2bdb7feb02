"""Sections of other pages, loaded on their own: who on the team has the best path to a
person (on the person's page) and a campaign's coverage (on the campaign's page).

Their forms (a relationship's owner, who takes a meeting) carry the version they were
filled in from; a save someone else's change has overtaken is refused calmly, with what
is saved now, and nothing is overwritten.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import StaleRecord
from allies.services.context import Lens
from allies.services.team.assignments import give_meeting, meeting_assignments, meeting_taker
from allies.services.team.coverage import COLD, WARM, campaign_coverage
from allies.services.team.members import team_members
from allies.services.team.paths import team_paths
from allies.web.api.team import Scope, TeamScope
from allies.web.deps import FormData, LensDep, is_htmx, render
from allies.web.pages.common import redirect
from allies.web.pages.team.members import sent_version

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
        owner_version = uow.team.owner_versions().get(person_id, 0)
    context = {
        "title": f"Who on the team is closest to {found.target}",
        "section": "people",
        "found": found,
        "owner": names.get(owner_id or -1),
        "owner_version": owner_version,
        "members": team_members(scope.factory(scope.workspace, scope.actor)),
        "can_write": scope.actor is None or scope.actor.can_write,
    }
    if is_htmx(request):
        return render(request, "team/_best_paths.html", context)
    return render(request, "team/best_paths.html", context)


def _coverage(
    request: Request,
    scope: TeamScope,
    lens: Lens,
    campaign_id: int,
    *,
    stale: str | None = None,
    chosen: dict[int, str] | None = None,
) -> dict[str, Any]:
    found = campaign_coverage(
        scope.factory, scope.workspace, f"#{campaign_id}", actor=scope.actor, lens=lens
    )
    uow = scope.factory(scope.workspace, scope.actor)
    assigned = {a.person_id: a.username for a in meeting_assignments(uow, f"#{campaign_id}")}
    with uow:
        versions = uow.team.assignment_versions(campaign_id)
    return {
        "title": f"Who covers {found.campaign}",
        "section": "campaigns",
        "found": found,
        "warm": WARM,
        "cold": COLD,
        "members": team_members(uow),
        "assigned": assigned | (chosen or {}),
        "versions": versions,
        "stale": stale,
        "can_write": scope.actor is None or scope.actor.can_write,
    }


@router.get(
    "/campaigns/{campaign_id}/coverage", response_class=HTMLResponse, name="campaign-coverage"
)
def coverage(request: Request, scope: Scope, lens: LensDep, campaign_id: int) -> HTMLResponse:
    """For each decider and stakeholder: the owner on the team, how warm, the gaps."""
    context = _coverage(request, scope, lens, campaign_id)
    if is_htmx(request):
        return render(request, "team/_coverage.html", context)
    return render(request, "team/coverage.html", context)


@router.post("/campaigns/{campaign_id}/assignments", response_class=HTMLResponse)
def assign(
    request: Request, scope: Scope, lens: LensDep, campaign_id: int, values: FormData
) -> Response:
    """Give the campaign's meeting with someone to a member (or to nobody); refused,
    calmly and changing nothing, when someone else gave it meanwhile."""
    person = str(values.get("person", "") or "")
    username = str(values.get("username", "") or "").strip()
    try:
        give_meeting(
            scope.factory(scope.workspace, scope.actor),
            f"#{campaign_id}",
            person,
            username or None,
            expected_version=sent_version(values),
        )
    except StaleRecord:
        now = meeting_taker(scope.factory(scope.workspace, scope.actor), f"#{campaign_id}", person)
        stale = (
            f"Who takes the meeting with {now.person} was changed by someone else meanwhile: "
            f"it is now {now.username or 'anyone'}. Nothing was saved over it; if you still "
            "want your choice, save it again."
        )
        context = _coverage(
            request, scope, lens, campaign_id, stale=stale, chosen={now.person_id: username}
        )
        # A form has no If-Match: a stale one is a plain conflict (409), not 412.
        return render(request, "team/coverage.html", context, status_code=409)
    return redirect(f"/campaigns/{campaign_id}/coverage")
