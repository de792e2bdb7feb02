"""Reverse-reachable sets and greedy maximum coverage (private).

A reverse-reachable (RR) set is drawn by picking a root ``v`` with probability
proportional to its value and collecting everyone who reaches ``v`` in a random
live-edge graph; for any seed set ``S``,
``σ(S) = V · Pr[S meets a random RR set]`` with ``V`` the total value
(Borgs, Brautbar, Chayes and Lucier 2014; Tang, Shi and Xiao 2015). The live
edges are sampled lazily during a reverse breadth-first search, which visits each
person at most once per set, so the draw is the same as sampling the whole graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade import _fast as fast
from allies.analysis.cascade._model import (
    BoolArray,
    Diffusion,
    IntArray,
    Marks,
    gather,
    group_by,
    live_in_edges,
)

_VISITED_BUDGET = 1 << 23
_FAST_WORK = 1 << 24  # searches x people above which the compiled kernels take over


@dataclass(frozen=True)
class RRSets:
    """RR sets stored like a CSR matrix: set ``i`` is ``nodes[indptr[i]:indptr[i+1]]``.

    ``stopped`` flags the sets that reach someone on board from the start (when the
    sets were drawn with ``stop``); the compiled sampler ends such a search there and
    stores the set empty, since a covered set plays no further part. ``roots`` holds
    each set's root (the person whose coming on board the set samples), when known.
    """

    indptr: IntArray
    nodes: IntArray
    stopped: BoolArray | None = None
    roots: IntArray | None = None

    @property
    def count(self) -> int:
        return int(self.indptr.size - 1)

    def extend(self, other: RRSets) -> RRSets:
        stopped = None
        if self.stopped is not None and other.stopped is not None:
            stopped = np.concatenate((self.stopped, other.stopped))
        roots = None
        if self.roots is not None and other.roots is not None:
            roots = np.concatenate((self.roots, other.roots))
        return RRSets(
            np.concatenate((self.indptr, other.indptr[1:] + self.indptr[-1])),
            np.concatenate((self.nodes, other.nodes)),
            stopped,
            roots,
        )


def fast_sampler(diffusion: Diffusion, expected: int) -> fast.Sampler | None:
    """A compiled sampler to reuse across draws, when draws of ``expected`` sets would
    use the compiled kernels."""
    if fast.AVAILABLE and expected * diffusion.n > _FAST_WORK:
        return fast.Sampler(diffusion)
    return None


def empty_rr_sets() -> RRSets:
    none = np.zeros(0, dtype=np.int64)
    return RRSets(np.zeros(1, dtype=np.int64), none, np.zeros(0, dtype=bool), none)


def sample_rr_sets(
    diffusion: Diffusion,
    count: int,
    rng: np.random.Generator,
    stop: IntArray | None = None,
    sampler: fast.Sampler | None = None,
) -> RRSets:
    """Draw ``count`` RR sets with roots sampled in proportion to value.

    ``stop`` lists the people on board from the start; the result's ``stopped``
    flags the sets that reach one of them. Large draws go to the compiled kernels,
    through ``sampler`` when given (see :func:`fast_sampler`).
    """
    n = diffusion.n
    if count <= 0 or diffusion.total_value <= 0:
        return empty_rr_sets()
    cumulative = np.cumsum(diffusion.values)
    roots = np.searchsorted(cumulative, rng.random(count) * cumulative[-1], side="right")
    roots = np.minimum(roots, n - 1).astype(np.int64)
    return rr_sets_from(diffusion, roots, rng, stop, sampler)


def rr_sets_from(
    diffusion: Diffusion,
    roots: IntArray,
    rng: np.random.Generator,
    stop: IntArray | None = None,
    sampler: fast.Sampler | None = None,
) -> RRSets:
    """One RR set from each of ``roots`` (as :func:`sample_rr_sets`, roots given)."""
    n = diffusion.n
    count = int(roots.size)
    if count == 0:
        return empty_rr_sets()
    stop = np.zeros(0, dtype=np.int64) if stop is None else stop
    if fast.AVAILABLE and count * n > _FAST_WORK:
        mask = np.zeros(n, dtype=bool)
        mask[stop] = True
        sampler = sampler or fast.Sampler(diffusion)
        return RRSets(*sampler.sample(roots, mask, rng), roots=roots)
    batch = max(1, min(count, _VISITED_BUDGET // max(n, 1), np.iinfo(np.uint16).max))
    marks = Marks()
    marks.reserve(batch * n)
    pointers = [np.zeros(1, dtype=np.int64)]
    contents = []
    total = 0
    for first in range(0, count, batch):
        chunk = roots[first : first + batch]
        keys = marks.first_visits(np.arange(chunk.size, dtype=np.int64) * n + chunk)
        found = [keys]
        while keys.size:
            positions, slot = live_in_edges(diffusion, keys % n, rng)
            if positions.size == 0:
                break
            keys = marks.first_visits((keys // n)[slot] * n + diffusion.sources[positions])
            found.append(keys)
        reached = np.concatenate(found)
        marks.clear(reached)
        owner = reached // n
        reached = reached[group_by(owner, chunk.size)]
        sizes = np.bincount(owner, minlength=chunk.size)
        pointers.append(total + np.cumsum(sizes))
        contents.append(reached % n)
        total += int(reached.size)
    sets = RRSets(np.concatenate(pointers), np.concatenate(contents))
    return RRSets(sets.indptr, sets.nodes, hit_by(sets, stop), roots)


@dataclass(frozen=True)
class Coverage:
    """Greedy maximum coverage: the seeds in order and the sets each newly covers."""

    seeds: IntArray
    newly_covered: IntArray
    covered_before: int


def max_coverage(
    sets: RRSets, n: int, k: int, eligible: BoolArray, precovered: BoolArray
) -> Coverage:
    """Pick ``k`` eligible nodes, each covering the most RR sets not yet covered.

    Ties go to the lowest index. ``precovered`` marks sets already covered (by the
    people active from the start).
    """
    count = sets.count
    if fast.AVAILABLE and sets.nodes.size + n > _FAST_WORK // 8:
        picked, counts = fast.max_coverage_fast(sets.indptr, sets.nodes, n, k, eligible, precovered)
        return Coverage(picked, counts, int(precovered.sum()))
    covered = precovered.copy()
    set_of = np.repeat(np.arange(count, dtype=np.int64), np.diff(sets.indptr))
    by_node = sp.csc_matrix(
        (np.ones(set_of.size, dtype=np.int8), (set_of, sets.nodes)), shape=(count, n)
    )
    open_entries = ~covered[set_of]
    degree = np.bincount(sets.nodes[open_entries], minlength=n).astype(np.int64)
    degree = np.where(eligible, degree, -1)
    seeds: list[int] = []
    gains: list[int] = []
    for _ in range(min(k, int(eligible.sum()))):
        u = int(np.argmax(degree))
        column = by_node.indices[by_node.indptr[u] : by_node.indptr[u + 1]].astype(np.int64)
        fresh = column[~covered[column]]
        covered[fresh] = True
        positions, _ = gather(sets.indptr, fresh)
        degree -= np.bincount(sets.nodes[positions], minlength=n)
        degree[u] = -1
        seeds.append(u)
        gains.append(int(fresh.size))
    return Coverage(
        seeds=np.array(seeds, dtype=np.int64),
        newly_covered=np.array(gains, dtype=np.int64),
        covered_before=int(precovered.sum()),
    )


def hit_by(sets: RRSets, nodes: IntArray) -> BoolArray:
    """Which RR sets contain at least one of ``nodes``."""
    member = np.zeros(int(sets.nodes.max(initial=-1)) + 2, dtype=bool)
    nodes = nodes[nodes < member.size - 1]
    member[nodes] = True
    inside = member[sets.nodes]
    set_of = np.repeat(np.arange(sets.count, dtype=np.int64), np.diff(sets.indptr))
    return np.bincount(set_of[inside], minlength=sets.count) > 0
