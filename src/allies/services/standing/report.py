"""Everything "where you stand" says, from one read: the power base, the plans of my open
goals and my self-assessments, for the printable report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from allies.domain import GoalStatus
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork
from allies.services.standing.assessment import AssessmentResult, history_of
from allies.services.standing.powerbase import PowerBase, power_base_in

if TYPE_CHECKING:  # the analyses load when the report is made, not with the command line
    from allies.services.standing.goal_plan import GoalPlan
    from allies.services.standing.snapshot import Standing

__all__ = ["StandingReport", "standing_report", "standing_report_in"]


@dataclass(frozen=True)
class StandingReport:
    """The power base, each open goal's plan and every self-assessment (oldest first)."""

    as_of: date
    power_base: PowerBase
    goals: list[GoalPlan]
    assessments: list[AssessmentResult]


def standing_report_in(standing: Standing) -> StandingReport:
    """:func:`standing_report` on a workspace already read."""
    from allies.services.standing.goal_plan import plan_goal

    base = power_base_in(standing)
    plans = [plan_goal(standing, g) for g in standing.goals if g.status is GoalStatus.OPEN]
    return StandingReport(standing.as_of, base, plans, history_of(standing.assessments))


def standing_report(uow: UnitOfWork, *, lens: Lens = TODAY) -> StandingReport:
    """Where I stand, in full: read once, then the power base, goal plans and assessments.

    Raises
    ------
    allies.errors.NotFound
        When nobody is marked as me.
    """
    from allies.services.standing.snapshot import load_standing

    return standing_report_in(load_standing(uow, lens))
