"""The Today and This week pages, and working through them line by line.

``/today`` and ``/week`` show the agenda with a reason on every line and its actions
where it stands: the natural action (met, kept, gave back, ...), snooze (to tomorrow or
to next week), dismiss (with an optional reason) and a link to the Log page with the
person filled in. The actions post to ``/today/lines/{key}/done|snooze|dismiss``; HTMX
swaps the line for the empty answer, so it leaves at once, and the handled line is
stored, so it stays gone after a reload and on every device. Without JavaScript the
forms post and come back to the page.

Up to :data:`INLINE_PLANS_UP_TO` people a campaign whose plan for the day is not stored is
planned while the page waits (a fraction of a second). On a larger network planning takes
seconds: the page answers at once with every other line, asks the background work for the
day's plans (:func:`allies.background.day_plans.plan_day_soon_or_here`) and says so; the
note fetches ``/today/planning`` every few seconds, which adds the campaign meetings to
the list once they are stored.

A day shows its first :data:`SHOWN_LINES` lines of each kind (what matters, the routine),
in priority order, so a large workspace's page stays quick to load and to read on a phone;
"Show all" brings the rest in place (``?all=1``, the same page whole).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse, Response

from allies.background.day_plans import plan_day_soon_or_here
from allies.services.agenda import work
from allies.services.agenda.campaign_meetings import unplanned_campaigns
from allies.services.agenda.today import Agenda, AgendaItem, agenda
from allies.services.dates import parse_optional_date
from allies.services.network.people_list import count_people
from allies.web.deps import FormData, SettingsDep, UoW, is_htmx, render
from allies.web.pages.common import redirect

router = APIRouter(include_in_schema=False)

#: Up to this many people the day's campaign plans are made while the page waits; beyond,
#: they are made in the background and added to the page once stored.
INLINE_PLANS_UP_TO = 500
#: Seconds between two looks of the page for the day's plans.
POLL_SECONDS = 3
#: Lines of each kind (what matters, the routine) a day shows until "Show all" is asked.
SHOWN_LINES = 25

#: What the page says after a line was handled without HTMX.
DONE = {
    "done": "Done, and off the agenda.",
    "snoozed": "Snoozed.",
    "dismissed": "Dismissed.",
}


@dataclass
class DayGroup:
    """The lines of one day of the week (or of today): what matters, then the routine."""

    day: date | None
    items: list[AgendaItem] = field(default_factory=list)
    #: How many lines of each kind are shown (``None``: all of them).
    limit: int | None = None

    @property
    def important(self) -> list[AgendaItem]:
        """The lines shown that are not routine check-ins."""
        return [i for i in self.items if not i.routine][: self.limit]

    @property
    def routine(self) -> list[AgendaItem]:
        """The routine check-ins shown (folded under one heading)."""
        return [i for i in self.items if i.routine][: self.limit]

    @property
    def routine_count(self) -> int:
        """How many routine check-ins the day has, shown or not."""
        return sum(1 for i in self.items if i.routine)

    @property
    def hidden(self) -> int:
        """How many of the day's lines are not shown until all are asked for."""
        return len(self.items) - len(self.important) - len(self.routine)


def day_groups(plan: Agenda, limit: int | None = None) -> list[DayGroup]:
    """The lines by day: one group for a day's agenda; for a week, one per day that has
    lines (a line without a day, or overdue, belongs to the first day). Each group shows
    its first ``limit`` lines of each kind (all when ``None``)."""
    if plan.days == 1:
        return [DayGroup(None, list(plan.items), limit)]
    groups: dict[date, DayGroup] = {}
    for item in plan.items:
        on = item.on if item.on is not None and plan.start <= item.on <= plan.end else plan.start
        groups.setdefault(on, DayGroup(on, limit=limit)).items.append(item)
    return [groups[d] for d in sorted(groups)]


def _shown(request: Request) -> int | None:
    """The lines of each kind a day shows: all when the page was asked with ``all=1``."""
    return None if request.query_params.get("all") == "1" else SHOWN_LINES


def _agenda_page(
    request: Request, uow: UoW, days: int, settings: SettingsDep, after: BackgroundTasks
) -> HTMLResponse:
    with uow.together():  # eight reads: one connection, one transaction while they read
        people = count_people(uow)
        large = people > INLINE_PLANS_UP_TO
        plan = agenda(uow, days=days, plan_campaigns=not large)
        planning = unplanned_campaigns(uow, plan.start) if large else []
    if planning:  # asked once the page is sent, so it does not slow the page down
        after.add_task(plan_day_soon_or_here, settings, uow.workspace)
    return render(
        request,
        "agenda/today.html",
        {
            "title": "Today" if days == 1 else "This week",
            "section": "today",
            "agenda": plan,
            "groups": day_groups(plan, _shown(request)),
            "all_lines": _shown(request) is None,
            "days": days,
            "planning": len(planning),
            "poll_seconds": POLL_SECONDS,
            "done_label": work.done_label,
            "flash": DONE.get(request.query_params.get("handled", "")),
            # an empty workspace: the page says how to begin rather than "nothing due"
            "nobody": not plan.items and people == 0,
        },
    )


@router.get("/today", response_class=HTMLResponse, name="today")
def today_page(
    request: Request, uow: UoW, settings: SettingsDep, after: BackgroundTasks
) -> HTMLResponse:
    """Today's agenda, in priority order, each line with its reason and its actions."""
    return _agenda_page(request, uow, 1, settings, after)


@router.get("/week", response_class=HTMLResponse, name="week")
def week_page(
    request: Request, uow: UoW, settings: SettingsDep, after: BackgroundTasks
) -> HTMLResponse:
    """The agenda for the next seven days, by day."""
    return _agenda_page(request, uow, 7, settings, after)


@router.get("/today/planning", response_class=HTMLResponse, name="today-planning")
def today_planning(
    request: Request, uow: UoW, settings: SettingsDep, after: BackgroundTasks, days: int = 1
) -> HTMLResponse:
    """Asked every few seconds by Today (or This week) while the day's campaign plans are
    made in the background: the same note until they are stored, then the agenda with
    the campaign meetings in place of the list (an out-of-band swap) and a short note."""
    days = 7 if days == 7 else 1
    with uow.together():
        plan = agenda(uow, days=days, plan_campaigns=False)
        planning = unplanned_campaigns(uow, plan.start)
    if planning:
        after.add_task(plan_day_soon_or_here, settings, uow.workspace)  # none goes twice
    context = {
        "agenda": plan,
        "groups": day_groups(plan, _shown(request)),
        "days": days,
        "planning": len(planning),
        "poll_seconds": POLL_SECONDS,
        "done_label": work.done_label,
        "ready": not planning,
    }
    return render(request, "agenda/_planning.html", context)


def _days(values: FormData) -> int:
    return 7 if values.get("days") == "7" else 1


def _answer(request: Request, values: FormData, handled: str) -> Response:
    """The empty fragment for HTMX (the line leaves), else back to the page."""
    if is_htmx(request):
        return HTMLResponse("")
    page = "/week" if _days(values) == 7 else "/today"
    return redirect(f"{page}?handled={handled}")


@router.post("/today/lines/{key}/done")
def line_done(request: Request, uow: UoW, key: str, values: FormData) -> Response:
    """Do the line (log the check-in, keep the promise, ...) and take it off the agenda."""
    work.line_done(uow, key, days=_days(values))
    return _answer(request, values, "done")


@router.post("/today/lines/{key}/snooze")
def line_snooze(request: Request, uow: UoW, key: str, values: FormData) -> Response:
    """Hide the line until a day: ``until`` is a date or words ("tomorrow", "next week")."""
    text = values.get("until", "").strip()
    if text == "next week":
        until: date | None = date.today() + timedelta(weeks=1)
    else:
        until = parse_optional_date(text or None, field="until")
    work.snooze_line(uow, key, until, days=_days(values))
    return _answer(request, values, "snoozed")


@router.post("/today/lines/{key}/dismiss")
def line_dismiss(request: Request, uow: UoW, key: str, values: FormData) -> Response:
    """Take the line off the agenda for good, with the reason given (may be empty)."""
    work.dismiss_line(uow, key, values.get("why", ""), days=_days(values))
    return _answer(request, values, "dismissed")
