"""A campaign's plan in the browser: whom to win first, the dated meetings with talking
points, the trades, and downloads of the plan as iCalendar and Markdown; a person's trades
as a fragment of their page.

Up to :data:`INLINE_PLAN_UP_TO` people the plan is made while the page waits (well under a
second). On a larger network the page never plans: it shows the day's plan when it is
stored (the background work makes the default one every day,
:mod:`allies.background.day_plans`), else the newest plan made with the same settings,
marked as made before the latest changes, or a short note; it asks for the plan to be
made in the background and fetches ``/campaigns/{id}/plan/ready`` every few seconds,
which sends the browser to the finished plan once it is stored.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from allies.background.day_plans import (
    PagePlan,
    campaign_plan_failed,
    campaign_plan_soon,
    planning_here,
)
from allies.errors import AlliesError, NotFound
from allies.services.campaigns.editing import list_campaigns
from allies.services.campaigns.meetings import MeetingPlan
from allies.services.campaigns.plan import PlanOptions
from allies.services.campaigns.plan_export import plan_calendar, plan_markdown
from allies.services.campaigns.plan_ready import kept_meeting_plan, previous_meeting_plan
from allies.services.campaigns.plan_results import estimate_note, planned_note
from allies.services.campaigns.plan_store import day_meeting_plan
from allies.services.campaigns.trades import campaign_trades
from allies.services.context import Lens
from allies.services.dates import parse_optional_date
from allies.services.network.people_list import count_people
from allies.services.ports import UnitOfWork
from allies.web.deps import LensDep, SettingsDep, UoW, render

router = APIRouter(include_in_schema=False)

#: Up to this many people the plan is made while the page waits (a fraction of a second);
#: beyond, it is made in the background and the page shows it once stored.
INLINE_PLAN_UP_TO = 500
#: Seconds between two looks of the page for a plan being made.
POLL_SECONDS = 3

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


def _campaign_name(uow: UnitOfWork, campaign_id: int) -> str:
    """The campaign's name (a quick read), or NotFound as the planned page would say."""
    for summary in list_campaigns(uow):
        if summary.id == campaign_id:
            return summary.name
    raise NotFound(
        f"There is no campaign #{campaign_id}.", hint="Pick one from the Campaigns page."
    )


def _large(uow: UnitOfWork) -> bool:
    return count_people(uow) > INLINE_PLAN_UP_TO


def _kept(uow: UnitOfWork, lens: Lens, campaign_id: int, wanted: PagePlan) -> MeetingPlan | None:
    return kept_meeting_plan(
        uow,
        campaign_id,
        wanted.options(),
        lens=lens,
        start=wanted.start,
        per_week=wanted.per_week,
        threshold=wanted.threshold,
    )


def _query(wanted: PagePlan) -> str:
    return (
        f"k={wanted.k}&per_week={wanted.per_week}&model={wanted.model}"
        f"&threshold={wanted.threshold:g}"
        + (f"&start={wanted.start.isoformat()}" if wanted.start else "")
    )


@router.get("/campaigns/{campaign_id}/plan", response_class=HTMLResponse, name="campaign-plan")
def plan_page(
    request: Request,
    uow: UoW,
    lens: LensDep,
    settings: SettingsDep,
    after: BackgroundTasks,
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
    ``replan`` (the "Plan again" button) plans anew. On a large network the page never
    plans while it waits (see the module's notes).
    """
    first = parse_optional_date(start, field="start")
    wanted = PagePlan(k=k, model=model, per_week=per_week, start=first, threshold=threshold)
    plan: MeetingPlan | None
    waiting = previous = False
    if not _large(uow):
        plan = _plan(uow, lens, campaign_id, k, per_week, first, model, threshold, replan)
    else:
        name = _campaign_name(uow, campaign_id)
        plan = None if replan else _kept(uow, lens, campaign_id, wanted)
        if plan is None:
            waiting = True  # the plan is asked for once the page is sent
            after.add_task(
                campaign_plan_soon,
                settings,
                uow.workspace,
                campaign_id,
                wanted,
                lens,
                uow.actor,
                replan=replan,
            )
            plan = previous_meeting_plan(
                uow,
                campaign_id,
                wanted.options(),
                lens=lens,
                start=first,
                per_week=per_week,
                threshold=threshold,
            )
            previous = plan is not None
    context = {
        "title": f"Plan: {plan.campaign if plan else name}",
        "section": "campaigns",
        "campaign_id": campaign_id,
        "campaign_name": plan.campaign if plan else name,
        "plan": plan,
        "a": plan.approach if plan else None,
        "estimate": estimate_note(plan.approach) if plan else "",
        "planned": planned_note(plan.approach) if plan and not previous else "",
        "previous": previous,
        "waiting": waiting,
        "poll_seconds": POLL_SECONDS,
        "query": _query(wanted),
        "form": {
            "k": k,
            "per_week": per_week,
            "start": first.isoformat() if first else "",
            "model": model,
            "threshold": threshold,
        },
    }
    return render(request, "campaigns/plan.html", context)


@router.get(
    "/campaigns/{campaign_id}/plan/ready", response_class=HTMLResponse, name="campaign-plan-ready"
)
def plan_ready(
    request: Request,
    uow: UoW,
    lens: LensDep,
    settings: SettingsDep,
    after: BackgroundTasks,
    campaign_id: int,
    k: K = 5,
    per_week: PerWeek = 3,
    start: date | None = None,
    model: Literal["lt", "ic"] = "lt",
    threshold: Threshold = 0.6,
) -> Response:
    """Asked every few seconds by a plan page waiting for its plan: once the plan is
    stored, sends the browser to it (``HX-Redirect``); until then the same note again.
    A plan that could not be made says why."""
    wanted = PagePlan(k=k, model=model, per_week=per_week, start=start, threshold=threshold)
    failed = campaign_plan_failed(uow.workspace, campaign_id, wanted, uow.actor)
    if failed is not None:
        return render(request, "campaigns/_plan_waiting.html", {"failed": failed.message})
    going = planning_here(uow.workspace, campaign_id, wanted, uow.actor)
    if not going and _kept(uow, lens, campaign_id, wanted) is not None:
        target = f"/campaigns/{campaign_id}/plan?{_query(wanted)}"
        if "hx-request" not in request.headers:  # opened by hand: the plan itself
            return RedirectResponse(target, status_code=303)
        return HTMLResponse("", headers={"HX-Redirect": target})
    if not going:  # asked for, but not running here (another process, or it ended)
        after.add_task(
            campaign_plan_soon, settings, uow.workspace, campaign_id, wanted, lens, uow.actor
        )
    context = {
        "campaign_id": campaign_id,
        "query": _query(wanted),
        "poll_seconds": POLL_SECONDS,
        "previous": request.query_params.get("previous") == "1",
    }
    return render(request, "campaigns/_plan_waiting.html", context)


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
