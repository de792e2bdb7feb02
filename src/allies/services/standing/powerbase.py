"""Where you stand: the power-base report.

My network by level, unit and organisation; how strong my relationships are; whom my ties
reach in one and two steps; how much I broker (Burt's constraint and effective size); my
sphere of influence (personalised PageRank from me, Brin and Page 1998, Haveliwala 2002);
whether I keep my word and give as much as I take; the people my open goals, campaigns and
alliances need whom I am weakly tied to; and plain-language findings, each with the people
behind it and what to do. Everything comes from one read of the workspace
(:func:`allies.services.standing.snapshot.load_standing`), and the report is kept until
the records it is made of change (:mod:`allies.services.standing.kept`).

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
   Harvard University Press.
.. [2] Brin, S. and Page, L. (1998). "The anatomy of a large-scale hypertextual web search
   engine". *Computer Networks and ISDN Systems* 30(1-7):107-117.
.. [3] Haveliwala, T. H. (2002). "Topic-sensitive PageRank". *Proceedings of WWW 2002*,
   517-526.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork
from allies.services.standing.assessment import AssessmentResult, latest_of
from allies.services.standing.shapes import (
    Brokerage,
    Dependency,
    Finding,
    GroupRow,
    Ledger,
    PersonRef,
    ReachSummary,
    Sphere,
    SphereRow,
    StrengthBin,
    StrengthDistribution,
    Tieline,
)

if TYPE_CHECKING:  # the analyses load only when a report is worked out, not read back
    from allies.services.standing.snapshot import Standing

__all__ = [
    "Brokerage",
    "Dependency",
    "Finding",
    "GroupRow",
    "Ledger",
    "PersonRef",
    "PowerBase",
    "ReachSummary",
    "Sphere",
    "SphereRow",
    "StrengthBin",
    "StrengthDistribution",
    "Tieline",
    "power_base",
    "power_base_in",
]


class Later:
    """A field's value worked out on first use: the longest part of a kept report (every
    relationship), read back only when something looks at it."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class _OnFirstUse:
    """A dataclass field that may be given as a :class:`Later`: worked out on first read,
    then kept on the instance (set on the class after the dataclass is made, so the field
    stays one without a default)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            raise AttributeError(self.name)
        held = instance.__dict__[self.name]
        if isinstance(held, Later):
            held = held.make()
            instance.__dict__[self.name] = held
        return held

    def __set__(self, instance: object, value: Any) -> None:
        instance.__dict__[self.name] = value


@dataclass(frozen=True)
class PowerBase:
    """The whole report (see the module doc); ``relationships`` lists everyone, strongest
    first, and ``method`` states how each part is computed."""

    as_of: date
    me: PersonRef
    title: str
    unit: str
    organisation: str
    people: int
    findings: list[Finding]
    by_level: list[GroupRow]
    by_unit: list[GroupRow]
    by_organisation: list[GroupRow]
    strength: StrengthDistribution
    reach: ReachSummary
    brokerage: Brokerage
    sphere: Sphere
    ledger: Ledger
    dependencies: list[Dependency]
    assessment: AssessmentResult | None
    relationships: list[Tieline]
    method: list[str]


setattr(PowerBase, "relationships", _OnFirstUse("relationships"))  # noqa: B010


def power_base_in(standing: Standing) -> PowerBase:
    """:func:`power_base` on a workspace already read.

    Raises
    ------
    allies.errors.NotFound
        When nobody is marked as me.
    """
    from allies.services.standing.findings import KINDS, network_findings
    from allies.services.standing.habits import (
        assessment_findings,
        cooling_findings,
        ledger_findings,
    )
    from allies.services.standing.parts import (
        brokerage_of,
        composition,
        distribution,
        ledger_of,
        reach_of,
        sphere_of,
    )
    from allies.services.standing.risks import dependencies, needs_of

    me = standing.me
    parts = composition(standing)
    sphere = sphere_of(standing)
    brokerage = brokerage_of(standing)
    ledger = ledger_of(standing)
    needs = needs_of(standing)
    risks = dependencies(standing)
    assessment = latest_of(standing.assessments)
    strength = distribution(standing)
    found = [
        *network_findings(
            standing,
            by_level=parts["level"],
            sphere=sphere,
            brokerage=brokerage,
            dependencies=risks,
            needs=needs,
        ),
        *ledger_findings(standing, ledger, needs),
        *cooling_findings(standing, needs),
        *assessment_findings(assessment),
    ]
    found.sort(key=lambda f: KINDS.index(f.kind))
    everyone = sorted(
        (standing.tieline(pid) for pid in standing.others()),
        key=lambda t: (-t.strength, t.name.casefold()),
    )
    return PowerBase(
        as_of=standing.as_of,
        me=PersonRef(standing.me_id, me.name),
        title=me.title,
        unit=standing.unit_of(standing.me_id),
        organisation=standing.organisation_of(standing.me_id),
        people=len(everyone),
        findings=found,
        by_level=parts["level"],
        by_unit=parts["unit"],
        by_organisation=parts["organisation"],
        strength=strength,
        reach=reach_of(standing),
        brokerage=brokerage,
        sphere=sphere,
        ledger=ledger,
        dependencies=risks,
        assessment=assessment,
        relationships=everyone,
        method=[
            strength.formula,
            "reach: people joined to you by a tie (one step) or by two (two steps); "
            "through allies: a strong relationship of yours, then a tie of weight ≥ 0.6",
            brokerage.formula,
            sphere.formula,
            "reliability: Beta(2, 1) posterior mean of promises kept (late counts half)",
            "dependency risks: people your open goals (need holders), active campaigns "
            "(deciders, people with a stance) and alliances (partners) need, with a "
            "relationship below strong; high below 0.35",
        ],
    )


def power_base(uow: UnitOfWork, *, lens: Lens = TODAY) -> PowerBase:
    """The power-base report of the workspace's owner: read back when kept for the
    records as they are (:mod:`allies.services.standing.kept`), else worked out from one
    read of the workspace (:func:`~allies.services.standing.snapshot.load_standing`) and
    kept.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace to read.
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    PowerBase

    Raises
    ------
    allies.errors.NotFound
        When nobody is marked as me.
    """
    from allies.services.standing.kept import kept_power_base  # it builds on this module

    return kept_power_base(uow, lens)
