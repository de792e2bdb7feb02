"""Keeping relationships alive on the web: health, check-ins, the calendar.

``/health`` lists every relationship's score with its parts, ``/people/{id}/health``
explains one (as a fragment when HTMX asks, for the person page); ``/checkins`` lists
check-ins with a snooze button; ``/calendar.ics`` is the iCalendar feed of check-ins and
promise deadlines. The agenda pages, ``/today`` and ``/week``, are
:mod:`allies.web.pages.agenda.today`.
"""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, NotFound
from allies.services.agenda.calendar import export_calendar
from allies.services.keep.checkins import check_ins, snooze
from allies.services.keep.health import health_list, person_health
from allies.services.keep.ledger import nudges, reliability
from allies.web.deps import FormData, UoW, is_htmx, render
from allies.web.forms import optional_day, text
from allies.web.pages.common import redirect

router = APIRouter(include_in_schema=False)

DONE = {"snoozed": "Check-in snoozed."}


@router.get("/health", response_class=HTMLResponse, name="health")
def health_page(
    request: Request, uow: UoW, cooling: bool = False, weakest: bool = False
) -> HTMLResponse:
    """Every relationship's health with its parts; cooling ones marked."""
    problem = None
    rows = []
    try:
        rows = health_list(uow, cooling_only=cooling, weakest_first=weakest)
    except NotFound as error:  # nobody is marked as me yet
        problem = error
    return render(
        request,
        "keep/health.html",
        {
            "title": "Relationship health",
            "section": "health",
            "rows": rows,
            "problem": problem,
            "cooling": cooling,
            "weakest": weakest,
            "reliability": [] if problem else reliability(uow),
            "nudges": [] if problem else nudges(uow),
        },
    )


@router.get("/people/{person_id}/health", response_class=HTMLResponse, name="person_health")
def person_health_page(request: Request, uow: UoW, person_id: int) -> HTMLResponse:
    """One relationship's health, each part explained (a fragment for HTMX)."""
    report = None
    problem: AlliesError | None = None
    try:
        report = person_health(uow, f"#{person_id}")
    except AlliesError as error:
        problem = error
    template = "keep/_health_panel.html" if is_htmx(request) else "keep/person_health.html"
    title = f"Health: {report.name}" if report else "Health"
    return render(
        request,
        template,
        {
            "title": title,
            "section": "people",
            "report": report,
            "problem": problem,
            "person_id": person_id,
        },
    )


@router.get("/checkins", response_class=HTMLResponse, name="checkins")
def checkins_page(request: Request, uow: UoW, within: int = 7) -> HTMLResponse:
    """Check-ins overdue, due and coming up, with a snooze form on each person."""
    rows = check_ins(uow, within_days=max(within, 0), include_snoozed=True)
    return render(
        request,
        "keep/checkins.html",
        {
            "title": "Check-ins",
            "section": "today",
            "rows": rows,
            "within": within,
            "flash": DONE.get(request.query_params.get("done", "")),
        },
    )


@router.post("/checkins/snooze")
def snooze_checkin(uow: UoW, values: FormData) -> Response:
    """Snooze one person's check-in until a day, then back to the check-ins."""
    week_on = date.today() + timedelta(weeks=1)
    until = optional_day(values, "until") or week_on
    snooze(uow, f"#{text(values, 'person_id')}", until)
    return redirect("/checkins?done=snoozed")


@router.get("/calendar.ics", name="calendar")
def calendar(uow: UoW) -> Response:
    """The iCalendar feed of check-ins and promise deadlines (subscribe to it)."""
    return Response(
        export_calendar(uow),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="allies.ics"'},
    )
