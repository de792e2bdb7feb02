"""Goals: a desired future of mine, the decisions and resources it needs, and who holds them.

These use cases record and list goals; :mod:`allies.services.standing.goal_plan` turns a goal into
its key people, gaps and next steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from allies.domain import Goal, GoalNeed, GoalStatus, parse_enum
from allies.domain import NeedKind as NeedKindEnum
from allies.errors import AmbiguousName, NotFound
from allies.services.network.lookup import closest_names, resolve_person
from allies.services.ports import UnitOfWork

__all__ = [
    "NeedSpec",
    "add_need",
    "create_goal",
    "pick_goal",
    "set_goal_status",
]


@dataclass(frozen=True)
class NeedSpec:
    """A need as typed: what, decision or resource, and who holds it (a reference)."""

    description: str
    kind: str = "decision"
    holder: str | None = None


def pick_goal(goals: Sequence[Goal], reference: str) -> Goal:
    """The goal ``reference`` names: an id (``3`` or ``#3``), its title, or a unique part.

    Raises
    ------
    allies.errors.NotFound
        No goal matches; the message lists the closest titles.
    allies.errors.AmbiguousName
        Several goals match.
    """
    ref = reference.strip()
    if ref.lstrip("#").isdigit():
        for goal in goals:
            if goal.id == int(ref.lstrip("#")):
                return goal
    folded = ref.casefold()
    exact = [g for g in goals if g.title.casefold() == folded]
    partial = exact or [g for g in goals if folded and folded in g.title.casefold()]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise AmbiguousName(ref, [f"{g.title} (#{g.id})" for g in partial])
    if ref.lstrip("#").isdigit():
        raise NotFound(kind="goal", record_id=int(ref.lstrip("#")))
    suggestions = closest_names(ref, [g.title for g in goals])
    raise NotFound(
        f"No goal called {ref!r}.",
        suggestions=suggestions,
        hint=None if suggestions else "Check the title, or set a goal of that title.",
        kind="goal",
    )


def _need(uow: UnitOfWork, spec: NeedSpec) -> GoalNeed:
    holder = resolve_person(uow, spec.holder) if spec.holder and spec.holder.strip() else None
    if holder is not None and holder.is_me:
        holder = None
    kind = parse_enum(NeedKindEnum, spec.kind, "kind")
    return GoalNeed(spec.description, kind, holder.id if holder else None)


def create_goal(
    uow: UnitOfWork,
    title: str,
    *,
    description: str = "",
    target: date | None = None,
    needs: Sequence[NeedSpec] = (),
) -> Goal:
    """Record a goal (a role, a programme, a result) with the needs already known.

    Raises
    ------
    allies.errors.InvalidInput
        When the title is empty or a need's kind is unknown.
    allies.errors.NotFound, allies.errors.AmbiguousName
        When a need's holder cannot be found.
    """
    with uow:
        goal = Goal(
            title=title,
            description=description,
            target_on=target,
            needs=[_need(uow, spec) for spec in needs],
        )
        stored = uow.goals.add(goal)
        uow.commit()
    return stored


def add_need(
    uow: UnitOfWork,
    goal: str,
    description: str,
    *,
    kind: str = "decision",
    holder: str | None = None,
) -> Goal:
    """Add a decision or resource the goal needs, and who holds it (when known)."""
    with uow:
        found = pick_goal(uow.goals.list(), goal)
        found.needs.append(_need(uow, NeedSpec(description, kind, holder)))
        saved = uow.goals.save(found)
        uow.commit()
    return saved


def set_goal_status(uow: UnitOfWork, goal: str, status: str) -> Goal:
    """Mark a goal open, reached or dropped."""
    with uow:
        found = pick_goal(uow.goals.list(), goal)
        found.status = parse_enum(GoalStatus, status, "status")
        saved = uow.goals.save(found)
        uow.commit()
    return saved
