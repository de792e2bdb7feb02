"""The workspace's ties and observations as the evidence the analyses weigh.

:func:`stated_ties` and :func:`observed_evidence` convert record by record (for the
explanations); :func:`evidence_columns` converts the store's columns in bulk, so loading a
large workspace makes no Python object per record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from datetime import date
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.evidence import (
    NO_DAY,
    EvidenceColumns,
    Explanation,
    ObservedEvidence,
    StatedTie,
    observation_kind_code,
    tie_kind_code,
)
from allies.analysis.evidence_edges import EdgeTable
from allies.analysis.graph import WeightedDigraph
from allies.domain import (
    Observation,
    ObservationColumns,
    ObservationKind,
    Person,
    Tie,
    TieColumns,
    TieKind,
)


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


def evidence_totals(
    explanation: Explanation, ids: Sequence[int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """How many observations and ties count towards each person's being listened to,
    indexed like ``ids``."""
    edges = explanation.edges
    if isinstance(edges, EdgeTable):  # from the columns at once, no explanation built
        counts = edges.counts_by_leader()
    else:
        tally: dict[int, list[int]] = {}
        for (_, leader), edge in edges.items():
            if edge.weight <= 0:
                continue
            mine = tally.setdefault(leader, [0, 0])
            for c in edge.contributions:
                if c.counted and c.effect == "adds" and c.weight > 0:
                    mine[1 if isinstance(c.evidence, StatedTie) else 0] += 1
        counts = {leader: (o, t) for leader, (o, t) in tally.items()}
    observed = np.zeros(len(ids), dtype=np.int64)
    stated = np.zeros(len(ids), dtype=np.int64)
    at = {pid: i for i, pid in enumerate(ids)}
    for leader, (o, t) in counts.items():
        i = at.get(leader)
        if i is not None:
            observed[i], stated[i] = o, t
    return observed, stated


def among(
    people: Mapping[int, Person], ties: TieColumns, observations: ObservationColumns
) -> tuple[TieColumns, ObservationColumns]:
    """The ties and observations between people in ``people`` (the records read after
    someone was added or removed, fitted to the people read before)."""
    return _kept_where(lambda a, b: a in people and b in people, ties, observations)


def touching(
    person_id: int, ties: TieColumns, observations: ObservationColumns
) -> tuple[TieColumns, ObservationColumns]:
    """The ties and observations from or to one person, in the order read."""
    return _kept_where(lambda a, b: person_id in (a, b), ties, observations)


def _kept_where(
    keeps: Callable[[int, int], bool], ties: TieColumns, observations: ObservationColumns
) -> tuple[TieColumns, ObservationColumns]:
    """The ties and observations whose two people ``keeps`` keeps, in the order read."""
    keep_t = [
        i
        for i, (a, b) in enumerate(zip(ties.source_id, ties.target_id, strict=True))
        if keeps(a, b)
    ]
    keep_o = [
        i
        for i, (a, b) in enumerate(
            zip(observations.subject_id, observations.object_id, strict=True)
        )
        if keeps(a, b)
    ]

    def pick(column: Sequence[Any], rows: list[int]) -> tuple[Any, ...]:
        return tuple(column[i] for i in rows)

    return (
        TieColumns(*(pick(getattr(ties, f.name), keep_t) for f in fields(TieColumns))),
        ObservationColumns(
            *(pick(getattr(observations, f.name), keep_o) for f in fields(ObservationColumns))
        ),
    )


def reports_under(columns: EvidenceColumns, ids: Sequence[int]) -> npt.NDArray[np.int64] | None:
    """How many people sit under each person (indexed like ``ids``) in the reporting
    lines, directly or through others; None when no reporting line is recorded.

    The ``reports_to`` ties, as a boolean matrix ``B`` (``B[p, b]``: ``p`` reports to
    ``b``), are followed upwards level by level, ``B + B² + …`` until no one new is
    reached (a cycle ends it too); someone under a boss by several lines counts once.
    """
    code = tie_kind_code("reports_to")
    order = np.asarray(ids, dtype=np.int64)
    chosen = (columns.tie_kind == code) & (columns.tie_source != columns.tie_target)
    source = np.searchsorted(order, columns.tie_source[chosen])
    target = np.searchsorted(order, columns.tie_target[chosen])
    if not len(source):
        return None
    n = len(order)
    ones = np.ones(len(source), dtype=np.int8)
    boss = sp.csr_array((ones, (source, target)), shape=(n, n), dtype=np.int8)
    boss.data[:] = 1
    reached = boss.copy()
    frontier = boss.copy()
    for _ in range(n):
        step = frontier @ boss
        step.data[:] = 1
        step = step - step.multiply(reached)
        step.eliminate_zeros()
        if not step.nnz:
            break
        reached = reached + step
        reached.data[:] = 1
        frontier = step
    reached.setdiag(0)
    reached.eliminate_zeros()
    return np.asarray(reached.sum(axis=0), dtype=np.int64).reshape(-1)
