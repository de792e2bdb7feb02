"""The demo from the first page: a button that builds the demo organisation.

An empty workspace's start page offers to add yourself, to import contacts or a
calendar, or to load the demo, and says in plain words what the demo is and where it
goes. The demo never goes into your own workspace: it is built in a workspace of its own,
``demo`` (where this app already shows the workspace ``demo``, there, so it appears at
once), and the page that follows says what to do next: how to switch to it and back.
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
    built = True
    try:
        admin.build_demo_workspace(factory, DEMO)
    except AlliesError as error:  # it is already there: nothing to rebuild
        if error.http_status != 409:
            raise
        built = False
    if settings.workspace == DEMO:
        return redirect("/?saved=demo")
    return _explain(request, settings.workspace, built=built, team=False)


def _explain(request: Request, current: str, *, built: bool, team: bool) -> HTMLResponse:
    """The page that says where the demo is and what to do next (``built``: it was loaded
    now rather than found from an earlier time)."""
    return render(
        request,
        "demo/ready.html",
        {
            "title": "The demo" if team else "The demo is ready",
            "current": current,
            "demo": DEMO,
            "built": built,
            "team": team,
        },
    )
