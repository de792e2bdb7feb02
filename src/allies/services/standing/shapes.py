"""The records the power-base report is made of (:mod:`allies.services.standing.powerbase`).

Only their shapes live here, with nothing that computes them, so a report kept between
views (:mod:`allies.services.standing.kept`) is read back without loading the analyses
behind it (NumPy, SciPy, the influence graph). :mod:`~allies.services.standing.parts`,
:mod:`~allies.services.standing.findings`, :mod:`~allies.services.standing.risks` and
:mod:`~allies.services.standing.snapshot` work them out and name them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from allies.services.influence.path_options import PathOption

__all__ = [
    "Brokerage",
    "Dependency",
    "Finding",
    "GroupRow",
    "Ledger",
    "PersonRef",
    "ReachSummary",
    "Sphere",
    "SphereRow",
    "StrengthBin",
    "StrengthDistribution",
    "Tieline",
]


@dataclass(frozen=True)
class Tieline:
    """My relationship with one person: the tie, its health and the strength they make."""

    id: int
    name: str
    title: str
    level: str
    unit: str
    organisation: str
    tie: float
    tie_kind: str
    health: int
    strength: float
    band: str
    cooling: bool
    last_contact: date | None


@dataclass(frozen=True)
class PersonRef:
    """Someone a part or a finding rests on, with why they are named (``note``, in words)
    and the figure behind it when there is one (``detail``, e.g. "strength 0.32": shown on
    demand)."""

    id: int
    name: str
    note: str = ""
    detail: str = ""


@dataclass(frozen=True)
class GroupRow:
    """One level, unit or organisation: how many people and how strong my ties are."""

    group: str
    people: int
    strong: int
    moderate: int
    weak: int
    none: int
    mean_strength: float
    allies: list[PersonRef]


@dataclass(frozen=True)
class StrengthBin:
    """One interval of strength and how many relationships fall in it."""

    low: float
    high: float
    count: int


@dataclass(frozen=True)
class StrengthDistribution:
    """How strong my relationships are: the histogram, the bands and the strongest."""

    bins: list[StrengthBin]
    bands: dict[str, int]
    mean: float
    median: float
    strongest: list[Tieline]
    formula: str


@dataclass(frozen=True)
class ReachSummary:
    """Whom my ties reach in one and two steps, at any strength and through allies.

    *Through allies*: the first step is a strong relationship of mine, the second a tie of
    theirs at least as strong (weight ≥ 0.6). ``through`` names the contacts who open the
    most second-step people through strong ties (the note says how many).
    """

    people: int
    direct: int
    two_steps: int
    beyond: int
    strong_direct: int
    strong_two_steps: int
    through: list[PersonRef]


@dataclass(frozen=True)
class Brokerage:
    """My brokerage on my ties (Burt 1992), and who closes my network most.

    ``freer_than`` is the share of the other people with ties who are more constrained.
    """

    constraint: float | None
    effective_size: float | None
    contacts: int
    freer_than: float
    closing: list[PersonRef]
    formula: str


@dataclass(frozen=True)
class SphereRow:
    """Someone in my sphere of influence and their share of it."""

    id: int
    name: str
    title: str
    level: str
    unit: str
    share: float
    listens_directly: bool


@dataclass(frozen=True)
class Sphere:
    """Where my lead travels: the people, the shares by level and unit, its spread.

    ``kept`` is the share the walk spends with me; the people's ``share`` is of the rest.
    ``listeners`` counts the people who take my lead directly (listens-to weight ≥
    :data:`LEAD_MIN`).
    ``effective_people`` is the Hill number of the shares (how many people, as if evenly).
    """

    people: list[SphereRow]
    listeners: int
    kept: float
    effective_people: float
    by_level: dict[str, float]
    by_unit: dict[str, float]
    formula: str


@dataclass(frozen=True)
class Ledger:
    """Whether I keep my word and give as much as I take."""

    my_reliability: int
    kept: int
    late: int
    broken: int
    overdue: list[str]
    their_reliability: int
    given_units: int
    received_units: int
    owe: list[PersonRef]


@dataclass(frozen=True)
class Finding:
    """One thing the power base says: the sentence, why, who, and what to do."""

    kind: str
    title: str
    detail: str
    people: list[PersonRef] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Dependency:
    """Someone I depend on without a strong relationship, and the way to them."""

    id: int
    name: str
    title: str
    level: str
    unit: str
    strength: float
    band: str
    risk: str  # high or medium
    importance: float
    needed_by: list[str]
    path: PathOption | None
    introducer: str | None
    introducer_id: int | None
    action: str
