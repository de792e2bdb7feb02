"""The Map page: the network drawn with Cytoscape.js from ``/api/v1/graph``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from allies.services.network.map import campaign_names
from allies.web.deps import UoW, render
from allies.web.pages.common import suggestions

router = APIRouter()


@router.get("/map", response_class=HTMLResponse, name="map")
def map_page(request: Request, uow: UoW, focus: int | None = None) -> HTMLResponse:
    """The map; the drawing itself happens in ``static/js/map.js``."""
    suggest = suggestions(uow)
    return render(
        request,
        "network/map.html",
        {
            "title": "Map",
            "section": "map",
            "focus": focus,
            "suggest": suggest,
            "people_count": suggest["people_count"],
            "campaigns": campaign_names(uow),
        },
    )
