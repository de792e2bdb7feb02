"""The start page: how much the network holds, what happened lately, what is owed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from allies.services.agenda.today import agenda
from allies.services.agenda.work import done_label
from allies.services.network.overview import overview
from allies.web.deps import UoW, render
from allies.web.pages.common import flash

router = APIRouter()


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request, uow: UoW) -> HTMLResponse:
    """A short dashboard with links to everything."""
    return render(
        request,
        "agenda/home.html",
        {
            "title": "Overview",
            "section": "home",
            "summary": overview(uow),
            "agenda": agenda(uow),
            "done_label": done_label,
            "flash": flash(request),
        },
    )
