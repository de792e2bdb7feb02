"""``/team``: who is who on the team, who owns which relationship, and (for an owner) what
every member has on today.

The forms that change a membership (who I am here) or a relationship's owner carry the
version they were filled in from; a save someone else's change has overtaken meanwhile
is refused, nothing is overwritten, and the page says so calmly with what is saved now
(the form keeps what was chosen, at the current version, to be sent again on purpose).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, StaleRecord, Unauthorized
from allies.services.team.assignments import team_agenda
from allies.services.team.members import (
    change_owner,
    join,
    relationship_owner,
    require_writer,
    team_members,
)
from allies.web.api.team import Scope, TeamScope
from allies.web.deps import FormData, render
from allies.web.pages.common import redirect, suggestions

router = APIRouter(include_in_schema=False)

#: What the page says after a change.
SAVED = {"me": "Saved: that is who you are here.", "owner": "Relationship owner saved."}


def sent_version(values: dict[str, str]) -> int | None:
    """The version a form was filled in from (``None``: the form names none, no check)."""
    sent = str(values.get("version", "") or "").strip()
    return int(sent) if sent.isdigit() and len(sent) < 12 else None


def _context(
    request: Request,
    scope: TeamScope,
    error: str | None = None,
    *,
    stale: str | None = None,
    forms: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
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
        "stale": stale,
        "forms": forms or {},
    }


def _page(request: Request, scope: TeamScope, status: int, **context: Any) -> HTMLResponse:
    return render(
        request, "team/team.html", _context(request, scope, **context), status_code=status
    )


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
            expected_version=sent_version(values),
        )
    except StaleRecord:
        # A form has no If-Match: a stale one is a plain conflict (409), not 412.
        return _page(
            request,
            scope,
            409,
            stale="Who you are here was changed meanwhile (by you elsewhere, or by an owner): "
            "the page now shows what is saved. Nothing was saved over it; if you still "
            "want your choice, save it again.",
            forms={"me": {"person": person, "new_name": new}},
        )
    except AlliesError as error:
        return _page(request, scope, error.http_status, error=error.message)
    return redirect("/team?saved=me")


@router.post("/team/owners", response_class=HTMLResponse)
def owner(request: Request, scope: Scope, values: FormData) -> Response:
    """Make a member the owner of the team's relationship with someone."""
    require_writer(scope.actor)
    person = str(values.get("person", "") or "")
    username = str(values.get("username", "") or "").strip()
    back = str(values.get("back", "") or "")
    try:
        change_owner(
            scope.factory(scope.workspace, scope.actor),
            person,
            username or None,
            expected_version=sent_version(values),
        )
    except StaleRecord:
        now = relationship_owner(scope.factory(scope.workspace, scope.actor), person)
        holder = now.owner or "nobody"
        return _page(
            request,
            scope,
            409,
            stale=f"The owner of the relationship with {now.person} was changed by someone "
            f"else meanwhile: it is now {holder}. Nothing was saved over it; if you still "
            "want your choice, save it again below.",
            forms={
                "owner": {
                    "person": f"#{now.person_id}",
                    "person_name": now.person,
                    "username": username,
                    "version": now.version,
                    "current": holder,
                    "back": back,
                }
            },
        )
    except AlliesError as error:
        return _page(request, scope, error.http_status, error=error.message)
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("/team?saved=owner")
