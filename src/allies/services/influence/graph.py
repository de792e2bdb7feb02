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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, partial
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
    ObservedEvidence,
    StatedTie,
    listens_to_graph_from_columns,
    observation_kind_code,
    tie_kind_code,
)
from allies.analysis.graph import WeightedDigraph
from allies.analysis.influence import in_strength, influence_rank, out_strength
from allies.domain import (
    Campaign,
    CampaignStatus,
    Observation,
    ObservationColumns,
    ObservationKind,
    Person,
    Tie,
    TieColumns,
    TieKind,
)
from allies.errors import InvalidInput, NotFound
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
    "load_influence_network",
    "observed_evidence",
    "stated_ties",
    "statement_of",
]

#: Damping of the influence rank (the chance of following a listens-to edge).
DAMPING = 0.85
#: How weights enter the rank: as shares of attention, not rescaled to sum to 1.
ATTENTION: Final = "keep"

#: How each kind of record reads, "subject <phrase> object".
PHRASES: dict[str, str] = {
    "listens_to": "listens to",
    "trusts": "trusts",
    "reports_to": "reports to",
    "works_with": "works with",
    "knows": "knows",
    "deferred_to": "deferred to",
    "eyes_went_to": "looked to",
    "has_ear_of": "has the ear of",
    "sought_advice_from": "sought advice from",
    "endorsed": "endorsed",
    "opposed": "opposed",
}


def _stated_tie(t: Tie) -> StatedTie:
    return StatedTie(
        source=t.source_id,
        target=t.target_id,
        weight=t.weight,
        confidence=t.confidence,
        kind=t.kind.value,
        valid_from=t.valid_from,
        valid_to=t.valid_to,
        ref=t.id,
    )


def _observed(o: Observation) -> ObservedEvidence:
    return ObservedEvidence(
        observer=None,
        source=o.subject_id,
        target=o.object_id,
        kind=o.kind.value,
        observed_on=o.observed_on,
        strength=o.strength,
        ref=o.id,
    )


def stated_ties(ties: Iterable[Tie]) -> list[StatedTie]:
    """The domain's ties as evidence records (``ref`` is the tie id)."""
    return [_stated_tie(t) for t in ties]


def observed_evidence(observations: Iterable[Observation]) -> list[ObservedEvidence]:
    """The domain's observations as evidence records (``ref`` is the observation id)."""
    return [_observed(o) for o in observations]


def _tie_at(ties: TieColumns, position: int) -> StatedTie:
    i = position
    return StatedTie(
        source=ties.source_id[i],
        target=ties.target_id[i],
        weight=ties.weight[i],
        confidence=ties.confidence[i],
        kind=TieKind(ties.kind[i]).value,
        valid_from=ties.valid_from[i],
        valid_to=ties.valid_to[i],
        ref=ties.id[i],
    )


def _observed_at(observations: ObservationColumns, position: int) -> ObservedEvidence:
    i = position
    return ObservedEvidence(
        observer=None,
        source=observations.subject_id[i],
        target=observations.object_id[i],
        kind=ObservationKind(observations.kind[i]).value,
        observed_on=observations.observed_on[i],
        strength=observations.strength[i],
        ref=observations.id[i],
    )


def _days(days: Iterable[date | None], count: int) -> npt.NDArray[np.int64]:
    return np.fromiter((NO_DAY if d is None else d.toordinal() for d in days), np.int64, count)


def evidence_columns(
    ties: TieColumns | Sequence[Tie], observations: ObservationColumns | Sequence[Observation]
) -> EvidenceColumns:
    """The ties and observations as the evidence columns of the listens-to graph.

    The same evidence as :func:`stated_ties` and :func:`observed_evidence` give, without a
    record object per row: the record of a tie or observation is made only when an
    explanation shows it. Either the columns the repositories read (``columns()``) or
    domain objects, which give the same arrays.
    """
    tie = ties if isinstance(ties, TieColumns) else TieColumns.of(ties)
    seen = (
        observations
        if isinstance(observations, ObservationColumns)
        else ObservationColumns.of(observations)
    )
    m, k = len(tie), len(seen)
    tie_kinds = {kind.value: tie_kind_code(kind.value) for kind in TieKind}
    seen_kinds = {kind.value: observation_kind_code(kind.value) for kind in ObservationKind}

    def codes(kinds: Sequence[str], known: dict[str, int], count: int) -> npt.NDArray[np.int64]:
        return np.fromiter(map(known.__getitem__, kinds), np.int64, count)

    return EvidenceColumns(
        tie_source=np.fromiter(tie.source_id, np.int64, m),
        tie_target=np.fromiter(tie.target_id, np.int64, m),
        tie_kind=codes(tie.kind, tie_kinds, m),
        tie_weight=np.fromiter(tie.weight, np.float64, m),
        tie_confidence=np.fromiter(tie.confidence, np.float64, m),
        tie_valid_from=_days(tie.valid_from, m),
        tie_valid_to=_days(tie.valid_to, m),
        observation_source=np.fromiter(seen.subject_id, np.int64, k),
        observation_target=np.fromiter(seen.object_id, np.int64, k),
        observation_kind=codes(seen.kind, seen_kinds, k),
        observation_day=_days(seen.observed_on, k),
        observation_strength=np.fromiter(seen.strength, np.float64, k),
        tie_record=partial(_tie_at, tie),
        observation_record=partial(_observed_at, seen),
    )


@dataclass(frozen=True)
class EvidenceItem:
    """One tie or observation, and how much it counted on one listens-to edge.

    Attributes
    ----------
    record : {"tie", "observation"}
        What kind of record it is; ``record_id`` is its id.
    kind : str
        The tie or observation kind.
    statement : str
        The record as a sentence, e.g. "Ann Lee deferred to Bo Chen (budget round)".
    listener, leader : str
        The edge it bears on: ``listener`` listens to ``leader``.
    on : date or None
        When it was observed (None for a tie).
    age_days : int or None
        Days from the observation to the day of the analysis.
    factor : float
        The evidence weight of its kind.
    strength : float
        The observation's strength, or the tie's ``weight × confidence``.
    decay : float
        ``2^(−age / half-life)`` (1 for a tie).
    weight : float
        What it contributed: ``factor × strength × decay``.
    effect : {"adds", "discounts"}
        Opposition discounts the edge rather than adding to it.
    counted : bool
        False for a tie superseded by a stronger one of the same kind on the same pair.
    """

    record: str
    record_id: int | None
    kind: str
    statement: str
    listener: str
    leader: str
    on: date | None
    age_days: int | None
    factor: float
    strength: float
    decay: float
    weight: float
    effect: str
    counted: bool


@dataclass
class InfluenceNetwork:
    """One workspace's people and evidence, with the graphs the analyses need.

    Build it with :func:`load_influence_network`; the graphs and the rank are computed on
    first use and kept for the rest of the request.
    """

    people: dict[int, Person]
    ties: TieColumns
    observations: ObservationColumns
    as_of: date
    weights: EvidenceWeights
    units: dict[int, str] = field(default_factory=dict)
    campaigns: list[Campaign] = field(default_factory=list)

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
        """The graph, and for each of its pairs (``i * n + j``, ascending) the tie behind it.

        Of several ties on a pair the strongest counts, the first given among equals.
        """
        columns = self._evidence
        day = self.as_of.toordinal()
        valid = (columns.tie_weight > 0) & ~(
            ((columns.tie_valid_from != NO_DAY) & (day < columns.tie_valid_from))
            | ((columns.tie_valid_to != NO_DAY) & (day > columns.tie_valid_to))
        )
        at = np.flatnonzero(valid)
        ids = np.asarray(self.ids, dtype=np.int64)
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
        return WeightedDigraph(matrix, self.ids), keys, tie

    @property
    def introduction_graph(self) -> WeightedDigraph:
        """Current ties, usable both ways, weighted by the strongest tie on each pair."""
        return self._introductions[0]

    def introductions_avoiding(self, person_id: int) -> WeightedDigraph:
        """The introduction graph with every tie of one person left out.

        A path to a target's confidant should not pass through the target.
        """
        graph = self.introduction_graph
        keep = np.ones(graph.n)
        keep[graph.index_of(person_id)] = 0.0
        mask = sp.dia_array((keep, 0), shape=(graph.n, graph.n))
        return WeightedDigraph(sp.csr_array(mask @ graph.weights @ mask), graph.ids)

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
                raise NotFound("No campaign is active.", hint="Name the deciders with --deciders.")
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


def statement_of(network: InfluenceNetwork, record: StatedTie | ObservedEvidence) -> str:
    """A tie or observation as a sentence with names (and where it was seen)."""
    subject, obj = network.name(record.source), network.name(record.target)
    if record.kind == "eyes_went_to":
        return f"when {subject} asked, eyes went to {obj}" + _where(network, record)
    phrase = PHRASES.get(record.kind, record.kind.replace("_", " "))
    return f"{subject} {phrase} {obj}" + _where(network, record)


def _where(network: InfluenceNetwork, record: StatedTie | ObservedEvidence) -> str:
    if isinstance(record, StatedTie):
        return ""
    context = network.contexts.get(record.ref or 0, "")
    return f" ({context})" if context else ""


def describe(network: InfluenceNetwork, c: Contribution) -> EvidenceItem:
    """Turn an analysis :class:`~allies.analysis.evidence.Contribution` into names and dates.

    Parameters
    ----------
    network : InfluenceNetwork
        Where the names and the observations' context come from.
    c : Contribution
        One piece of evidence on one listens-to edge.

    Returns
    -------
    EvidenceItem
    """
    record = c.evidence
    if isinstance(record, StatedTie):
        return EvidenceItem(
            record="tie",
            record_id=record.ref,
            kind=record.kind,
            statement=statement_of(network, record),
            listener=network.name(c.listener),
            leader=network.name(c.leader),
            on=None,
            age_days=None,
            factor=c.factor,
            strength=record.weight * record.confidence,
            decay=c.decay,
            weight=c.weight,
            effect=c.effect,
            counted=c.counted,
        )
    statement = statement_of(network, record)
    return EvidenceItem(
        record="observation",
        record_id=record.ref,
        kind=record.kind,
        statement=statement,
        listener=network.name(c.listener),
        leader=network.name(c.leader),
        on=record.observed_on,
        age_days=c.age_days,
        factor=c.factor,
        strength=record.strength,
        decay=c.decay,
        weight=c.weight,
        effect=c.effect,
        counted=c.counted,
    )


def load_influence_network(
    uow: UnitOfWork,
    *,
    as_of: date | None = None,
    half_life_days: float = 182.0,
    with_campaigns: bool = False,
) -> InfluenceNetwork:
    """Read the workspace once and prepare it for the influence analyses.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; it is entered and left here (nothing is written).
    as_of : date, optional
        The day the evidence is weighed on (today by default): observations fade from
        their date to this day and ties count only while valid on it.
    half_life_days : float
        How many days it takes an observation's weight to halve (the setting of the same
        name).
    with_campaigns : bool
        Also read the campaigns (for their deciders).

    Returns
    -------
    InfluenceNetwork

    Raises
    ------
    allies.errors.InvalidInput
        If ``half_life_days`` is not positive.
    """
    if not half_life_days > 0:
        raise InvalidInput(
            f"The half-life must be a positive number of days, not {half_life_days}.",
            field="half_life_days",
        )
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
        as_of=as_of or date.today(),
        weights=EvidenceWeights(half_life_days=half_life_days),
        units=units,
        campaigns=campaigns,
    )
