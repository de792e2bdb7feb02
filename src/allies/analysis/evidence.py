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

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.evidence_explain import ListenerEvidence, PersonExplanation, explain_person
from allies.analysis.evidence_records import (
    OBSERVATION_KINDS,
    TIE_KINDS,
    Contribution,
    EdgeEvidence,
    EvidenceWeights,
    Explanation,
    ObservationKind,
    ObservedEvidence,
    SkippedEvidence,
    StatedTie,
    TieKind,
)
from allies.analysis.graph import WeightedDigraph

__all__ = [
    "Contribution",
    "EdgeEvidence",
    "EvidenceColumns",
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
    "listens_to_graph_from_columns",
    "observation_kind_code",
    "tie_kind_code",
]

NO_DAY = -1

_TIE_CODE: dict[str, int] = {kind: code for code, kind in enumerate(TIE_KINDS)}
_OBSERVATION_CODE: dict[str, int] = {kind: code for code, kind in enumerate(OBSERVATION_KINDS)}
_HAS_EAR_OF = OBSERVATION_KINDS.index("has_ear_of")
_OPPOSED = OBSERVATION_KINDS.index("opposed")


def tie_kind_code(kind: str) -> int:
    """The position of a tie kind in :data:`TIE_KINDS` (a string enum member works too)."""
    code = _TIE_CODE.get(kind)
    return TIE_KINDS.index(str(kind)) if code is None else code


def observation_kind_code(kind: str) -> int:
    """The position of an observation kind in :data:`OBSERVATION_KINDS`."""
    code = _OBSERVATION_CODE.get(kind)
    return OBSERVATION_KINDS.index(str(kind)) if code is None else code


def _ordinal(day: date | None) -> int:
    return NO_DAY if day is None else day.toordinal()


@dataclass(frozen=True)
class EvidenceColumns:
    """Stated ties and observations as arrays, one entry per record.

    The column form of the evidence that :func:`listens_to_graph` takes as records. It
    lets a caller holding many records in another form (rows of a store, say) skip
    building a :class:`StatedTie` or :class:`ObservedEvidence` for each: ``tie_record``
    and ``observation_record`` make the record of one entry when an explanation needs it.
    The columns are not validated again: each entry must satisfy what the record
    classes check (known kind, two different people, weights in ``[0, 1]``).

    Attributes
    ----------
    tie_source, tie_target : ndarray of int
        Person ids of each tie.
    tie_kind : ndarray of int
        Position of the kind in ``TIE_KINDS`` (see :func:`tie_kind_code`).
    tie_weight, tie_confidence : ndarray of float
    tie_valid_from, tie_valid_to : ndarray of int
        Proleptic ordinals of the validity window (:meth:`datetime.date.toordinal`);
        :data:`NO_DAY` for an open end.
    observation_source, observation_target : ndarray of int
        "source *kind* target" of each observation.
    observation_kind : ndarray of int
        Position of the kind in ``OBSERVATION_KINDS``.
    observation_day : ndarray of int
        Ordinal of the day it was observed.
    observation_strength : ndarray of float
    tie_record, observation_record : callable
        The record of the tie or observation at a position.
    """

    tie_source: npt.NDArray[np.int64]
    tie_target: npt.NDArray[np.int64]
    tie_kind: npt.NDArray[np.int64]
    tie_weight: npt.NDArray[np.float64]
    tie_confidence: npt.NDArray[np.float64]
    tie_valid_from: npt.NDArray[np.int64]
    tie_valid_to: npt.NDArray[np.int64]
    observation_source: npt.NDArray[np.int64]
    observation_target: npt.NDArray[np.int64]
    observation_kind: npt.NDArray[np.int64]
    observation_day: npt.NDArray[np.int64]
    observation_strength: npt.NDArray[np.float64]
    tie_record: Callable[[int], StatedTie]
    observation_record: Callable[[int], ObservedEvidence]

    @classmethod
    def from_records(
        cls, ties: Sequence[StatedTie], observations: Sequence[ObservedEvidence]
    ) -> EvidenceColumns:
        """The columns of lists of records (which serve as the records of the entries)."""
        m, k = len(ties), len(observations)
        return cls(
            tie_source=np.fromiter((t.source for t in ties), np.int64, m),
            tie_target=np.fromiter((t.target for t in ties), np.int64, m),
            tie_kind=np.fromiter((tie_kind_code(t.kind) for t in ties), np.int64, m),
            tie_weight=np.fromiter((t.weight for t in ties), np.float64, m),
            tie_confidence=np.fromiter((t.confidence for t in ties), np.float64, m),
            tie_valid_from=np.fromiter((_ordinal(t.valid_from) for t in ties), np.int64, m),
            tie_valid_to=np.fromiter((_ordinal(t.valid_to) for t in ties), np.int64, m),
            observation_source=np.fromiter((o.source for o in observations), np.int64, k),
            observation_target=np.fromiter((o.target for o in observations), np.int64, k),
            observation_kind=np.fromiter(
                (observation_kind_code(o.kind) for o in observations), np.int64, k
            ),
            observation_day=np.fromiter(
                (o.observed_on.toordinal() for o in observations), np.int64, k
            ),
            observation_strength=np.fromiter((o.strength for o in observations), np.float64, k),
            tie_record=ties.__getitem__,
            observation_record=observations.__getitem__,
        )


@dataclass(frozen=True)
class _Contributions:
    """Every contribution, sorted by pair and then by the order of the records."""

    listener: npt.NDArray[np.int64]  # ids
    leader: npt.NDArray[np.int64]
    is_tie: npt.NDArray[np.bool_]
    record: npt.NDArray[np.int64]  # position of the tie or observation
    factor: npt.NDArray[np.float64]
    age: npt.NDArray[np.int64]  # days; unused for ties
    decay: npt.NDArray[np.float64]
    weight: npt.NDArray[np.float64]
    discounts: npt.NDArray[np.bool_]
    counted: npt.NDArray[np.bool_]


class _EdgeTable(Mapping[tuple[int, int], EdgeEvidence]):
    """The :attr:`Explanation.edges` of :func:`listens_to_graph`, built on demand.

    Pairs iterate in the order their first piece of evidence was given, like a dict
    filled record by record; each :class:`EdgeEvidence` is made on first lookup and kept.
    """

    def __init__(
        self,
        ids: npt.NDArray[np.int64],
        keys: npt.NDArray[np.int64],
        starts: npt.NDArray[np.int64],
        first: npt.NDArray[np.int64],
        weight: npt.NDArray[np.float64],
        support: npt.NDArray[np.float64],
        discount: npt.NDArray[np.float64],
        contributions: _Contributions,
        columns: EvidenceColumns,
    ) -> None:
        self._ids = ids
        self._n = max(len(ids), 1)
        self._sorter = np.argsort(ids, kind="stable")
        self._keys = keys  # listener index * n + leader index, ascending
        self._starts = starts  # contributions of pair p: starts[p]:starts[p + 1]
        self._first = first  # order of the first piece of evidence of each pair
        self._weight = weight
        self._support = support
        self._discount = discount
        self._c = contributions
        self._columns = columns
        self._built: dict[int, EdgeEvidence] = {}
        self._ties: dict[int, StatedTie] = {}
        self._observations: dict[int, ObservedEvidence] = {}
        self._by_leader: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None = None

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        ids = self._ids
        for key in self._keys[np.argsort(self._first)].tolist():
            yield int(ids[key // self._n]), int(ids[key % self._n])

    def __repr__(self) -> str:
        return f"<evidence on {len(self)} listens-to pairs>"

    def _index(self, person: object) -> int | None:
        if not isinstance(person, int | np.integer) or not len(self._ids):
            return None
        place = int(np.searchsorted(self._ids, person, sorter=self._sorter))
        if place < len(self._ids) and self._ids[self._sorter[place]] == person:
            return int(self._sorter[place])
        return None

    def _pair(self, pair: object) -> int | None:
        if not isinstance(pair, tuple) or len(pair) != 2:
            return None
        i, j = self._index(pair[0]), self._index(pair[1])
        if i is None or j is None:
            return None
        key = i * self._n + j
        p = int(np.searchsorted(self._keys, key))
        return p if p < len(self._keys) and self._keys[p] == key else None

    def __contains__(self, pair: object) -> bool:
        return self._pair(pair) is not None

    def __getitem__(self, pair: tuple[int, int]) -> EdgeEvidence:
        p = self._pair(pair)
        if p is None:
            raise KeyError(pair)
        return self._edge(p)

    def _record(self, is_tie: bool, position: int) -> StatedTie | ObservedEvidence:
        if is_tie:
            tie = self._ties.get(position)
            if tie is None:
                tie = self._ties[position] = self._columns.tie_record(position)
            return tie
        seen = self._observations.get(position)
        if seen is None:
            seen = self._observations[position] = self._columns.observation_record(position)
        return seen

    def _edge(self, p: int) -> EdgeEvidence:
        found = self._built.get(p)
        if found is not None:
            return found
        c = self._c
        items: list[Contribution] = []
        for k in range(int(self._starts[p]), int(self._starts[p + 1])):
            is_tie = bool(c.is_tie[k])
            items.append(
                Contribution(
                    evidence=self._record(is_tie, int(c.record[k])),
                    listener=int(c.listener[k]),
                    leader=int(c.leader[k]),
                    factor=float(c.factor[k]),
                    age_days=None if is_tie else int(c.age[k]),
                    decay=float(c.decay[k]),
                    weight=float(c.weight[k]),
                    effect="discounts" if c.discounts[k] else "adds",
                    counted=bool(c.counted[k]),
                )
            )
        items.sort(key=lambda x: (not x.counted, x.effect != "adds", -x.weight))
        found = EdgeEvidence(
            listener=items[0].listener,
            leader=items[0].leader,
            weight=float(self._weight[p]),
            support=float(self._support[p]),
            discount=float(self._discount[p]),
            contributions=tuple(items),
        )
        self._built[p] = found
        return found

    def into(self, leader: int) -> list[EdgeEvidence]:
        """The evidence on every pair whose leader is ``leader``, in the mapping's order."""
        j = self._index(leader)
        if j is None:
            return []
        if self._by_leader is None:
            column = self._keys % self._n
            order = np.lexsort((self._first, column))
            self._by_leader = (order, column[order])
        order, column = self._by_leader
        lo, hi = np.searchsorted(column, [j, j + 1])
        return [self._edge(p) for p in order[lo:hi].tolist()]


def _segment_products(
    factors: npt.NDArray[np.float64], starts: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """``1 × f[s] × f[s + 1] × …`` for each segment, multiplied in order (left to right)."""
    sizes = np.diff(starts)
    if not len(sizes):
        return np.ones(0)
    out = factors[starts[:-1]].copy()  # every segment has at least one factor
    longer = np.flatnonzero(sizes > 1)
    r = 1
    while len(longer):
        out[longer] *= factors[starts[longer] + r]
        r += 1
        longer = longer[sizes[longer] > r]
    return out


def _decays(ages: npt.NDArray[np.int64], weights: EvidenceWeights) -> npt.NDArray[np.float64]:
    """:meth:`EvidenceWeights.decay` of each age, computed once per distinct age."""
    distinct, where = np.unique(ages, return_inverse=True)
    table = np.asarray([weights.decay(a) for a in distinct.tolist()], dtype=np.float64)
    return table[where.reshape(-1)] if len(ages) else np.zeros(0)


def _evidence_graph(
    columns: EvidenceColumns,
    as_of: date,
    ids: Iterable[int] | None,
    weights: EvidenceWeights,
) -> tuple[WeightedDigraph, Explanation]:
    """:func:`listens_to_graph` on columns: the whole combination in array operations."""
    day = as_of.toordinal()
    m = len(columns.tie_source)
    # Ties outside their window and observations after as_of are skipped.
    not_yet = (columns.tie_valid_from != NO_DAY) & (day < columns.tie_valid_from)
    over = ~not_yet & (columns.tie_valid_to != NO_DAY) & (day > columns.tie_valid_to)
    age_all = day - columns.observation_day
    future = age_all < 0
    skipped: list[SkippedEvidence] = []
    for i in np.flatnonzero(not_yet | over).tolist():
        tie = columns.tie_record(i)
        reason = (
            f"valid only from {tie.valid_from}"
            if not_yet[i]
            else f"valid only until {tie.valid_to}"
        )
        skipped.append(SkippedEvidence(tie, reason))
    for j in np.flatnonzero(future).tolist():
        skipped.append(SkippedEvidence(columns.observation_record(j), f"observed after {as_of}"))

    # One contribution per valid tie (two for a mutual kind) and per observation; `order`
    # is the position of each in the record-by-record order of the explanation.
    tie_factor = np.asarray([weights.factor(k) for k in TIE_KINDS])
    mutual = np.asarray([k in weights.mutual_tie_kinds for k in TIE_KINDS])
    seen_factor = np.asarray([weights.factor(k) for k in OBSERVATION_KINDS])
    ti = np.flatnonzero(~(not_yet | over))
    t_kind = columns.tie_kind[ti]
    t_factor = tie_factor[t_kind]
    t_value = t_factor * columns.tie_weight[ti] * columns.tie_confidence[ti]
    both = ti[mutual[t_kind]]
    b_kind = columns.tie_kind[both]
    b_factor = tie_factor[b_kind]
    b_value = b_factor * columns.tie_weight[both] * columns.tie_confidence[both]
    sj = np.flatnonzero(~future)
    s_kind = columns.observation_kind[sj]
    s_age = age_all[sj]
    s_factor = seen_factor[s_kind]
    s_decay = _decays(s_age, weights)
    s_value = s_factor * columns.observation_strength[sj] * s_decay
    ear = s_kind == _HAS_EAR_OF
    s_source, s_target = columns.observation_source[sj], columns.observation_target[sj]

    listener = np.concatenate(
        (columns.tie_source[ti], columns.tie_target[both], np.where(ear, s_target, s_source))
    )
    leader = np.concatenate(
        (columns.tie_target[ti], columns.tie_source[both], np.where(ear, s_source, s_target))
    )
    order = np.concatenate((2 * ti, 2 * both + 1, 2 * m + sj))
    is_tie = np.concatenate((np.ones(len(ti) + len(both), bool), np.zeros(len(sj), bool)))
    record = np.concatenate((ti, both, sj))
    kind = np.concatenate((t_kind, b_kind, len(TIE_KINDS) + s_kind))
    factor = np.concatenate((t_factor, b_factor, s_factor))
    age = np.concatenate((np.zeros(len(ti) + len(both), np.int64), s_age))
    decay = np.concatenate((np.ones(len(ti) + len(both)), s_decay))
    value = np.concatenate((t_value, b_value, s_value))
    discounts = np.concatenate((np.zeros(len(ti) + len(both), bool), s_kind == _OPPOSED))

    if ids is None:
        named = np.concatenate(
            (
                columns.tie_source,
                columns.tie_target,
                columns.observation_source,
                columns.observation_target,
            )
        )
        id_tuple = tuple(np.unique(named).tolist())
    else:
        id_tuple = tuple(ids)
    n = len(id_tuple)
    id_array = np.asarray(id_tuple, dtype=np.int64).reshape(-1)
    li, known_l = _lookup(id_array, listener)
    ri, known_r = _lookup(id_array, leader)
    unknown = ~(known_l & known_r)
    if unknown.any():
        k = int(np.flatnonzero(unknown)[np.argmin(order[unknown])])
        person = int(listener[k]) if not known_l[k] else int(leader[k])
        evidence = (
            columns.tie_record(int(record[k]))
            if is_tie[k]
            else columns.observation_record(int(record[k]))
        )
        raise ValueError(f"{evidence!r} names person {person}, who is not in ids")

    # Sort by pair, then by record order; mark restated ties; combine each pair.
    key = li * max(n, 1) + ri
    sort = np.lexsort((order, key))
    key = key[sort]
    c = _Contributions(
        listener=listener[sort],
        leader=leader[sort],
        is_tie=is_tie[sort],
        record=record[sort],
        factor=factor[sort],
        age=age[sort],
        decay=decay[sort],
        weight=value[sort],
        discounts=discounts[sort],
        counted=np.ones(len(sort), bool),
    )
    kind, order = kind[sort], order[sort]
    first_of_pair = np.ones(len(key), bool)
    first_of_pair[1:] = key[1:] != key[:-1]
    starts = np.append(np.flatnonzero(first_of_pair), len(key)).astype(np.int64)
    # Only pairs with two or more ties can hold a restated one: of each kind, the
    # strongest counts (the first given among equals).
    tie_count = np.add.reduceat(c.is_tie, starts[:-1]) if len(key) else np.zeros(0, np.int64)
    several = np.repeat(tie_count > 1, np.diff(starts)) & c.is_tie
    ties_at = np.flatnonzero(several)
    strongest = np.lexsort((order[ties_at], -c.weight[ties_at], kind[ties_at], key[ties_at]))
    by_kind = ties_at[strongest]
    restated = np.zeros(len(by_kind), bool)
    restated[1:] = (key[by_kind[1:]] == key[by_kind[:-1]]) & (
        kind[by_kind[1:]] == kind[by_kind[:-1]]
    )
    c.counted[by_kind[restated]] = False
    adds = np.where(c.counted & ~c.discounts, 1.0 - c.weight, 1.0)
    against = np.where(c.counted & c.discounts, 1.0 - c.weight, 1.0)
    support = 1.0 - _segment_products(adds, starts)
    discount = _segment_products(against, starts)
    weight = support * discount
    pair_keys = key[starts[:-1]]

    present = weight > 0
    rows = pair_keys[present] // max(n, 1)
    matrix = sp.csr_array(
        (
            weight[present],
            (pair_keys[present] % max(n, 1)).astype(np.int64),
            np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n)))).astype(np.int64),
        ),
        shape=(n, n),
    )
    graph = WeightedDigraph(matrix, id_tuple)
    edges = _EdgeTable(
        id_array, pair_keys, starts, order[starts[:-1]], weight, support, discount, c, columns
    )
    return graph, Explanation(as_of, weights, edges, tuple(skipped))


def _lookup(
    ids: npt.NDArray[np.int64], people: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """The index of each person in ``ids`` and whether they are there at all."""
    if not len(ids) or not len(people):
        return np.zeros(len(people), np.int64), np.zeros(len(people), bool)
    low, high = int(ids.min()), int(ids.max())
    if high - low < 4 * len(ids) + 1024:  # dense ids (as a store gives): a direct table
        table = np.full(high - low + 1, -1, dtype=np.int64)
        table[ids[::-1] - low] = np.arange(len(ids) - 1, -1, -1)  # the first of repeats
        inside = (people >= low) & (people <= high)
        index = np.where(inside, table[np.clip(people - low, 0, high - low)], -1)
        known = index >= 0
        return np.where(known, index, 0), known
    sorter = np.argsort(ids, kind="stable")
    place = np.minimum(np.searchsorted(ids, people, sorter=sorter), len(ids) - 1)
    index = sorter[place]
    return index.astype(np.int64), ids[index] == people


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
        weight) and how they combined; a pair's :class:`EdgeEvidence` is built
        when it is first looked up.

    Raises
    ------
    ValueError
        If ``ids`` is given and the evidence names someone not in it.

    Notes
    -----
    The weight of a pair is ``(1 − Π (1 − a_k)) × Π (1 − a_o)`` (see the
    module docstring): a noisy-OR of the supporting evidence [1]_, discounted
    by each opposition. The combination runs on arrays (one sort by pair), so a
    million records take seconds; :func:`listens_to_graph_from_columns` takes
    the evidence as columns without a record object per row.

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
    columns = EvidenceColumns.from_records(list(ties), list(observations))
    return _evidence_graph(columns, as_of, ids, weights or EvidenceWeights())


def listens_to_graph_from_columns(
    columns: EvidenceColumns,
    as_of: date,
    *,
    ids: Iterable[int] | None = None,
    weights: EvidenceWeights | None = None,
) -> tuple[WeightedDigraph, Explanation]:
    """:func:`listens_to_graph` on evidence held as columns.

    Parameters
    ----------
    columns : EvidenceColumns
        The ties and observations, one array entry per record.
    as_of, ids, weights
        As for :func:`listens_to_graph`.

    Returns
    -------
    graph : WeightedDigraph
    explanation : Explanation
        The same as :func:`listens_to_graph` gives for the records of ``columns``.
    """
    return _evidence_graph(columns, as_of, ids, weights or EvidenceWeights())
