"""``/api/v1/graph`` and ``/api/v1/paths``: the network for the map, and paths across it.

On a network of more than :data:`~allies.services.network.map_view.INLINE_UP_TO` people
whose map is not worked out for its current state (just changed, or never drawn), the
graph is not drawn while the request waits: the answer is ``202 Accepted`` with a
``Retry-After`` of :data:`RETRY_AFTER` seconds and ``{"detail": ..., "drawing": true}``,
and the background work is asked to draw it (the ``analyses`` task; where no scheduler or
job queue runs, a thread of this process). The map page shows the detail and asks again.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Query
from fastapi.responses import JSONResponse

from allies.background.soon import run_soon
from allies.bootstrap import unit_of_work_factory
from allies.services.influence.kept import refresh_soon
from allies.services.influence.ready import listens_kept
from allies.services.network.map import strongest_path
from allies.services.network.map_view import (
    EVERYONE_UP_TO,
    INLINE_UP_TO,
    TOP,
    MapNotReady,
    map_view,
)
from allies.web.api.common import ref
from allies.web.deps import LensDep, SettingsDep, UoW
from allies.web.schemas.network.graph import GraphOut, PathOut

router = APIRouter(tags=["graph"])

#: Seconds a client waits before asking again for a map being drawn.
RETRY_AFTER = 3


def _ask(settings: SettingsDep, workspace: str, lens: LensDep) -> None:
    """Ask the background work to draw the map (the ``analyses`` task, else a thread)."""
    if not run_soon(settings, "analyses", workspace):
        refresh_soon(lambda: unit_of_work_factory(settings)(workspace), lens)


def _drawing(
    settings: SettingsDep, workspace: str, lens: LensDep, people: int, after: BackgroundTasks
) -> JSONResponse:
    """Ask the background work to draw the map once answered; the answer that says so."""
    after.add_task(_ask, settings, workspace, lens)
    return JSONResponse(
        {
            "detail": f"The map of {people:,} people is being drawn after the latest "
            "changes; it takes a little while on a network this large.",
            "drawing": True,
        },
        status_code=202,
        headers={"Retry-After": str(RETRY_AFTER)},
    )


@router.get(
    "/graph",
    response_model=GraphOut,
    responses={
        202: {
            "description": "A large network's map is being drawn (after a change): ask "
            "again after Retry-After seconds."
        }
    },
)
def graph(
    uow: UoW,
    lens: LensDep,
    settings: SettingsDep,
    after: BackgroundTasks,
    campaign: Annotated[
        str | None,
        Query(
            max_length=200,
            description="The campaign (name or id) whose sides to show (default: active).",
        ),
    ] = None,
    level: Annotated[
        Literal["overview", "everyone"],
        Query(
            description=f"overview: everyone up to {EVERYONE_UP_TO} people, else one circle "
            "per cluster with the most influential people on their own; everyone: every "
            "person and tie whatever the size."
        ),
    ] = "overview",
    by: Annotated[
        Literal["group", "unit"],
        Query(description="What the overview's clusters are: groups (communities) or units."),
    ] = "group",
    top: Annotated[
        int | None,
        Query(
            ge=0,
            le=2000,
            description=f"The most influential people drawn on their own ({TOP} by default).",
        ),
    ] = None,
    cluster: Annotated[
        list[str] | None,
        Query(
            max_length=200,
            description="Clusters to open (group:<number> or unit:<id>, as the overview "
            "names them); repeat to open several.",
        ),
    ] = None,
    focus: Annotated[
        int | None, Query(description="A person (id) to draw with the people around them.")
    ] = None,
    depth: Annotated[
        int, Query(ge=1, le=2, description="How many ties out from the focus: 1 or 2.")
    ] = 1,
    person: Annotated[
        list[int] | None,
        Query(max_length=200, description="People (ids) to draw on their own too; repeat."),
    ] = None,
) -> GraphOut | JSONResponse:
    """What the map draws: every person and tie of a small network; of a large one, an
    overview (clusters sized by their members, the most influential people, and the ties
    between them), with the clusters asked for opened and a person's circle. A large
    network's map not drawn yet for its current state answers 202 (see the module)."""
    ready = listens_kept(uow, lens)  # a few quick reads: is the network worked out?
    if ready.people > INLINE_UP_TO and not ready.kept:
        return _drawing(settings, uow.workspace, lens, ready.people, after)
    try:
        view = map_view(
            uow,
            lens,
            level=level,
            by=by,
            top=top,
            opened=cluster or [],
            focus=focus,
            depth=depth,
            people=person or [],
            campaign=campaign,
            wait=False,
        )
    except MapNotReady as drawing:
        return _drawing(settings, uow.workspace, lens, drawing.people, after)
    return GraphOut.of_view(view)


@router.get("/paths", response_model=PathOut)
def path(
    uow: UoW,
    target: Annotated[int, Query(description="The person to reach (id).")],
    source: Annotated[int | None, Query(description="Where to start (id); me if left out.")] = None,
) -> PathOut:
    """The strongest chain of ties from ``source`` (me by default) to ``target``."""
    found = strongest_path(uow, ref(target), source=ref(source) if source is not None else "me")
    return PathOut.of(found)
