"""The start page: how much the network holds, what happened lately, what is owed.

It never plans a campaign while the page waits: the day's campaign meetings show once
their plans are stored, and a campaign without one is planned in the background
(:func:`allies.background.day_plans.plan_day_soon`: by the scheduler or a worker) while
the page says so.
"""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse

from allies.background.day_plans import plan_day_soon
from allies.services.agenda.campaign_meetings import unplanned_campaigns
from allies.services.agenda.today import agenda
from allies.services.agenda.work import done_label
from allies.services.network.overview import overview
from allies.web.deps import SettingsDep, UoW, render
from allies.web.pages.common import flash

router = APIRouter()


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request, uow: UoW, settings: SettingsDep, after: BackgroundTasks) -> HTMLResponse:
    """A short dashboard with links to everything."""
    today = agenda(uow, plan_campaigns=False)
    planning = unplanned_campaigns(uow, today.start)
    if planning:  # started once the page is sent, so it does not slow the page down
        after.add_task(plan_day_soon, settings, uow.workspace)
    return render(
        request,
        "agenda/home.html",
        {
            "title": "Overview",
            "section": "home",
            "summary": overview(uow),
            "agenda": today,
            "planning": len(planning),
            "done_label": done_label,
            "flash": flash(request),
        },
    )
