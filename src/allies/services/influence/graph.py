"""The network as arrays, read once per request for the influence use cases.

:func:`load_influence_network` reads people, ties and observations through one unit of
work and turns them into:

- the *listens-to graph* (:func:`allies.analysis.evidence.listens_to_graph`, fed with the
  records as columns by :func:`evidence_columns`): edge ``i → j`` when ``i`` takes ``j``'s
  lead, weighted by every stated tie and observation, observations fading with the
  half-life;
- the *trust graph*: the same evidence without the mere acquaintance kinds (``works_with``
  and ``knows``), i.e. whom a person trusts, listens to, reports to, defers to or asks for
  advice; a target's confidants are their out-neighbours here;
- the *introduction graph*: the ties that hold on the day, each usable both ways (an
  introduction travels along a relationship whichever way it was recorded), with the
  strongest tie's weight on each pair. Warm paths are strongest paths on it, as on the map.

Everything after loading works on these arrays, not on the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Final

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.evidence import (
    NO_DAY,
    Contribution,
    EvidenceColumns,
    EvidenceWeights,
    Explanation,
    listens_to_graph_from_columns,
)
from allies.analysis.graph import WeightedDigraph
from allies.analysis.influence import in_strength, influence_rank, out_strength
from allies.domain import (
    Campaign,
    CampaignStatus,
    ObservationColumns,
    Person,
    Tie,
    TieColumns,
)
from allies.errors import NextStep, NotFound
from allies.services.context import TODAY, Lens
from allies.services.influence.evidence import evidence_columns, observed_evidence, stated_ties
from allies.services.influence.statements import PHRASES, EvidenceItem, describe, statement_of
from allies.services.network.lookup import pick_person
from allies.services.ports import UnitOfWork

__all__ = [
    "ATTENTION",
    "DAMPING",
    "PHRASES",
    "EvidenceItem",
    "InfluenceNetwork",
    "describe",
    "evidence_columns",
    "introductions",
    "load_influence_network",
    "observed_evidence",
    "stated_ties",
    "statement_of",
]

#: Damping of the influence rank (the chance of following a listens-to edge).
DAMPING = 0.85
#: How weights enter the rank: as shares of attention, not rescaled to sum to 1.
ATTENTION: Final = "keep"


@dataclass
class InfluenceNetwork:
    """One workspace's people and evidence, with the graphs the analyses need.

    Build it with :func:`load_influence_network`; the graphs and the rank are computed on
    first use and kept for the rest of the request. Slower analyses (betweenness,
    communities, the map layout) are kept in the workspace between requests, through
    ``store``.
    """

    people: dict[int, Person]
    ties: TieColumns
    observations: ObservationColumns
    as_of: date
    weights: EvidenceWeights
    units: dict[int, str] = field(default_factory=dict)
    campaigns: list[Campaign] = field(default_factory=list)
    #: The unit of work it was read through, for the analyses it keeps between views
    #: (:mod:`allies.services.influence.cache`); None keeps nothing.
    store: UnitOfWork | None = field(default=None, repr=False, compare=False)

    @cached_property
    def ids(self) -> tuple[int, ...]:
        """Everyone's id, in matrix order."""
        return tuple(sorted(self.people))

    @cached_property
    def _evidence(self) -> EvidenceColumns:
        return evidence_columns(self.ties, self.observations)

    @cached_property
    def _listens(self) -> tuple[WeightedDigraph, Explanation]:
        return listens_to_graph_from_columns(
            self._evidence, self.as_of, ids=self.ids, weights=self.weights
        )

    @property
    def graph(self) -> WeightedDigraph:
        """The listens-to graph (``i → j``: ``i`` listens to ``j``)."""
        return self._listens[0]

    @property
    def explanation(self) -> Explanation:
        """The evidence behind every listens-to edge."""
        return self._listens[1]

    @cached_property
    def rank(self) -> npt.NDArray[np.float64]:
        """Influence rank (PageRank of being listened to), indexed like :attr:`ids`."""
        return influence_rank(self.graph, DAMPING, attention=ATTENTION)

    @cached_property
    def positions(self) -> npt.NDArray[np.int64]:
        """Each person's place in the influence ranking, 1 for the most listened to."""
        order = np.lexsort((np.asarray(self.ids), -self.rank))
        places = np.empty(len(order), dtype=np.int64)
        places[order] = np.arange(1, len(order) + 1)
        return places

    @cached_property
    def in_strength(self) -> npt.NDArray[np.float64]:
        """How much each person is listened to (sum of incoming weights)."""
        return in_strength(self.graph)

    @cached_property
    def attention_divisor(self) -> npt.NDArray[np.float64]:
        """What each person's listens-to weights are divided by in the rank: ``max(1, out)``.

        Weights are shares of attention; someone whose known listening adds up to less
        than 1 spends the rest on no one in particular (see
        :func:`allies.analysis.influence.influence_rank`, ``attention="keep"``).
        """
        return np.maximum(self.out_strength, 1.0)

    @cached_property
    def out_strength(self) -> npt.NDArray[np.float64]:
        """How much each person listens to others (sum of outgoing weights)."""
        return out_strength(self.graph)

    @cached_property
    def _trust(self) -> tuple[WeightedDigraph, Explanation]:
        weights = replace(self.weights, works_with=0.0, knows=0.0)
        return listens_to_graph_from_columns(
            self._evidence, self.as_of, ids=self.ids, weights=weights
        )

    @property
    def trust_graph(self) -> WeightedDigraph:
        """Whom each person trusts or takes the lead of (no mere acquaintance)."""
        return self._trust[0]

    @property
    def trust_explanation(self) -> Explanation:
        """The evidence behind every trust edge."""
        return self._trust[1]

    @cached_property
    def _introductions(
        self,
    ) -> tuple[WeightedDigraph, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        return introductions(self._evidence, self.ids, self.as_of)

    @property
    def introduction_graph(self) -> WeightedDigraph:
        """Current ties, usable both ways, weighted by the strongest tie on each pair."""
        return self._introductions[0]

    def tie_between(self, a: int, b: int) -> Tie | None:
        """The strongest current tie joining two people (either direction), without its
        note."""
        graph, keys, ties = self._introductions
        if a not in graph or b not in graph:
            return None
        key = graph.index_of(a) * max(graph.n, 1) + graph.index_of(b)
        place = int(np.searchsorted(keys, key))
        if place < len(keys) and keys[place] == key:
            return self.ties.tie(int(ties[place]))
        return None

    @cached_property
    def contexts(self) -> dict[int, str]:
        """Where each observation was made, by observation id."""
        seen = self.observations
        pairs = zip(seen.id, seen.context, strict=True)
        return {i: context for i, context in pairs if i is not None and context}

    def index(self, person_id: int) -> int:
        """The matrix index of a person."""
        return self.graph.index_of(person_id)

    def name(self, person_id: int) -> str:
        """A person's name (``#id`` if unknown)."""
        person = self.people.get(person_id)
        return person.name if person else f"#{person_id}"

    def unit_of(self, person_id: int) -> str:
        """The name of a person's unit, or an empty string."""
        person = self.people.get(person_id)
        if person is None or person.unit_id is None:
            return ""
        return self.units.get(person.unit_id, "")

    def person(self, reference: str) -> Person:
        """The person a name, e-mail, id or ``me`` names (NotFound, AmbiguousName)."""
        return pick_person(list(self.people.values()), reference)

    def people_named(self, references: Sequence[str]) -> list[Person]:
        """Several people by reference, each once, in the order given."""
        chosen: dict[int, Person] = {}
        for reference in references:
            if reference.strip():
                found = self.person(reference)
                chosen.setdefault(found.id or 0, found)
        return list(chosen.values())

    def campaign(self, reference: str) -> Campaign:
        """A campaign by id or name; ``active`` is the active campaign deciding soonest.

        Raises
        ------
        allies.errors.NotFound
            No campaign matches (or none is active).
        """
        ref = reference.strip()
        if ref.casefold() == "active":
            active = [c for c in self.campaigns if c.status is CampaignStatus.ACTIVE]
            if not active:
                raise NotFound(
                    "No campaign is active.",
                    hint="Name the deciders, or start a campaign.",
                    next_step=NextStep("add", "campaign"),
                )
            return min(active, key=lambda c: (c.decision_on or date.max, c.id or 0))
        for c in self.campaigns:
            if ref.lstrip("#") == str(c.id) or c.name.casefold() == ref.casefold():
                return c
        partial = [c for c in self.campaigns if ref.casefold() in c.name.casefold()]
        if len(partial) == 1:
            return partial[0]
        raise NotFound(
            f"No campaign called {ref!r}.",
            hint="Known campaigns: " + (", ".join(c.name for c in self.campaigns) or "none"),
        )

    def describe(self, contribution: Contribution) -> EvidenceItem:
        """One contribution as an :class:`EvidenceItem` with names and context."""
        return describe(self, contribution)


def introductions(
    columns: EvidenceColumns, ids_order: Sequence[int], as_of: date
) -> tuple[WeightedDigraph, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The introduction graph of ``ids_order`` on ``as_of``, and for each of its pairs
    (``i * n + j``, ascending) the position of the tie behind it.

    Of several ties on a pair the strongest counts, the first given among equals.
    """
    day = as_of.toordinal()
    valid = (columns.tie_weight > 0) & ~(
        ((columns.tie_valid_from != NO_DAY) & (day < columns.tie_valid_from))
        | ((columns.tie_valid_to != NO_DAY) & (day > columns.tie_valid_to))
    )
    at = np.flatnonzero(valid)
    ids = np.asarray(ids_order, dtype=np.int64)
    n = max(len(ids), 1)
    source = np.searchsorted(ids, columns.tie_source[at])
    target = np.searchsorted(ids, columns.tie_target[at])
    if len(at) and (
        source.max() >= len(ids)
        or target.max() >= len(ids)
        or np.any(ids[source] != columns.tie_source[at])
        or np.any(ids[target] != columns.tie_target[at])
    ):
        raise ValueError("a tie names someone who is not among the people")
    keys = np.concatenate((source * n + target, target * n + source))
    order = np.concatenate((2 * at, 2 * at + 1))
    tie = np.concatenate((at, at))
    weight = np.concatenate((columns.tie_weight[at], columns.tie_weight[at]))
    best = np.lexsort((order, -weight, keys))
    first = np.ones(len(best), dtype=bool)
    first[1:] = keys[best[1:]] != keys[best[:-1]]
    best = best[first]
    keys, tie, weight = keys[best], tie[best], weight[best]
    rows = keys // n
    matrix = sp.csr_array(
        (
            weight,
            keys % n,
            np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=len(ids))))),
        ),
        shape=(len(ids), len(ids)),
    )
    return WeightedDigraph(matrix, tuple(ids_order)), keys, tie


def load_influence_network(
    uow: UnitOfWork,
    lens: Lens = TODAY,
    *,
    with_campaigns: bool = False,
) -> InfluenceNetwork:
    """Read the workspace once and prepare it for the influence analyses.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; it is entered and left here (nothing is written).
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.
    with_campaigns : bool
        Also read the campaigns (for their deciders).

    Returns
    -------
    InfluenceNetwork

    Raises
    ------
    allies.errors.InvalidInput
        If the lens's half-life is not positive.
    """
    lens.checked()
    with uow:
        people = {p.id or 0: p for p in uow.people.list()}
        ties = uow.ties.columns()
        observations = uow.observations.columns()
        units = {u.id or 0: u.name for u in uow.units.list()}
        campaigns = uow.campaigns.list() if with_campaigns else []
    return InfluenceNetwork(
        people=people,
        ties=ties,
        observations=observations,
        as_of=lens.day,
        weights=EvidenceWeights(half_life_days=lens.half_life_days),
        units=units,
        campaigns=campaigns,
        store=uow,
    )
