"""Where you stand in the browser: the power base with its charts, and the printable report.

``/powerbase`` shows the findings, the network by level, unit and organisation, the
strength distribution, the sphere of influence and the dependency risks;
``/powerbase/report.html`` downloads the self-contained report ``allies report`` writes.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import NotFound
from allies.services.standing.powerbase import power_base
from allies.services.standing.report import standing_report
from allies.web.charts import composition_bars, sphere_orbit, strength_columns
from allies.web.deps import LensDep, UoW, render
from allies.web.report import render_report

router = APIRouter(include_in_schema=False)


def nobody(request: Request, title: str, error: NotFound) -> HTMLResponse:
    """The page for a workspace where nobody is marked as me yet."""
    return render(
        request,
        "standing/empty.html",
        {"title": title, "section": "standing", "message": error.message, "page": ""},
    )


@router.get("/powerbase", response_class=HTMLResponse, name="powerbase")
def powerbase_page(request: Request, uow: UoW, lens: LensDep) -> HTMLResponse:
    """The power base: findings first, then the charts and tables behind them."""
    try:
        pb = power_base(uow, lens=lens)
    except NotFound as error:
        return nobody(request, "Where you stand", error)
    context = {
        "title": "Where you stand",
        "section": "standing",
        "pb": pb,
        "level_chart": composition_bars(pb.by_level, "By level"),
        "unit_chart": composition_bars(pb.by_unit, "By unit"),
        "org_chart": composition_bars(pb.by_organisation, "By organisation"),
        "strength_chart": strength_columns(pb.strength.bins, "Strength of your relationships"),
        "sphere_chart": sphere_orbit(pb.sphere, "Your sphere of influence"),
    }
    return render(request, "standing/powerbase.html", context)


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
