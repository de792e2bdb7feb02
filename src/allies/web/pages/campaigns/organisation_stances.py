"""``/campaigns/{id}/organisation_stances``: where organisations stand on a campaign's
issues, each through the person who speaks for it, and a form to record one (reached from
the stance table). The forecasts and plans then treat the organisation as one actor."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, InvalidInput
from allies.services.campaigns.organisations import (
    organisation_stance_sheet,
    set_organisation_stance,
)
from allies.services.dates import parse_optional_date
from allies.services.ports import UnitOfWork
from allies.services.team.members import require_writer
from allies.web.deps import FormData, UoW, render
from allies.web.pages.common import redirect, suggestions

router = APIRouter(include_in_schema=False)

#: The form's fields, as the errors name them.
FIELDS = ("organisation", "spokesperson", "issue", "position", "salience", "on")
#: The service's names of a field, as the form names it.
_SHOWN = {"issue_id": "issue", "recorded_on": "on", "person_id": "spokesperson"}


def _page(
    request: Request,
    uow: UnitOfWork,
    campaign_id: int,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:
    sheet = organisation_stance_sheet(uow, f"#{campaign_id}")
    actor = uow.actor
    context: dict[str, Any] = {
        "title": f"Organisations' stances on {sheet.campaign}",
        "section": "campaigns",
        "sheet": sheet,
        "errors": errors or {},
        "values": values or {},
        "saved": request.query_params.get("saved") == "1",
        "can_write": actor is None or actor.can_write,
        "suggest": suggestions(uow),
    }
    status = 422 if errors else 200
    return render(request, "campaigns/organisation_stances.html", context, status_code=status)


def _number(values: dict[str, str], name: str, default: float | None) -> float | None:
    raw = (values.get(name) or "").strip().replace(",", ".")
    if not raw:
        if default is None:
            raise InvalidInput("Give a position from 0 to 100.", field=name)
        return default
    try:
        return float(raw)
    except ValueError:
        raise InvalidInput(f"Give a number, not {raw!r}.", field=name) from None


@router.get("/campaigns/{campaign_id}/organisation_stances", response_class=HTMLResponse)
def sheet_page(request: Request, uow: UoW, campaign_id: int) -> HTMLResponse:
    """Organisations' stances on the campaign, and a form to record one."""
    return _page(request, uow, campaign_id)


@router.post("/campaigns/{campaign_id}/organisation_stances", response_class=HTMLResponse)
def record(request: Request, uow: UoW, campaign_id: int, values: FormData) -> Response:
    """Record where an organisation stands on an issue, through its spokesperson."""
    require_writer(uow.actor)
    try:
        organisation = (values.get("organisation") or "").strip()
        if not organisation.isdigit():
            raise InvalidInput("Pick the organisation.", field="organisation")
        spokesperson = (values.get("spokesperson") or "").strip()
        if not spokesperson:
            raise InvalidInput("Name the person who speaks for it.", field="spokesperson")
        issue = (values.get("issue") or "").strip()
        set_organisation_stance(
            uow,
            f"#{campaign_id}",
            f"#{organisation}",
            spokesperson,
            "",
            _number(values, "position", None) or 0.0,
            salience=_number(values, "salience", 0.5) or 0.0,
            on=parse_optional_date(values.get("on") or None, field="on"),
            note=values.get("note", ""),
            issue_id=int(issue) if issue.isdigit() else None,
        )
    except AlliesError as error:
        field = getattr(error, "field", None) or "spokesperson"
        field = _SHOWN.get(field, field if field in FIELDS else "spokesperson")
        return _page(request, uow, campaign_id, errors={field: error.message}, values=values)
    return redirect(f"/campaigns/{campaign_id}/organisation_stances?saved=1")
