"""The noisy-OR combination of stated ties and observations, on arrays.

One sort by (listener, leader) puts every pair's contributions side by side; the products
over each pair's segment give its weight (see :mod:`allies.analysis.evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.evidence_columns import HAS_EAR_OF_CODE, NO_DAY, OPPOSED_CODE, EvidenceColumns
from allies.analysis.evidence_edges import ContributionColumns, EdgeTable
from allies.analysis.evidence_records import (
    OBSERVATION_KINDS,
    TIE_KINDS,
    EvidenceWeights,
    Explanation,
    SkippedEvidence,
)
from allies.analysis.graph import WeightedDigraph


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


def combine_evidence(
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
    ear = s_kind == HAS_EAR_OF_CODE
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
    discounts = np.concatenate((np.zeros(len(ti) + len(both), bool), s_kind == OPPOSED_CODE))

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
    c = ContributionColumns(
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
    edges = EdgeTable(
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
