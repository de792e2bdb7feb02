"""The per-pair explanation of a listens-to graph, built only for the pairs looked up.

Combining the evidence yields arrays sorted by pair; a page asks about a handful of pairs,
so each :class:`EdgeEvidence` is made from those arrays on its first lookup and kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from allies.analysis.evidence_columns import EvidenceColumns
from allies.analysis.evidence_records import (
    Contribution,
    EdgeEvidence,
    ObservedEvidence,
    StatedTie,
)


@dataclass(frozen=True)
class ContributionColumns:
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


class EdgeTable(Mapping[tuple[int, int], EdgeEvidence]):
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
        contributions: ContributionColumns,
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

    def counts_by_leader(self) -> dict[int, tuple[int, int]]:
        """For each leader of a pair of positive weight, how many counted observations and
        stated ties add weight to their pairs: ``{leader id: (observations, ties)}``.

        The same tally as walking every :class:`EdgeEvidence`, from the columns at once
        (no record is built).
        """
        c = self._c
        pair = np.repeat(np.arange(len(self._keys), dtype=np.int64), np.diff(self._starts))
        positive = self._weight > 0
        adds = c.counted & ~c.discounts & (c.weight > 0) & positive[pair]
        n = len(self._ids)
        leader = self._keys % self._n
        ties = np.bincount(leader[pair[adds & c.is_tie]], minlength=n)
        seen = np.bincount(leader[pair[adds & ~c.is_tie]], minlength=n)
        leaders = np.unique(leader[positive])
        return {int(self._ids[j]): (int(seen[j]), int(ties[j])) for j in leaders.tolist()}

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
