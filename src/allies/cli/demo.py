"""``allies demo``: a realistic sample organisation to explore before entering your own."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import bullet_lines
from allies.services.team import workspaces as admin


def demo(
    ctx: typer.Context,
    into: Annotated[str, typer.Option(help="The workspace to build it in.")] = "demo",
    seed: Annotated[int, typer.Option(help="Random seed: the same seed, the same network.")] = 7,
    today: Annotated[
        str | None, typer.Option(help="The day the story ends (ISO date; default today).")
    ] = None,
    replace: Annotated[
        bool, typer.Option(help="Rebuild the workspace if it already holds a network.")
    ] = False,
) -> None:
    """Build a realistic demo organisation in a fresh workspace and say what to try.

    Example: allies demo --replace   (then: allies -w demo person list)
    """
    end = date.fromisoformat(today) if today else None
    lines = admin.build_demo_workspace(
        state(ctx).factory(), into, seed=seed, today=end, replace=replace
    )
    bullet_lines(lines)
