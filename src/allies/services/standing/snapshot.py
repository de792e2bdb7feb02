"""Where I stand, read once: my network, my routine, my goals and how strong each tie is.

The power-base report, the goal plans and the goal steps on the agenda all look at the
same records. :func:`load_standing` reads them in one transaction and :class:`Standing`
prepares, on first use, what they share:

- the influence network (listens-to, trust and introduction graphs) of
  :mod:`allies.services.influence.graph` and the routine
  (:class:`~allies.services.keep.snapshot.Snapshot`) of the keeping-alliances use cases;
- for everyone, my *tie* to them (the strongest current tie between us, either direction,
  any kind), the *health* of the relationship (:mod:`allies.services.keep.health`; 0 with
  no meeting, favour or promise on record) and the
  relationship *strength* that joins them
  (:func:`allies.analysis.powerbase.relationship_strength`): ``w (1 + h) / 2`` with a tie,
  ``h / 4`` without one;
- the strongest warm path from me to anyone, and the person who would introduce me.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
import numpy.typing as npt

from allies.analysis.evidence import EvidenceWeights
from allies.analysis.paths import PathTree, strongest_paths_from
from allies.analysis.powerbase import BANDS, relationship_strength, strength_bands
from allies.domain import (
    Assessment,
    Campaign,
    CampaignStatus,
    Goal,
    Person,
    Stance,
)
from allies.errors import NextStep, NotFound
from allies.services.context import TODAY, Lens
from allies.services.influence.graph import InfluenceNetwork
from allies.services.influence.paths import PathOption, Warmth, warm_graph, warm_path_in
from allies.services.keep.health import HealthReport, reports
from allies.services.keep.snapshot import Snapshot
from allies.services.ports import UnitOfWork

__all__ = ["STRENGTH_FORMULA", "Standing", "Tieline", "load_standing"]

STRENGTH_FORMULA = (
    "strength = w × (1 + h) / 2 with w the strongest current tie between you (either "
    "direction, any kind, 0-1) and h the relationship's health (0-1); without a tie, h / 4"
)

NO_LEVEL = "unknown"
NO_UNIT = "(no unit)"
NO_ORGANISATION = "(no organisation)"


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


@dataclass
class Standing:
    """One workspace as seen from me, read in one transaction (see the module doc)."""

    network: InfluenceNetwork
    snapshot: Snapshot
    goals: list[Goal] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)

    @property
    def as_of(self) -> date:
        """The day everything is weighed on."""
        return self.network.as_of

    @cached_property
    def me(self) -> Person:
        """The owner; NotFound with what to do when nobody is marked as me."""
        mine = [p for p in self.network.people.values() if p.is_me]
        if not mine:
            raise NotFound(
                "Nobody is marked as you yet, so there is no power base to describe.",
                hint="Add yourself as a person first, marked as you.",
                next_step=NextStep("add", "person", {"me": True}),
            )
        return mine[0]

    @property
    def me_id(self) -> int:
        """My id."""
        return self.me.id or 0

    @property
    def me_index(self) -> int:
        """My matrix index."""
        return self.network.index(self.me_id)

    @property
    def ids(self) -> tuple[int, ...]:
        """Everyone's id in matrix order."""
        return self.network.ids

    @cached_property
    def campaigns(self) -> list[Campaign]:
        """The campaigns still being fought."""
        return [c for c in self.network.campaigns if c.status is CampaignStatus.ACTIVE]

    @cached_property
    def health(self) -> dict[int, HealthReport]:
        """The health of each of my relationships, by person id."""
        self.me  # noqa: B018 - raises when nobody is me
        return {r.person_id: r for r in reports(self.snapshot, self.as_of)}

    @cached_property
    def warmth(self) -> Warmth:
        """The health share of each of my relationships with a score, for warm paths."""
        return Warmth(
            self.me_id,
            {pid: r.score / 100.0 for pid, r in self.health.items() if r.score is not None},
        )

    @cached_property
    def tie(self) -> npt.NDArray[np.float64]:
        """My strongest current tie to each person (0 for none and for me)."""
        row = self.network.introduction_graph.weights[[self.me_index]].toarray().reshape(-1)
        row[self.me_index] = 0.0
        return np.asarray(row, dtype=np.float64)

    @cached_property
    def in_touch(self) -> frozenset[int]:
        """The people I have any record with: a meeting, a favour or a promise."""
        met = {pid for i in self.snapshot.interactions for pid in i.participant_ids}
        met |= {f.person_id for f in self.snapshot.favours}
        met |= set(self.snapshot.promises_with())
        return frozenset(met)

    @cached_property
    def health_share(self) -> npt.NDArray[np.float64]:
        """Each relationship's health as a share (0-1); 0 for me and for people I have no
        record with (their score would be the priors alone)."""
        values = np.zeros(len(self.ids))
        for index, pid in enumerate(self.ids):
            report = self.health.get(pid)
            if report is not None and report.score is not None and pid in self.in_touch:
                values[index] = report.score / 100.0
        return values

    @cached_property
    def strength(self) -> npt.NDArray[np.float64]:
        """Relationship strength with each person (0 for me)."""
        values = relationship_strength(self.tie, self.health_share)
        values[self.me_index] = 0.0
        return values

    @cached_property
    def bands(self) -> npt.NDArray[np.int64]:
        """Band codes of :attr:`strength` (see :data:`allies.analysis.powerbase.BANDS`)."""
        return strength_bands(self.strength)

    def strength_of(self, person_id: int) -> float:
        """My relationship strength with one person."""
        return float(self.strength[self.network.index(person_id)])

    def band_of(self, person_id: int) -> str:
        """The band of my relationship with one person."""
        return BANDS[int(self.bands[self.network.index(person_id)])]

    def level_of(self, person_id: int) -> str:
        """Where the person sits relative to me."""
        person = self.network.people.get(person_id)
        return person.level.value if person and person.level else NO_LEVEL

    def unit_of(self, person_id: int) -> str:
        """The person's unit, or :data:`NO_UNIT`."""
        return self.network.unit_of(person_id) or NO_UNIT

    def organisation_of(self, person_id: int) -> str:
        """The person's organisation, or :data:`NO_ORGANISATION`."""
        person = self.network.people.get(person_id)
        if person is None or person.organisation_id is None:
            return NO_ORGANISATION
        return self.snapshot.organisation_name(person.organisation_id)

    def tieline(self, person_id: int) -> Tieline:
        """My relationship with one person, for tables."""
        person = self.network.people[person_id]
        index = self.network.index(person_id)
        tie = self.network.tie_between(self.me_id, person_id)
        report = self.health.get(person_id)
        return Tieline(
            id=person_id,
            name=person.name,
            title=person.title,
            level=self.level_of(person_id),
            unit=self.unit_of(person_id),
            organisation=self.organisation_of(person_id),
            tie=round(float(self.tie[index]), 3),
            tie_kind=tie.kind.value if tie else "",
            health=report.score or 0 if report and person_id in self.in_touch else 0,
            strength=round(float(self.strength[index]), 3),
            band=BANDS[int(self.bands[index])],
            cooling=bool(report and report.cooling),
            last_contact=report.last_contact if report else None,
        )

    def others(self) -> list[int]:
        """Everyone's id but mine, in matrix order."""
        return [pid for pid in self.ids if pid != self.me_id]

    @cached_property
    def paths(self) -> PathTree:
        """The strongest warm paths from me to everyone (introduction graph, each hop
        weighed by the warmth of the relationship: :func:`warm_graph`)."""
        return strongest_paths_from(warm_graph(self.network, self.warmth), self.me_index)

    def path_to(self, person_id: int) -> PathOption | None:
        """The strongest warm path from me to the person, or None when none exists."""
        found = warm_path_in(self.network, f"#{person_id}", alternatives=0, warmth=self.warmth)
        return found.paths[0] if found.paths else None

    def introducer(self, path: PathOption | None) -> tuple[int, str] | None:
        """The last person before the target on a path of two or more steps."""
        if path is None or path.hops < 2:
            return None
        step = path.steps[-1]
        return step.from_id, step.from_name


def load_standing(
    uow: UnitOfWork,
    lens: Lens = TODAY,
) -> Standing:
    """Read everything the power base and the goals look at, in one transaction.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; entered and left here (nothing is written).
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    Standing

    Raises
    ------
    allies.errors.InvalidInput
        If the lens's half-life is not positive.
    """
    lens.checked()
    with uow:
        people = uow.people.list()
        network = InfluenceNetwork(
            people={p.id or 0: p for p in people},
            ties=uow.ties.columns(),
            observations=uow.observations.columns(),
            as_of=lens.day,
            weights=EvidenceWeights(half_life_days=lens.half_life_days),
            units={u.id or 0: u.name for u in uow.units.list()},
            campaigns=uow.campaigns.list(),
        )
        snapshot = Snapshot(
            people=people,
            organisations=uow.organisations.list(),
            interactions=uow.interactions.list(),
            favours=uow.favours.list(),
            promises=uow.promises.list(),
            cadences=uow.cadences.list(),
            alliances=uow.alliances.list(),
        )
        goals = uow.goals.list()
        assessments = uow.assessments.list()
        stances = uow.stances.list()
    return Standing(network, snapshot, goals, assessments, stances)
