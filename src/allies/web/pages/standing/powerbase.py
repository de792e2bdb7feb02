"""Where you stand in the browser: the power base with its charts, and the printable report.

``/powerbase`` shows the findings, the network by level, unit and organisation, the
strength distribution, the sphere of influence and the dependency risks;
``/powerbase/report.html`` downloads the self-contained report ``allies report`` writes.

On a large network the report takes seconds to work out, so the page never waits for it:
it shows the report kept for the records as they are
(:func:`allies.services.standing.kept.current_power_base`); after a change, the newest one
kept, saying when it was worked out; with none kept at all, a note. In both cases the
background work is asked for the current one (``analyses``) and ``/powerbase/ready``,
asked every few seconds by the page, reloads it once it is kept. Up to
:data:`INLINE_PEOPLE` people the page works the report out while it waits.
"""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from allies.background.soon import run_soon_or_here
from allies.errors import NotFound
from allies.services.context import Lens
from allies.services.dates import worked_out
from allies.services.ports import UnitOfWork
from allies.services.standing.kept import current_power_base, newest_power_base
from allies.services.standing.powerbase import PowerBase, power_base
from allies.services.standing.report import standing_report
from allies.web.charts import composition_bars, sphere_orbit, strength_columns
from allies.web.deps import LensDep, SettingsDep, UoW, render
from allies.web.report import render_report

router = APIRouter(include_in_schema=False)

#: Up to this many people the page works the report out while it waits.
INLINE_PEOPLE = 500
#: Seconds between two looks of a page waiting for the current report.
POLL_SECONDS = 3


def _large(uow: UnitOfWork) -> bool:
    with uow:
        return uow.people.count() > INLINE_PEOPLE


def _shown(uow: UnitOfWork, lens: Lens) -> tuple[PowerBase | None, datetime | None, bool]:
    """The report to show, when the one shown was worked out if it is an earlier one, and
    whether it is the current one."""
    if lens.day != date.today() or not _large(uow):
        return power_base(uow, lens=lens), None, True
    current = current_power_base(uow, lens)
    if current is not None:
        return current, None, True
    earlier = newest_power_base(uow)
    if earlier is None:
        return None, None, False
    return earlier[0], earlier[1], False


def nobody(request: Request, title: str, error: NotFound) -> HTMLResponse:
    """The page for a workspace where nobody is marked as me yet."""
    return render(
        request,
        "standing/empty.html",
        {"title": title, "section": "standing", "message": error.message, "page": ""},
    )


@router.get("/powerbase", response_class=HTMLResponse, name="powerbase")
def powerbase_page(
    request: Request, uow: UoW, lens: LensDep, settings: SettingsDep, after: BackgroundTasks
) -> HTMLResponse:
    """The power base: findings first, then the charts and tables behind them."""
    try:
        pb, earlier, current = _shown(uow, lens)
    except NotFound as error:
        return nobody(request, "Where you stand", error)
    if not current:
        after.add_task(run_soon_or_here, settings, "analyses", uow.workspace)
    waiting = {
        "poll_seconds": POLL_SECONDS,
        "earlier": None if earlier is None else worked_out(earlier),
    }
    if pb is None:
        return render(
            request,
            "standing/waiting.html",
            {
                "title": "Where you stand",
                "section": "standing",
                "page": "powerbase",
                "waiting": waiting,
            },
        )
    context = {
        "title": "Where you stand",
        "section": "standing",
        "pb": pb,
        "waiting": None if current else waiting,
        "level_chart": composition_bars(pb.by_level, "By level"),
        "unit_chart": composition_bars(pb.by_unit, "By unit"),
        "org_chart": composition_bars(pb.by_organisation, "By organisation"),
        "strength_chart": strength_columns(pb.strength.bins, "Strength of your relationships"),
        "sphere_chart": sphere_orbit(pb.sphere, "Your sphere of influence"),
    }
    return render(request, "standing/powerbase.html", context)


@router.get("/powerbase/ready", response_class=HTMLResponse, name="powerbase-ready")
def powerbase_ready(
    request: Request, uow: UoW, lens: LensDep, settings: SettingsDep, after: BackgroundTasks
) -> Response:
    """Asked every few seconds by a page showing an earlier report (or none): reloads it
    once the current one is kept (``HX-Refresh``), else the same note again."""
    try:
        ready = not _large(uow) or current_power_base(uow, lens) is not None
    except NotFound:
        ready = True  # the page says what to do
    if ready:
        if "hx-request" not in request.headers:  # opened by hand: the page itself
            return RedirectResponse("/powerbase", status_code=303)
        return HTMLResponse("", headers={"HX-Refresh": "true"})
    after.add_task(run_soon_or_here, settings, "analyses", uow.workspace)  # none goes twice
    earlier = request.query_params.get("earlier") or None
    context = {"poll_seconds": POLL_SECONDS, "earlier": earlier}
    return render(request, "standing/_waiting.html", {"waiting": context})


@router.get("/powerbase/report.html", name="powerbase-report")
def report_download(uow: UoW, lens: LensDep) -> Response:
    """The printable report as a file to keep (the same as ``allies report --html``)."""
    report = standing_report(uow, lens=lens)
    name = f"where-i-stand-{report.as_of.isoformat()}.html"
    return Response(
        render_report(report),
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
