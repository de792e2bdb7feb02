"""``/team``: who is who on the team, who owns which relationship, and (for an owner) what
every member has on today."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, Unauthorized
from allies.services.team.assignments import team_agenda
from allies.services.team.members import join, require_writer, set_owner, team_members
from allies.web.api.team import Scope, TeamScope
from allies.web.deps import FormData, render
from allies.web.pages.common import redirect, suggestions

router = APIRouter(include_in_schema=False)

#: What the page says after a change.
SAVED = {"me": "Saved: that is who you are here.", "owner": "Relationship owner saved."}


def _context(request: Request, scope: TeamScope, error: str | None = None) -> dict[str, Any]:
    uow = scope.factory(scope.workspace, scope.actor)
    members = team_members(uow)
    me = next((m for m in members if m.username == scope.username), None)
    is_owner = scope.actor is not None and scope.actor.role.is_owner
    agendas = team_agenda(scope.factory, scope.workspace, actor=scope.actor) if is_owner else []
    return {
        "title": "Team",
        "section": "team",
        "members": members,
        "me": me,
        "team_mode": scope.actor is not None,
        "can_write": scope.actor is None or scope.actor.can_write,
        "is_owner": is_owner,
        "agendas": agendas,
        "suggest": suggestions(scope.factory(scope.workspace, scope.actor)),
        "flash": SAVED.get(request.query_params.get("saved", "")),
        "error": error,
    }


@router.get("/team", response_class=HTMLResponse, name="team")
def team_page(request: Request, scope: Scope) -> HTMLResponse:
    """The members, the person who is each, and what each owns."""
    return render(request, "team/team.html", _context(request, scope))


@router.post("/team/me", response_class=HTMLResponse)
def who_i_am(request: Request, scope: Scope, values: FormData) -> Response:
    """Say who I am in this network: a person of it, or a new person."""
    if scope.username is None or scope.workspace is None:
        raise Unauthorized("Only a member of a team says who they are here.")
    require_writer(scope.actor)
    person = str(values.get("person", "") or "").strip()
    new = str(values.get("new_name", "") or "").strip()
    try:
        join(
            scope.factory,
            scope.workspace,
            scope.username,
            person=person or None,
            new=new or None,
            actor=scope.actor,
        )
    except AlliesError as error:
        context = _context(request, scope, error.message)
        return render(request, "team/team.html", context, status_code=error.http_status)
    return redirect("/team?saved=me")


@router.post("/team/owners", response_class=HTMLResponse)
def owner(request: Request, scope: Scope, values: FormData) -> Response:
    """Make a member the owner of the team's relationship with someone."""
    require_writer(scope.actor)
    person = str(values.get("person", "") or "")
    username = str(values.get("username", "") or "").strip()
    back = str(values.get("back", "") or "")
    try:
        set_owner(scope.factory(scope.workspace, scope.actor), person, username or None)
    except AlliesError as error:
        context = _context(request, scope, error.message)
        return render(request, "team/team.html", context, status_code=error.http_status)
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("/team?saved=owner")
