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

:func:`load_standing` reads no interaction as an object: the health of every relationship
comes from sums the database adds up
(:func:`~allies.services.standing.health_tallied.tallied_health`, issue 22), and the
introduction graph weighed by warmth is made once for every path asked for.
:func:`load_standing_in_full` reads every record as an object, as before: the reference a
test checks the fast reading against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import numpy as np
import numpy.typing as npt

from allies.analysis.evidence import EvidenceWeights
from allies.analysis.graph import WeightedDigraph
from allies.analysis.paths import PathTree, k_strongest_paths, strongest_paths_from
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
from allies.services.influence.path_options import PathOption
from allies.services.influence.paths import Warmth, path_option, warm_graph
from allies.services.keep.health import reports
from allies.services.keep.snapshot import Snapshot
from allies.services.ports import UnitOfWork
from allies.services.standing.health_tallied import (
    RelationshipHealth,
    from_report,
    tallied_health,
)
from allies.services.standing.shapes import Tieline

__all__ = [
    "STRENGTH_FORMULA",
    "RelationshipHealth",
    "Standing",
    "Tieline",
    "load_standing",
    "load_standing_in_full",
]

STRENGTH_FORMULA = (
    "strength = w × (1 + h) / 2 with w the strongest current tie between you (either "
    "direction, any kind, 0-1) and h the relationship's health (0-1); without a tie, h / 4"
)

NO_LEVEL = "unknown"
NO_UNIT = "(no unit)"
NO_ORGANISATION = "(no organisation)"


@dataclass
class Standing:
    """One workspace as seen from me, read in one transaction (see the module doc)."""

    network: InfluenceNetwork
    snapshot: Snapshot
    goals: list[Goal] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    #: Everyone's relationship health, when read from the store's sums
    #: (:func:`~allies.services.standing.health_tallied.tallied_health`); ``None``: from
    #: the snapshot's records.
    tallied: dict[int, RelationshipHealth] | None = None
    #: With :attr:`tallied`, the people I have a record with (see :attr:`in_touch`).
    touched: frozenset[int] | None = None

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
    def health(self) -> dict[int, RelationshipHealth]:
        """The health of each of my relationships, by person id, in name order."""
        self.me  # noqa: B018 - raises when nobody is me
        if self.tallied is not None:
            return self.tallied
        return {r.person_id: from_report(r) for r in reports(self.snapshot, self.as_of)}

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
        met = set(self.touched or ())
        met |= {pid for i in self.snapshot.interactions for pid in i.participant_ids}
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

    @cached_property
    def _units(self) -> dict[int, str]:
        return {pid: self.network.unit_of(pid) or NO_UNIT for pid in self.ids}

    def unit_of(self, person_id: int) -> str:
        """The person's unit, or :data:`NO_UNIT`."""
        found = self._units.get(person_id)
        return found if found is not None else self.network.unit_of(person_id) or NO_UNIT

    @cached_property
    def _organisations(self) -> dict[int, str]:
        return {o.id: o.name for o in self.snapshot.organisations if o.id is not None}

    def organisation_of(self, person_id: int) -> str:
        """The person's organisation, or :data:`NO_ORGANISATION`."""
        person = self.network.people.get(person_id)
        if person is None or person.organisation_id is None:
            return NO_ORGANISATION
        found = self._organisations.get(person.organisation_id)
        if found is not None:
            return found
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

    @cached_property
    def _others(self) -> tuple[int, ...]:
        return tuple(pid for pid in self.ids if pid != self.me_id)

    def others(self) -> list[int]:
        """Everyone's id but mine, in matrix order."""
        return list(self._others)

    @cached_property
    def others_index(self) -> npt.NDArray[np.intp]:
        """The matrix index of each of :meth:`others`, in that order."""
        return np.array([self.network.index(pid) for pid in self._others], dtype=np.intp)

    @cached_property
    def warm(self) -> WeightedDigraph:
        """The introduction graph, each hop weighed by the warmth of the relationship
        (:func:`warm_graph`), made once for every path asked for."""
        return warm_graph(self.network, self.warmth)

    @cached_property
    def paths(self) -> PathTree:
        """The strongest warm paths from me to everyone (see :attr:`warm`)."""
        return strongest_paths_from(self.warm, self.me_index)

    def path_to(self, person_id: int) -> PathOption | None:
        """The strongest warm path from me to the person, or None when none exists (the
        path :func:`~allies.services.influence.paths.warm_path_in` finds, on
        :attr:`warm`)."""
        graph = self.warm
        found = k_strongest_paths(graph, graph.index_of(self.me_id), graph.index_of(person_id), 1)
        return path_option(self.network, found[0], 1) if found else None

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
        cadences = uow.cadences.list()
        tallied, touched = tallied_health(uow, lens.day, cadences)
        snapshot = Snapshot(
            people=people,
            organisations=uow.organisations.list(),
            # only those after the day (health sums those up to it): who I am in touch with
            interactions=uow.interactions.in_window(lens.day + timedelta(days=1), date.max),
            favours=uow.favours.list(),
            promises=uow.promises.list(),
            cadences=cadences,
            alliances=uow.alliances.list(),
        )
        goals = uow.goals.list()
        assessments = uow.assessments.list()
        stances = uow.stances.list()
    return Standing(
        network, snapshot, goals, assessments, stances, tallied=tallied, touched=touched
    )


def load_standing_in_full(uow: UnitOfWork, lens: Lens = TODAY) -> Standing:
    """:func:`load_standing` reading every record as an object, with each relationship's
    health from its full report (:func:`allies.services.keep.health.reports`): slow on a
    large workspace; the reference the fast reading is checked against."""
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
