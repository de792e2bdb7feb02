"""A campaign's plan in the browser: whom to win first, the dated meetings with talking
points, the trades, and downloads of the plan as iCalendar and Markdown; a person's trades
as a fragment of their page."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError
from allies.services.campaigns.editing import list_campaigns
from allies.services.campaigns.meetings import MeetingPlan
from allies.services.campaigns.plan import PlanOptions
from allies.services.campaigns.plan_export import plan_calendar, plan_markdown
from allies.services.campaigns.plan_results import estimate_note, planned_note
from allies.services.campaigns.plan_store import day_meeting_plan
from allies.services.campaigns.trades import campaign_trades
from allies.services.context import Lens
from allies.services.dates import parse_optional_date
from allies.services.ports import UnitOfWork
from allies.web.deps import LensDep, UoW, render

router = APIRouter(include_in_schema=False)

K = Annotated[int, Query(ge=1, le=50)]
PerWeek = Annotated[int, Query(ge=1, le=15)]
Threshold = Annotated[float, Query(gt=0, le=1)]


def _plan(
    uow: UnitOfWork,
    lens: Lens,
    campaign_id: int,
    k: int,
    per_week: int,
    start: date | None,
    model: Literal["lt", "ic"],
    threshold: float,
    replan: bool = False,
) -> MeetingPlan:
    """The day's stored plan for these settings, made (and stored) when there is none."""
    return day_meeting_plan(
        uow,
        f"#{campaign_id}",
        PlanOptions(k=k, model=model),
        start=start,
        per_week=per_week,
        threshold=threshold,
        lens=lens,
        replan=replan,
    )


@router.get("/campaigns/{campaign_id}/plan", response_class=HTMLResponse, name="campaign-plan")
def plan_page(
    request: Request,
    uow: UoW,
    lens: LensDep,
    campaign_id: int,
    k: K = 5,
    per_week: PerWeek = 3,
    start: str = "",
    model: Literal["lt", "ic"] = "lt",
    threshold: Threshold = 0.6,
    replan: bool = False,
) -> HTMLResponse:
    """The approach plan, the meetings with their talking points, and the trades.

    ``start`` is the first day for meetings (a date, or words like "next monday"); the
    form sends it empty when left blank. The day's plan is read back when stored;
    ``replan`` (the "Plan again" button) plans anew.
    """
    first = parse_optional_date(start, field="start")
    plan = _plan(uow, lens, campaign_id, k, per_week, first, model, threshold, replan)
    query = f"k={k}&per_week={per_week}&model={model}&threshold={threshold:g}" + (
        f"&start={first.isoformat()}" if first else ""
    )
    context = {
        "title": f"Plan: {plan.campaign}",
        "section": "campaigns",
        "plan": plan,
        "a": plan.approach,
        "estimate": estimate_note(plan.approach),
        "planned": planned_note(plan.approach),
        "query": query,
        "form": {
            "k": k,
            "per_week": per_week,
            "start": first.isoformat() if first else "",
            "model": model,
            "threshold": threshold,
        },
    }
    return render(request, "campaigns/plan.html", context)


@router.get("/campaigns/{campaign_id}/plan.ics", name="campaign-plan-ics")
def plan_ics(
    uow: UoW,
    lens: LensDep,
    campaign_id: int,
    k: K = 5,
    per_week: PerWeek = 3,
    start: date | None = None,
    model: Literal["lt", "ic"] = "lt",
    threshold: Threshold = 0.6,
) -> Response:
    """The meetings as an iCalendar file to import."""
    plan = _plan(uow, lens, campaign_id, k, per_week, start, model, threshold)
    return Response(
        plan_calendar(plan),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="plan-{campaign_id}.ics"'},
    )


@router.get("/campaigns/{campaign_id}/plan.md", name="campaign-plan-md")
def plan_md(
    uow: UoW,
    lens: LensDep,
    campaign_id: int,
    k: K = 5,
    per_week: PerWeek = 3,
    start: date | None = None,
    model: Literal["lt", "ic"] = "lt",
    threshold: Threshold = 0.6,
) -> Response:
    """The whole plan as Markdown."""
    plan = _plan(uow, lens, campaign_id, k, per_week, start, model, threshold)
    return Response(
        plan_markdown(plan),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="plan-{campaign_id}.md"'},
    )


@router.get("/people/{person_id}/trades", response_class=HTMLResponse, name="person-trades")
def person_trades(request: Request, uow: UoW, lens: LensDep, person_id: int) -> HTMLResponse:
    """What to trade with this person in each active campaign (a fragment of their page)."""
    rows = []
    for summary in list_campaigns(uow, status="active"):
        try:
            report = campaign_trades(uow, f"#{summary.id}", lens=lens)
        except AlliesError:
            continue
        trade = report.for_person(person_id)
        if trade is not None:
            rows.append((report, trade))
    return render(request, "campaigns/_trades.html", {"rows": rows, "person_id": person_id})
