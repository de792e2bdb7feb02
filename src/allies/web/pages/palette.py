"""Finding anything from any page: the command palette (Ctrl/Cmd-K) and the header search.

- ``/find.json?q=``: people, organisations, campaigns, alliances, goals and notes whose
  name or text holds what was typed, as JSON for the palette's script
  (``static/js/palette.js``);
- ``/find?q=``: the same results as a page, where the header's search box leads (and
  where the palette's Enter goes without a script).
"""

from __future__ import annotations

from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from allies.services.palette.search import KINDS, find_anything
from allies.web.deps import UoW, render

router = APIRouter()

#: The most results of one kind the palette lists; the page lists more.
IN_PALETTE = 5
ON_PAGE = 20


@router.get("/find.json", name="find_json")
def find_json(uow: UoW, q: Annotated[str, Query(max_length=200)] = "") -> JSONResponse:
    """What the palette lists for ``q``: each result's kind, title, detail and link."""
    found = find_anything(uow, q, limit=IN_PALETTE)
    return JSONResponse(
        {
            "query": q,
            "results": [
                {
                    "kind": f.kind,
                    "group": KINDS[f.kind],
                    "title": f.title,
                    "detail": f.detail,
                    "href": f.href,
                }
                for f in found
            ],
        }
    )


@router.get("/find", response_class=HTMLResponse, name="find")
def find_page(
    request: Request, uow: UoW, q: Annotated[str, Query(max_length=200)] = ""
) -> HTMLResponse:
    """Everything whose name or text holds ``q``, grouped by kind."""
    found = find_anything(uow, q, limit=ON_PAGE)
    groups = [(KINDS[kind], list(rows)) for kind, rows in groupby(found, key=lambda f: f.kind)]
    return render(
        request,
        "palette/find.html",
        {"title": f"Find “{q}”" if q else "Find", "query": q, "groups": groups},
    )
