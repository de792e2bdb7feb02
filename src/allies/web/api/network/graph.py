"""``/api/v1/graph`` and ``/api/v1/paths``: the network for the map, and paths across it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from allies.services.network.map import network_map, strongest_path
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
) -> GraphOut:
    """Every person (sized by influence, with their group and side) and every tie."""
    return GraphOut.of(network_map(uow, lens=lens, campaign=campaign))


@router.get("/paths", response_model=PathOut)
def path(
    uow: UoW,
    target: Annotated[int, Query(description="The person to reach (id).")],
    source: Annotated[int | None, Query(description="Where to start (id); me if left out.")] = None,
) -> PathOut:
    """The strongest chain of ties from ``source`` (me by default) to ``target``."""
    found = strongest_path(uow, ref(target), source=ref(source) if source is not None else "me")
    return PathOut.of(found)
