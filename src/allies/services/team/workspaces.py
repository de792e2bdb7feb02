"""Use cases about workspaces and the demo network."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allies.errors import Conflict, NextStep
from allies.services.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class WorkspaceRow:
    """A workspace and how much it holds."""

    name: str
    people: int
    ties: int
    interactions: int


def list_workspaces(factory: UnitOfWorkFactory) -> list[WorkspaceRow]:
    """Every workspace of the database with its size."""
    rows = []
    for name in factory.workspaces():
        with factory(name) as uow:
            rows.append(
                WorkspaceRow(name, uow.people.count(), uow.ties.count(), uow.interactions.count())
            )
    return rows


def build_demo_workspace(
    factory: UnitOfWorkFactory,
    workspace: str = "demo",
    *,
    seed: int = 7,
    today: date | None = None,
    replace: bool = False,
) -> list[str]:
    """Build the demo network in ``workspace``; returns lines saying what to try next.

    A workspace that already holds people is rebuilt only with ``replace``. Clearing the
    old network and writing the new one is one transaction, so a failure or an
    interruption at any point leaves either the old workspace or the new one, whole.
    """
    from allies.services.demo.network import build_demo, demo_summary_lines, load_demo

    network = build_demo(seed=seed, today=today)
    occupied = False
    if workspace in factory.workspaces():
        with factory(workspace) as uow:
            occupied = uow.people.count() > 0
        if occupied and not replace:
            raise Conflict(
                f"The workspace {workspace!r} already holds a network.",
                hint="Rebuild it in place, or build the demo in another workspace.",
                kind="workspace",
                next_step=NextStep("replace", "demo", {"workspace": workspace}),
            )
    summary = load_demo(factory(workspace), network, replace=occupied)
    return demo_summary_lines(summary)
