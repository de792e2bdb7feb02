"""Keeping relationships alive on the web: health, check-ins, the calendar.

``/health`` lists every relationship's score with its parts, ``/people/{id}/health``
explains one (as a fragment when HTMX asks, for the person page); ``/checkins`` lists
check-ins with a snooze button; ``/calendar.ics`` is the iCalendar feed of check-ins and
promise deadlines. The agenda pages, ``/today`` and ``/week``, are
:mod:`allies.web.pages.agenda.today`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, NotFound
from allies.services.agenda.calendar import export_calendar
from allies.services.keep.checkins import check_ins, snooze
from allies.services.keep.health import person_health
from allies.services.keep.health_board import health_board
from allies.services.keep.ledger_reads import quick_nudges, quick_reliability
from allies.services.paging import paginate
from allies.web.deps import FormData, UoW, is_htmx, render
from allies.web.forms import optional_day, text
from allies.web.pages.common import redirect

router = APIRouter(include_in_schema=False)

DONE = {"snoozed": "Check-in snoozed."}


#: How many relationships one page of the health list shows.
HEALTH_PAGE = 50
#: How many rows of reliability and of favour nudges the health page shows.
LEDGER_ROWS = 12


@router.get("/health", response_class=HTMLResponse, name="health")
def health_page(
    request: Request,
    uow: UoW,
    q: Annotated[str, Query(max_length=200)] = "",
    cooling: bool = False,
    weakest: bool = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Relationship health, fifty to a page, searchable by name, with the counts over
    everyone on top; cooling ones marked."""
    problem = None
    board = None
    try:
        board = health_board(
            uow,
            query=q,
            cooling_only=cooling,
            weakest_first=weakest,
            offset=(page - 1) * HEALTH_PAGE,
            limit=HEALTH_PAGE,
        )
    except NotFound as error:  # nobody is marked as me yet
        problem = error
    shown = {"q": q.strip(), "cooling": cooling, "weakest": weakest}
    kept = {key: value for key, value in shown.items() if value}

    def page_url(number: int) -> str:
        values = {k: "true" if v is True else v for k, v in kept.items()}
        return "/health?" + urlencode({**values, "page": number} if number > 1 else values)

    total = board.page.total if board else 0
    pages = max(1, -(-total // HEALTH_PAGE))
    return render(
        request,
        "keep/health.html",
        {
            "title": "Relationship health",
            "section": "health",
            "rows": board.page.items if board else [],
            "summary": board.summary if board else None,
            "found": total,
            "first": (page - 1) * HEALTH_PAGE + 1,
            "page": page,
            "pages": pages,
            "previous_url": page_url(page - 1) if page > 1 else None,
            "next_url": page_url(page + 1) if page < pages else None,
            "problem": problem,
            "q": q.strip(),
            "cooling": cooling,
            "weakest": weakest,
            "reliability": [] if problem else quick_reliability(uow),
            "nudges": [] if problem else quick_nudges(uow),
            "ledger_rows": LEDGER_ROWS,
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
def checkins_page(
    request: Request,
    uow: UoW,
    within: int = 7,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Check-ins overdue, due and coming up, with a snooze form on each person, fifty to a
    page."""
    rows = check_ins(uow, within_days=max(within, 0), include_snoozed=True)
    found = paginate(rows, offset=(page - 1) * HEALTH_PAGE, limit=HEALTH_PAGE)
    pages = max(1, -(-found.total // HEALTH_PAGE))

    def page_url(number: int) -> str:
        values = {"within": within} if within != 7 else {}
        return "/checkins?" + urlencode({**values, "page": number} if number > 1 else values)

    return render(
        request,
        "keep/checkins.html",
        {
            "title": "Check-ins",
            "section": "today",
            "rows": found.items,
            "found": found.total,
            "first": found.offset + 1,
            "page": page,
            "pages": pages,
            "previous_url": page_url(page - 1) if page > 1 else None,
            "next_url": page_url(page + 1) if page < pages else None,
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
