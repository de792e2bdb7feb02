"""An organisation's own page: how it stands to other organisations (its ties, which can
be added and removed) and the people who held roles there over time (added and removed
here too). Errors are shown beside the field at fault."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, InvalidInput
from allies.services.dates import parse_optional_date
from allies.services.network.lookup import resolve_person
from allies.services.network.organisation_records import (
    add_affiliation_by_id,
    add_organisation_tie_by_id,
    affiliation_records,
    organisation_tie_records,
    remove_affiliation,
    remove_organisation_tie,
)
from allies.services.network.records import get_organisation
from allies.services.network.structure import list_organisations
from allies.services.ports import UnitOfWork
from allies.services.team.members import require_writer
from allies.web.deps import FormData, UoW, render
from allies.web.pages.common import redirect, suggestions

router = APIRouter(include_in_schema=False)

#: The kinds of tie, in words, as the form offers them (this organisation ... the other).
TIE_KINDS = (
    ("member_of", "is a member of"),
    ("funds", "funds"),
    ("partners_with", "partners with"),
    ("competes_with", "competes with"),
)
#: Where the service's field names are shown on the forms.
_FIELDS = {
    "target_id": "target",
    "source_id": "target",
    "person_id": "person",
    "organisation_id": "person",
    "started_on": "started_on",
    "from": "started_on",
    "ended_on": "ended_on",
    "to": "ended_on",
}


def _page(
    request: Request,
    uow: UnitOfWork,
    organisation_id: int,
    *,
    form: str = "",
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:
    organisation = get_organisation(uow, organisation_id)
    today = date.today()
    people = affiliation_records(uow, organisation_id=organisation_id, today=today)
    others = [(o.id, o.name) for o in list_organisations(uow) if o.id != organisation_id]
    actor = uow.actor
    context: dict[str, Any] = {
        "organisation": organisation,
        "ties": organisation_tie_records(uow, organisation_id=organisation_id),
        "current": [a for a in people if a.current],
        "past": [a for a in people if not a.current],
        "others": others,
        "tie_kinds": TIE_KINDS,
        "can_write": actor is None or actor.can_write,
        "form": form,
        "errors": errors or {},
        "values": values or {},
        "suggest": suggestions(uow),
        "title": organisation.name,
    }
    return render(request, "network/organisation.html", context, status_code=400 if errors else 200)


def _refused(error: AlliesError, default: str) -> dict[str, str]:
    field = getattr(error, "field", None) or ""
    shown = ("kind", "target", "person", "role", "started_on", "ended_on")
    return {_FIELDS.get(field, field if field in shown else default): error.message}


@router.get("/organisations/{record_id}", response_class=HTMLResponse)
def show(request: Request, uow: UoW, record_id: int) -> HTMLResponse:
    """The organisation, its ties and its people over time (``record_id``: the
    organisation's id, named as the other record pages name it)."""
    return _page(request, uow, record_id)


@router.post("/organisations/{organisation_id}/ties", response_class=HTMLResponse)
def add_tie(request: Request, uow: UoW, organisation_id: int, values: FormData) -> Response:
    """Add a tie from this organisation to another."""
    require_writer(uow.actor)
    try:
        target = values.get("target", "")
        if not target.isdigit():
            raise InvalidInput("Pick the other organisation.", field="target")
        add_organisation_tie_by_id(
            uow,
            organisation_id,
            values.get("kind", ""),
            int(target),
            started_on=parse_optional_date(values.get("started_on") or None, field="started_on"),
            ended_on=parse_optional_date(values.get("ended_on") or None, field="ended_on"),
        )
    except AlliesError as error:
        return _page(request, uow, organisation_id, form="tie", values=values,
                     errors=_refused(error, "kind"))  # fmt: skip
    return redirect(f"/organisations/{organisation_id}#ties")


@router.post("/organisations/{organisation_id}/ties/{tie_id}/delete", response_class=HTMLResponse)
def delete_tie(uow: UoW, organisation_id: int, tie_id: int) -> Response:
    """Remove a tie between organisations."""
    require_writer(uow.actor)
    remove_organisation_tie(uow, tie_id)
    return redirect(f"/organisations/{organisation_id}#ties")


@router.post("/organisations/{organisation_id}/people", response_class=HTMLResponse)
def add_person_role(request: Request, uow: UoW, organisation_id: int, values: FormData) -> Response:
    """Add a person's role at this organisation, from one day to another."""
    require_writer(uow.actor)
    try:
        name = values.get("person", "").strip()
        if not name:
            raise InvalidInput("Name the person who held the role.", field="person")
        with uow:
            person_id = resolve_person(uow, name).id or 0
        add_affiliation_by_id(
            uow,
            person_id,
            organisation_id,
            role=values.get("role", ""),
            started_on=parse_optional_date(values.get("started_on") or None, field="started_on"),
            ended_on=parse_optional_date(values.get("ended_on") or None, field="ended_on"),
        )
    except AlliesError as error:
        return _page(request, uow, organisation_id, form="person", values=values,
                     errors=_refused(error, "person"))  # fmt: skip
    return redirect(f"/organisations/{organisation_id}#people")


@router.post(
    "/organisations/{organisation_id}/people/{affiliation_id}/delete",
    response_class=HTMLResponse,
)
def delete_person_role(uow: UoW, organisation_id: int, affiliation_id: int) -> Response:
    """Remove a person's role at this organisation."""
    require_writer(uow.actor)
    remove_affiliation(uow, affiliation_id)
    return redirect(f"/organisations/{organisation_id}#people")
