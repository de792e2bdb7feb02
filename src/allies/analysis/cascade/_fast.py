"""Compiled kernels for large networks: RR-set sampling and maximum coverage (private).

The numpy code in :mod:`._rrsets` advances many reverse searches together, one
level at a time; on networks of a hundred thousand people it can hold only a few
searches in memory at once and spends its time in per-level overhead. These
kernels (compiled with numba, when it is installed) draw one RR set after another
with a stamp array instead of per-search visited flags, and run greedy maximum
coverage with an inverted index, in time linear in the total size of the sets.

They sample from the same distribution as the numpy code (each person's in-edges
are drawn once per set, as the live-edge models require) but consume random
numbers differently, so the sets themselves differ for the same seed. Compilation
happens on first use and is cached on disk.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from allies.analysis.cascade._model import BoolArray, Diffusion, IntArray

njit: Any
try:  # numba is a dependency, but the numpy code still works without it.
    from numba import njit
except ImportError:  # pragma: no cover - exercised only without numba
    njit = None
AVAILABLE = njit is not None


def _rr_sets_kernel(
    indptr: Any,
    sources: Any,
    weight: Any,
    cumulative: Any,
    thresholds: Any,
    is_lt: bool,
    roots: Any,
    stop: Any,
    seed: int,
) -> tuple[Any, Any, Any]:
    np.random.seed(seed)
    n = indptr.size - 1
    count = roots.size
    stamp = np.zeros(n, dtype=np.int64)
    out_ptr = np.zeros(count + 1, dtype=np.int64)
    hit = np.zeros(count, dtype=np.bool_)
    capacity = max(1024, count * 8)
    out = np.empty(capacity, dtype=np.int64)
    size = 0
    for s in range(count):
        mark = s + 1
        root = roots[s]
        start = size
        if stop[root]:
            hit[s] = True
            out_ptr[s + 1] = size
            continue
        if size + 1 > capacity:
            capacity *= 2
            grown = np.empty(capacity, dtype=np.int64)
            grown[:size] = out[:size]
            out = grown
        out[size] = root
        stamp[root] = mark
        head = size
        size += 1
        stopped = False
        while head < size and not stopped:
            v = out[head]
            head += 1
            lo = indptr[v]
            hi = indptr[v + 1]
            if lo == hi:
                continue
            every = True  # IC: test each edge; LT: all edges live, or one picked
            if is_lt:
                if np.random.random() < thresholds[v]:
                    target = v + np.random.random()
                    a, b = lo, hi - 1
                    while a < b:  # first edge whose running sum exceeds the draw
                        mid = (a + b) // 2
                        if cumulative[mid] > target:
                            b = mid
                        else:
                            a = mid + 1
                    lo, hi = a, a + 1
            else:
                every = False
            if size + (hi - lo) > capacity:
                capacity = max(2 * capacity, size + (hi - lo))
                grown = np.empty(capacity, dtype=np.int64)
                grown[:size] = out[:size]
                out = grown
            for e in range(lo, hi):
                if not every and np.random.random() >= weight[e]:
                    continue
                u = sources[e]
                if stamp[u] != mark:
                    if stop[u]:
                        # Someone on board from the start reaches the root: the set is
                        # covered whatever else it holds, so the search ends, kept empty.
                        stopped = True
                        break
                    stamp[u] = mark
                    out[size] = u
                    size += 1
        if stopped:
            hit[s] = True
            size = start
        out_ptr[s + 1] = size
    return out_ptr, out[:size].copy(), hit


def _coverage_kernel(
    indptr: Any, nodes: Any, n: int, k: int, eligible: Any, precovered: Any
) -> tuple[Any, Any]:
    count = indptr.size - 1
    covered = precovered.copy()
    degree = np.zeros(n, dtype=np.int64)
    for s in range(count):
        if not covered[s]:
            for j in range(indptr[s], indptr[s + 1]):
                degree[nodes[j]] += 1
    # Inverted index: the sets each node belongs to.
    node_ptr = np.zeros(n + 1, dtype=np.int64)
    for j in range(nodes.size):
        node_ptr[nodes[j] + 1] += 1
    for v in range(n):
        node_ptr[v + 1] += node_ptr[v]
    fill = node_ptr[:-1].copy()
    member_of = np.empty(nodes.size, dtype=np.int64)
    for s in range(count):
        for j in range(indptr[s], indptr[s + 1]):
            v = nodes[j]
            member_of[fill[v]] = s
            fill[v] += 1
    for v in range(n):
        if not eligible[v]:
            degree[v] = -1
    budget = 0
    for v in range(n):
        if eligible[v]:
            budget += 1
    budget = min(k, budget)
    seeds = np.empty(budget, dtype=np.int64)
    gains = np.empty(budget, dtype=np.int64)
    for step in range(budget):
        best = 0
        for v in range(1, n):
            if degree[v] > degree[best]:
                best = v
        fresh = 0
        for j in range(node_ptr[best], node_ptr[best + 1]):
            s = member_of[j]
            if not covered[s]:
                covered[s] = True
                fresh += 1
                for i in range(indptr[s], indptr[s + 1]):
                    degree[nodes[i]] -= 1
        degree[best] = -1
        seeds[step] = best
        gains[step] = fresh
    return seeds, gains


if njit is not None:
    _rr_sets_compiled = njit(cache=True, nogil=True)(_rr_sets_kernel)
    _coverage_compiled = njit(cache=True, nogil=True)(_coverage_kernel)


def sample_rr_sets_fast(
    diffusion: Diffusion, roots: IntArray, stop: BoolArray, rng: np.random.Generator
) -> tuple[IntArray, IntArray, BoolArray]:
    """RR sets from the given roots: ``(indptr, nodes, hit)``.

    A search that reaches someone marked in ``stop`` (the people on board from the
    start) ends there: the set is flagged in ``hit`` and stored empty, since a set
    already covered plays no further part in the greedy coverage.
    """
    seed = int(rng.integers(0, 2**31 - 1))
    cumulative = diffusion.cumulative if diffusion.model == "lt" else np.zeros(1)
    indptr, nodes, hit = _rr_sets_compiled(
        diffusion.indptr,
        diffusion.sources,
        diffusion.weight,
        cumulative,
        diffusion.thresholds,
        diffusion.model == "lt",
        roots.astype(np.int64),
        stop.astype(np.bool_),
        seed,
    )
    return (
        np.asarray(indptr, dtype=np.int64),
        np.asarray(nodes, dtype=np.int64),
        np.asarray(hit, dtype=np.bool_),
    )


def max_coverage_fast(
    indptr: IntArray, nodes: IntArray, n: int, k: int, eligible: BoolArray, precovered: BoolArray
) -> tuple[IntArray, IntArray]:
    """Greedy maximum coverage: the seeds in order and the sets each newly covers.

    Ties go to the lowest index, as in the numpy version.
    """
    seeds, gains = _coverage_compiled(
        indptr, nodes, n, k, eligible.astype(np.bool_), precovered.astype(np.bool_)
    )
    return np.asarray(seeds, dtype=np.int64), np.asarray(gains, dtype=np.int64)
