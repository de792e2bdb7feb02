"""A person's affiliations over time, as a section of their page: the roles they hold and
held at organisations, and a form to add one."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError
from allies.services.dates import parse_optional_date
from allies.services.network.affiliations import add_affiliation, affiliation_history
from allies.services.team.members import require_writer
from allies.web.deps import FormData, UoW, render
from allies.web.pages.common import redirect

router = APIRouter(include_in_schema=False)


def _section(request: Request, uow: UoW, person_id: int, error: str = "") -> HTMLResponse:
    history = affiliation_history(uow, f"#{person_id}", today=date.today())
    actor = uow.actor
    context = {
        "history": history,
        "error": error,
        "can_write": actor is None or actor.can_write,
    }
    return render(request, "network/_affiliations.html", context, status_code=400 if error else 200)


@router.get("/people/{person_id}/affiliations", response_class=HTMLResponse)
def affiliations(request: Request, uow: UoW, person_id: int) -> HTMLResponse:
    """The roles a person holds and held at organisations."""
    return _section(request, uow, person_id)


@router.post("/people/{person_id}/affiliations", response_class=HTMLResponse)
def add(request: Request, uow: UoW, person_id: int, values: FormData) -> Response:
    """Add a role the person holds (or held) at an organisation."""
    require_writer(uow.actor)
    try:
        add_affiliation(
            uow,
            f"#{person_id}",
            str(values.get("organisation", "")),
            role=str(values.get("role", "")),
            started_on=parse_optional_date(values.get("started_on") or None, field="from"),
            ended_on=parse_optional_date(values.get("ended_on") or None, field="to"),
        )
    except AlliesError as error:
        return _section(request, uow, person_id, error.message)
    return redirect(f"/people/{person_id}#affiliations")
