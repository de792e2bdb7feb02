"""The demo from the first page: a button that builds the demo organisation.

An empty workspace's start page offers to add yourself, to import contacts or a
calendar, or to open the demo. The demo never goes into your own workspace: it is built
in a workspace of its own, ``demo`` (where this app already shows the workspace
``demo``, there, so it appears at once), and the page says how to look at it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.bootstrap import unit_of_work_factory
from allies.errors import AlliesError
from allies.services.team import workspaces as admin
from allies.web.deps import SettingsDep, render
from allies.web.pages.common import redirect

router = APIRouter()

#: The workspace the demo is built in.
DEMO = "demo"


@router.post("/demo", response_class=HTMLResponse, name="demo")
def build_demo(request: Request, settings: SettingsDep) -> Response:
    """Build the demo in its own workspace and say where it is."""
    if getattr(request.state, "identity", None) is not None:
        return _explain(request, settings.workspace, built=False, team=True)
    factory = unit_of_work_factory(settings)
    try:
        admin.build_demo_workspace(factory, DEMO)
    except AlliesError as error:  # it is already there: nothing to rebuild
        if error.http_status != 409:
            raise
    if settings.workspace == DEMO:
        return redirect("/?saved=demo")
    return _explain(request, settings.workspace, built=True, team=False)


def _explain(request: Request, current: str, *, built: bool, team: bool) -> HTMLResponse:
    return render(
        request,
        "demo/ready.html",
        {"title": "The demo", "current": current, "demo": DEMO, "built": built, "team": team},
    )
