"""Listens-to weights from stated ties and observed evidence, with explanations.

Everything known about who takes whose lead is turned into one weight in
``[0, 1]`` per ordered pair (*listener*, *leader*), the edge
``listener → leader`` of a listens-to graph.

Directions
----------
Read every record as "source *kind* target". The listens-to edge it supports
(listener → leader) and the default factor from :class:`EvidenceWeights`:

======================  ===================  ======
kind                    listener → leader    factor
======================  ===================  ======
``listens_to``          source → target      1.0
``trusts``              source → target      0.5
``reports_to``          source → target      0.6
``works_with``          source ↔ target      0.2
``knows``               source ↔ target      0.05
``deferred_to``         source → target      0.6
``eyes_went_to``        source → target      0.4
``has_ear_of``          **target → source**  0.6
``sought_advice_from``  source → target      0.5
``endorsed``            source → target      0.25
``opposed``             source → target      0.3 (discount)
======================  ===================  ======

The first five are stated ties, the rest observations:

- ``reports_to``: the report listens to the boss.
- ``works_with`` and ``knows`` are mutual relations, so by default they count
  in both directions (``EvidenceWeights.mutual_tie_kinds``).
- ``eyes_went_to``: when a question was asked, the source's eyes went to the
  target, so the source looks to the target for the lead.
- ``has_ear_of``: the source has the ear of the target, so the *target*
  listens to the source; this is the one kind whose edge is reversed.
- ``opposed``: the source opposed the target. It never creates or adds to an
  edge; it discounts the source → target weight (see below), so it can only
  lower how much the source is taken to listen to the target.

Combination
-----------
Each piece of evidence ``k`` gives a contribution ``a_k`` in ``[0, 1]``: for a
tie ``factor × weight × confidence``, for an observation
``factor × strength × 2^(−age / half_life)``, the age counted in days from
``as_of``. Independent pieces of evidence combine like independent chances
(a noisy-OR), and oppositions discount the result::

    weight = (1 − Π_k (1 − a_k)) × Π_o (1 − a_o)

Several stated ties of one kind on one ordered pair restate a single
relationship, so only the strongest of them counts (the others are listed with
``counted=False``). Every observation counts separately, so repeated sightings
accumulate, and no amount of evidence passes 1. Stated ties do not fade; they
count while ``as_of`` lies within their ``valid_from``..``valid_to`` (both
inclusive). Observations dated after ``as_of`` are ignored.

References
----------
.. [1] Pearl, J. (1988). *Probabilistic Reasoning in Intelligent Systems*,
   section 4.3.2 (the noisy-OR combination). Morgan Kaufmann.
.. [2] Krackhardt, D. (1987). "Cognitive social structures". *Social Networks*
   9:109-134 (advice ties as "who listens to whom").
.. [3] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The PageRank
   citation ranking: bringing order to the web". Stanford InfoLab technical
   report 1999-66 (the rank shares of :func:`explain_person`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

from allies.analysis.graph import WeightedDigraph

__all__ = [
    "Contribution",
    "EdgeEvidence",
    "EvidenceWeights",
    "Explanation",
    "ListenerEvidence",
    "ObservationKind",
    "ObservedEvidence",
    "PersonExplanation",
    "SkippedEvidence",
    "StatedTie",
    "TieKind",
    "explain_person",
    "listens_to_graph",
]

TieKind = Literal["listens_to", "trusts", "reports_to", "works_with", "knows"]
ObservationKind = Literal[
    "deferred_to", "eyes_went_to", "has_ear_of", "sought_advice_from", "endorsed", "opposed"
]
TIE_KINDS: tuple[str, ...] = get_args(TieKind)
OBSERVATION_KINDS: tuple[str, ...] = get_args(ObservationKind)

#: Observation kinds whose listens-to edge runs from target to source.
REVERSED_OBSERVATION_KINDS: frozenset[str] = frozenset({"has_ear_of"})
#: Observation kinds that discount the listens-to edge instead of adding to it.
DISCOUNTING_OBSERVATION_KINDS: frozenset[str] = frozenset({"opposed"})


def _check_unit(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, not {value}")


@dataclass(frozen=True)
class StatedTie:
    """A tie someone stated: ``source`` is tied to ``target`` by ``kind``.

    Parameters
    ----------
    source, target : int
        Person ids; the tie points from source to target (source
        ``reports_to`` target, source ``trusts`` target, ...).
    weight : float
        Strength of the tie, 0-1.
    confidence : float
        How sure the statement is, 0-1.
    kind : {"listens_to", "trusts", "reports_to", "works_with", "knows"}
    valid_from, valid_to : date, optional
        The tie counts only while ``as_of`` lies in this inclusive window.
    ref : int, optional
        The caller's identifier for the record, carried into explanations.
    """

    source: int
    target: int
    weight: float = 1.0
    confidence: float = 1.0
    kind: TieKind = "listens_to"
    valid_from: date | None = None
    valid_to: date | None = None
    ref: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in TIE_KINDS:
            raise ValueError(f"unknown tie kind {self.kind!r}; use one of {', '.join(TIE_KINDS)}")
        if self.source == self.target:
            raise ValueError(f"a tie needs two different people, not {self.source} twice")
        _check_unit("tie weight", self.weight)
        _check_unit("tie confidence", self.confidence)


@dataclass(frozen=True)
class ObservedEvidence:
    """Dated evidence of influence seen in the room.

    Parameters
    ----------
    observer : int or None
        Who saw it (None when unknown). Carried into explanations only.
    source, target : int
        The people involved, read as "source *kind* target" (source deferred to
        target; source has the ear of target; ...). See the module docstring
        for the listens-to direction of each kind.
    kind : {"deferred_to", "eyes_went_to", "has_ear_of", "sought_advice_from", \
"endorsed", "opposed"}
    observed_on : date
        When it was seen; the weight halves every ``half_life_days`` after it.
    strength : float
        How clear the sign was, 0-1.
    ref : int, optional
        The caller's identifier for the record, carried into explanations.
    """

    observer: int | None
    source: int
    target: int
    kind: ObservationKind
    observed_on: date
    strength: float = 1.0
    ref: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in OBSERVATION_KINDS:
            raise ValueError(
                f"unknown observation kind {self.kind!r}; use one of {', '.join(OBSERVATION_KINDS)}"
            )
        if self.source == self.target:
            raise ValueError(f"an observation needs two different people, not {self.source} twice")
        _check_unit("observation strength", self.strength)

    @property
    def listener(self) -> int:
        """The person this observation says listens (or, if opposed, listens less)."""
        return self.target if self.kind in REVERSED_OBSERVATION_KINDS else self.source

    @property
    def leader(self) -> int:
        """The person listened to."""
        return self.source if self.kind in REVERSED_OBSERVATION_KINDS else self.target


@dataclass(frozen=True)
class EvidenceWeights:
    """How much each kind of evidence says about listening, and how fast it fades.

    Every field can be overridden, e.g. ``EvidenceWeights(trusts=0.7)``. Tie
    factors multiply ``weight × confidence``; observation factors multiply
    ``strength × decay``. ``opposed`` is a discount (see the module docstring).

    References
    ----------
    .. [1] Pearl, J. (1988). *Probabilistic Reasoning in Intelligent Systems*,
       section 4.3.2. Morgan Kaufmann.
    """

    listens_to: float = 1.0
    trusts: float = 0.5
    reports_to: float = 0.6
    works_with: float = 0.2
    knows: float = 0.05
    deferred_to: float = 0.6
    eyes_went_to: float = 0.4
    has_ear_of: float = 0.6
    sought_advice_from: float = 0.5
    endorsed: float = 0.25
    opposed: float = 0.3
    half_life_days: float = 182.0
    mutual_tie_kinds: frozenset[str] = field(
        default_factory=lambda: frozenset({"works_with", "knows"})
    )

    def __post_init__(self) -> None:
        for kind in (*TIE_KINDS, *OBSERVATION_KINDS):
            _check_unit(f"the factor for {kind}", self.factor(kind))
        if not self.half_life_days > 0:
            raise ValueError(f"half_life_days must be positive, not {self.half_life_days}")
        unknown = set(self.mutual_tie_kinds) - set(TIE_KINDS)
        if unknown:
            raise ValueError(f"mutual_tie_kinds names unknown tie kinds {sorted(unknown)}")

    def factor(self, kind: str) -> float:
        """The factor of a tie or observation kind."""
        if kind not in TIE_KINDS and kind not in OBSERVATION_KINDS:
            raise ValueError(f"unknown evidence kind {kind!r}")
        return float(getattr(self, kind))

    def decay(self, age_days: float) -> float:
        """``2 ** (-age_days / half_life_days)``: 1 today, 0.5 after one half-life."""
        return float(0.5 ** (age_days / self.half_life_days))


@dataclass(frozen=True)
class Contribution:
    """One piece of evidence on one listens-to edge.

    Attributes
    ----------
    evidence : StatedTie or ObservedEvidence
        The record it came from.
    listener, leader : int
        The edge it bears on (``listener`` listens to ``leader``).
    factor : float
        The factor of its kind.
    age_days : int or None
        Days from the observation to ``as_of``; None for a stated tie.
    decay : float
        ``2 ** (-age_days / half_life)``; 1.0 for a stated tie.
    weight : float
        Its contribution ``a_k`` in ``[0, 1]``.
    effect : {"adds", "discounts"}
        Whether it raises the edge weight or discounts it (``opposed``).
    counted : bool
        False for a stated tie superseded by a stronger one of the same kind on
        the same pair.
    """

    evidence: StatedTie | ObservedEvidence
    listener: int
    leader: int
    factor: float
    age_days: int | None
    decay: float
    weight: float
    effect: Literal["adds", "discounts"]
    counted: bool = True


@dataclass(frozen=True)
class EdgeEvidence:
    """All evidence on one ordered pair and the weight it adds up to.

    Attributes
    ----------
    listener, leader : int
        The pair (``listener`` listens to ``leader``).
    weight : float
        ``support × discount``, the weight of the edge in the graph (an edge
        with weight 0 is left out of the graph but kept here).
    support : float
        ``1 − Π (1 − a_k)`` over the counted contributions that add.
    discount : float
        ``Π (1 − a_o)`` over the oppositions.
    contributions : tuple of Contribution
        Strongest first.
    """

    listener: int
    leader: int
    weight: float
    support: float
    discount: float
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class SkippedEvidence:
    """A record that did not count, and why."""

    evidence: StatedTie | ObservedEvidence
    reason: str


@dataclass(frozen=True)
class Explanation:
    """Why each listens-to edge has its weight.

    Attributes
    ----------
    as_of : date
        The day ages are counted to.
    weights : EvidenceWeights
        The factors and half-life used.
    edges : mapping of (listener, leader) to EdgeEvidence
        Every ordered pair with any evidence.
    skipped : tuple of SkippedEvidence
        Ties out of their validity window, observations after ``as_of``.
    """

    as_of: date
    weights: EvidenceWeights
    edges: Mapping[tuple[int, int], EdgeEvidence]
    skipped: tuple[SkippedEvidence, ...] = ()

    def edge(self, listener: int, leader: int) -> EdgeEvidence | None:
        """The evidence on ``listener → leader``, or None if there is none."""
        return self.edges.get((listener, leader))

    def into(self, leader: int) -> list[EdgeEvidence]:
        """Evidence on every edge into ``leader`` (people listening to them)."""
        return [e for (_, to), e in self.edges.items() if to == leader]


def _contributions(
    ties: Iterable[StatedTie],
    observations: Iterable[ObservedEvidence],
    as_of: date,
    weights: EvidenceWeights,
) -> tuple[list[Contribution], list[SkippedEvidence]]:
    found: list[Contribution] = []
    skipped: list[SkippedEvidence] = []
    for tie in ties:
        if tie.valid_from is not None and as_of < tie.valid_from:
            skipped.append(SkippedEvidence(tie, f"valid only from {tie.valid_from}"))
            continue
        if tie.valid_to is not None and as_of > tie.valid_to:
            skipped.append(SkippedEvidence(tie, f"valid only until {tie.valid_to}"))
            continue
        factor = weights.factor(tie.kind)
        value = factor * tie.weight * tie.confidence
        pairs = [(tie.source, tie.target)]
        if tie.kind in weights.mutual_tie_kinds:
            pairs.append((tie.target, tie.source))
        for listener, leader in pairs:
            found.append(Contribution(tie, listener, leader, factor, None, 1.0, value, "adds"))
    for seen in observations:
        age = (as_of - seen.observed_on).days
        if age < 0:
            skipped.append(SkippedEvidence(seen, f"observed after {as_of}"))
            continue
        factor = weights.factor(seen.kind)
        decay = weights.decay(age)
        effect: Literal["adds", "discounts"] = (
            "discounts" if seen.kind in DISCOUNTING_OBSERVATION_KINDS else "adds"
        )
        found.append(
            Contribution(
                seen,
                seen.listener,
                seen.leader,
                factor,
                age,
                decay,
                factor * seen.strength * decay,
                effect,
            )
        )
    return found, skipped


def _combine(listener: int, leader: int, items: list[Contribution]) -> EdgeEvidence:
    strongest_tie: dict[str, Contribution] = {}
    for c in items:
        if isinstance(c.evidence, StatedTie):
            best = strongest_tie.get(c.evidence.kind)
            if best is None or c.weight > best.weight:
                strongest_tie[c.evidence.kind] = c
    marked: list[Contribution] = []
    for c in items:
        if isinstance(c.evidence, StatedTie) and strongest_tie[c.evidence.kind] is not c:
            c = Contribution(
                c.evidence, c.listener, c.leader, c.factor, None, 1.0, c.weight, c.effect, False
            )
        marked.append(c)
    miss = 1.0
    discount = 1.0
    for c in marked:
        if not c.counted:
            continue
        if c.effect == "adds":
            miss *= 1.0 - c.weight
        else:
            discount *= 1.0 - c.weight
    support = 1.0 - miss
    ordered = sorted(marked, key=lambda c: (not c.counted, c.effect != "adds", -c.weight))
    return EdgeEvidence(listener, leader, support * discount, support, discount, tuple(ordered))


def listens_to_graph(
    ties: Iterable[StatedTie],
    observations: Iterable[ObservedEvidence],
    as_of: date,
    *,
    ids: Iterable[int] | None = None,
    weights: EvidenceWeights | None = None,
) -> tuple[WeightedDigraph, Explanation]:
    """Combine stated ties and observations into a listens-to graph.

    Parameters
    ----------
    ties : iterable of StatedTie
    observations : iterable of ObservedEvidence
    as_of : date
        The day the evidence is weighed on; observations fade from their date
        to this one, later ones are ignored.
    ids : iterable of int, optional
        Every person to include, in index order (people without evidence are
        kept as isolated nodes). Defaults to every person named in the
        evidence, sorted.
    weights : EvidenceWeights, optional
        Factors and half-life; the documented defaults if omitted.

    Returns
    -------
    graph : WeightedDigraph
        Edge ``i → j`` with weight in ``(0, 1]``: ``i`` listens to ``j``.
    explanation : Explanation
        For every pair with evidence, each contribution (record, age, decayed
        weight) and how they combined.

    Raises
    ------
    ValueError
        If ``ids`` is given and the evidence names someone not in it.

    Notes
    -----
    The weight of a pair is ``(1 − Π (1 − a_k)) × Π (1 − a_o)`` (see the
    module docstring): a noisy-OR of the supporting evidence [1]_, discounted
    by each opposition.

    References
    ----------
    .. [1] Pearl, J. (1988). *Probabilistic Reasoning in Intelligent Systems*,
       section 4.3.2. Morgan Kaufmann.

    Examples
    --------
    >>> from datetime import date
    >>> seen = ObservedEvidence(None, 1, 2, "deferred_to", date(2024, 1, 1))
    >>> graph, why = listens_to_graph([], [seen], as_of=date(2024, 1, 1))
    >>> graph.weight(1, 2), why.edge(1, 2).contributions[0].age_days
    (0.6, 0)
    """
    weights = weights or EvidenceWeights()
    tie_list = list(ties)
    observation_list = list(observations)
    found, skipped = _contributions(tie_list, observation_list, as_of, weights)
    if ids is None:
        named = {x for r in tie_list for x in (r.source, r.target)}
        named |= {x for o in observation_list for x in (o.source, o.target)}
        id_tuple = tuple(sorted(named))
    else:
        id_tuple = tuple(ids)
        known = set(id_tuple)
        for c in found:
            for person in (c.listener, c.leader):
                if person not in known:
                    raise ValueError(f"{c.evidence!r} names person {person}, who is not in ids")
    grouped: dict[tuple[int, int], list[Contribution]] = {}
    for c in found:
        grouped.setdefault((c.listener, c.leader), []).append(c)
    edges = {pair: _combine(*pair, items) for pair, items in grouped.items()}
    graph = WeightedDigraph.from_edges(
        id_tuple, ((e.listener, e.leader, e.weight) for e in edges.values()), combine="sum"
    )
    return graph, Explanation(as_of, weights, edges, tuple(skipped))


@dataclass(frozen=True)
class ListenerEvidence:
    """One person who listens to the explained person, and why.

    Attributes
    ----------
    listener : int
        Their id.
    weight : float
        Weight of the edge ``listener → person``.
    rank_share : float or None
        The part of the person's influence rank that flows in along this edge,
        ``damping × rank[listener] × weight / out_strength[listener]``; None if
        no rank was given.
    contributions : tuple of Contribution
        The evidence behind the edge, strongest first.
    """

    listener: int
    weight: float
    rank_share: float | None
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class PersonExplanation:
    """What put a person where they are in the listens-to graph.

    Attributes
    ----------
    person : int
        Their id.
    in_strength : float
        Sum of the weights of the edges into them.
    rank : float or None
        Their influence rank, if a rank vector was given.
    base_share : float or None
        The part of the rank that comes from the random jump, not from any
        listener (``rank − Σ rank_share``).
    listeners : tuple of ListenerEvidence
        Ranked by rank share when a rank is given, else by edge weight.
    contributions : tuple of Contribution
        All evidence on the incoming edges, strongest first.
    """

    person: int
    in_strength: float
    rank: float | None
    base_share: float | None
    listeners: tuple[ListenerEvidence, ...]
    contributions: tuple[Contribution, ...]


def explain_person(
    graph: WeightedDigraph,
    explanation: Explanation,
    person_id: int,
    *,
    rank: npt.ArrayLike | None = None,
    damping: float = 0.85,
) -> PersonExplanation:
    """Rank the evidence that makes others listen to one person.

    Parameters
    ----------
    graph : WeightedDigraph
        The listens-to graph returned with ``explanation``.
    explanation : Explanation
        Its explanation.
    person_id : int
        The person to explain.
    rank : array_like of shape (n,), optional
        Influence ranks (from :func:`allies.analysis.influence.influence_rank`
        with the same ``damping``); if given, each listener's share of the
        person's rank is computed, following the PageRank equation [1]_.
    damping : float
        The damping used for ``rank``.

    Returns
    -------
    PersonExplanation

    Raises
    ------
    KeyError
        If the person is not in the graph.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The
       PageRank citation ranking: bringing order to the web". Stanford InfoLab
       technical report 1999-66.
    """
    j = graph.index_of(person_id)
    column = graph.weights[:, [j]].tocoo()
    incoming = {graph.ids[i]: float(w) for i, w in zip(column.row, column.data, strict=True)}
    ranks: npt.NDArray[np.float64] | None = None
    out: npt.NDArray[np.float64] | None = None
    if rank is not None:
        ranks = np.asarray(rank, dtype=np.float64).reshape(-1)
        if ranks.shape != (graph.n,):
            raise ValueError(f"rank must have one entry per node ({graph.n})")
        out = np.asarray(graph.weights.sum(axis=1), dtype=np.float64).reshape(-1)
    listeners: list[ListenerEvidence] = []
    for e in explanation.into(person_id):
        if e.weight <= 0 and e.listener not in incoming:
            listeners.append(ListenerEvidence(e.listener, 0.0, None, e.contributions))
            continue
        share = None
        if ranks is not None and out is not None:
            i = graph.index_of(e.listener)
            share = damping * float(ranks[i]) * e.weight / float(out[i])
        listeners.append(ListenerEvidence(e.listener, e.weight, share, e.contributions))
    explained = {x.listener for x in listeners}
    for listener, w in incoming.items():  # edges the explanation does not cover
        if listener not in explained:
            share = None
            if ranks is not None and out is not None:
                i = graph.index_of(listener)
                share = damping * float(ranks[i]) * w / float(out[i])
            listeners.append(ListenerEvidence(listener, w, share, ()))
    listeners.sort(key=lambda x: (-(x.rank_share or 0.0), -x.weight, x.listener))
    contributions = sorted(
        (c for x in listeners for c in x.contributions),
        key=lambda c: (not c.counted, c.effect != "adds", -c.weight, c.listener),
    )
    person_rank = None if ranks is None else float(ranks[j])
    base = None
    if person_rank is not None:
        base = person_rank - sum(x.rank_share or 0.0 for x in listeners)
    return PersonExplanation(
        person=person_id,
        in_strength=sum(incoming.values()),
        rank=person_rank,
        base_share=base,
        listeners=tuple(listeners),
        contributions=tuple(contributions),
    )
