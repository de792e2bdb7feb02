"""``/api/v1/graph`` and ``/api/v1/paths``: the network for the map, and paths across it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from allies.services.network.map import strongest_path
from allies.services.network.map_view import EVERYONE_UP_TO, TOP, map_view
from allies.web.api.common import ref
from allies.web.deps import LensDep, UoW
from allies.web.schemas.network.graph import GraphOut, PathOut

router = APIRouter(tags=["graph"])


@router.get("/graph", response_model=GraphOut)
def graph(
    uow: UoW,
    lens: LensDep,
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
) -> GraphOut:
    """What the map draws: every person and tie of a small network; of a large one, an
    overview (clusters sized by their members, the most influential people, and the ties
    between them), with the clusters asked for opened and a person's circle."""
    return GraphOut.of_view(
        map_view(
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
        )
    )


@router.get("/paths", response_model=PathOut)
def path(
    uow: UoW,
    target: Annotated[int, Query(description="The person to reach (id).")],
    source: Annotated[int | None, Query(description="Where to start (id); me if left out.")] = None,
) -> PathOut:
    """The strongest chain of ties from ``source`` (me by default) to ``target``."""
    found = strongest_path(uow, ref(target), source=ref(source) if source is not None else "me")
    return PathOut.of(found)
