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

import functools
import os
from concurrent.futures import ThreadPoolExecutor
from importlib.util import find_spec
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import reverse_cuthill_mckee

from allies.analysis.cascade._model import BoolArray, Diffusion, IntArray

# numba is a dependency, but the numpy code still works without it. It is imported (and
# the kernels compiled, or loaded from the disk cache) on first use, not with this module:
# a command that only reads a stored plan never pays for it.
AVAILABLE = find_spec("numba") is not None


_THRESHOLD_SCALE = 2147483648.0  # thresholds kept as integers in units of 2**-31


def _rr_sets_kernel(
    node: Any, edge: Any, is_lt: bool, roots: Any, seed: int
) -> tuple[Any, Any, Any]:
    """Draw one RR set per root.

    ``node[v]`` packs, in one cache line, the first and past-the-last in-edge of
    ``v``, the stamp of the last set that visited ``v``, and a word whose lowest bit
    says ``v`` is on board from the start and whose other bits hold her threshold
    parameter in units of 2**-31. ``edge[e]`` holds the running sum of the scaled
    in-weights within the row (LT) or the edge's live probability (IC), and the
    source.
    """
    np.random.seed(seed)
    count = roots.size
    out_ptr = np.zeros(count + 1, dtype=np.int64)
    hit = np.zeros(count, dtype=np.bool_)
    capacity = max(1024, count * 8)
    out = np.empty(capacity, dtype=np.int32)
    size = 0
    for s in range(count):
        mark = s + 1
        root = roots[s]
        start = size
        if node[root, 3] & 1:
            hit[s] = True
            out_ptr[s + 1] = size
            continue
        if size + 1 > capacity:
            capacity *= 2
            grown = np.empty(capacity, dtype=np.int32)
            grown[:size] = out[:size]
            out = grown
        out[size] = root
        node[root, 2] = mark
        head = size
        size += 1
        stopped = False
        while head < size and not stopped:
            v = out[head]
            head += 1
            lo = node[v, 0]
            hi = node[v, 1]
            if lo == hi:
                continue
            every = True  # IC: test each edge; LT: all edges live, or one picked
            if is_lt:
                if np.random.random() * _THRESHOLD_SCALE < (node[v, 3] >> 1):
                    target = np.random.random()
                    a, b = lo, hi - 1
                    while a < b:  # first edge whose running sum exceeds the draw
                        mid = (a + b) // 2
                        if edge[mid, 0] > target:
                            b = mid
                        else:
                            a = mid + 1
                    lo, hi = a, a + 1
            else:
                every = False
            if size + (hi - lo) > capacity:
                capacity = max(2 * capacity, size + (hi - lo))
                grown = np.empty(capacity, dtype=np.int32)
                grown[:size] = out[:size]
                out = grown
            for e in range(lo, hi):
                if not every and np.random.random() >= edge[e, 0]:
                    continue
                u = np.int64(edge[e, 1])
                if node[u, 2] != mark:
                    if node[u, 3] & 1:
                        # Someone on board from the start reaches the root: the set is
                        # covered whatever else it holds, so the search ends, kept empty.
                        stopped = True
                        break
                    node[u, 2] = mark
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


@functools.cache
def _compiled() -> tuple[Any, Any]:
    """The compiled RR-set and coverage kernels (numba imported on first use)."""
    from numba import njit

    return (
        njit(cache=True, nogil=True)(_rr_sets_kernel),
        njit(cache=True, nogil=True)(_coverage_kernel),
    )


class Sampler:
    """Draws RR sets with the compiled kernel on a relabelled copy of the graph.

    People are renumbered by reverse Cuthill-McKee order (of the graph made
    undirected), so that people who listen to each other sit close together in
    memory and a search touches few cache lines; the sets are handed back in the
    original numbering. Roots are split between up to ``threads`` threads, each
    with its own random stream drawn from the caller's generator.
    """

    def __init__(self, diffusion: Diffusion, threads: int | None = None) -> None:
        n = diffusion.n
        pattern = sp.csr_matrix(
            (
                np.ones(diffusion.sources.size, dtype=np.int8),
                (diffusion.edge_row, diffusion.sources),
            ),
            shape=(n, n),
        )
        order = reverse_cuthill_mckee((pattern + pattern.T).tocsr(), symmetric_mode=True)
        self.perm = np.asarray(order, dtype=np.int64)  # new label -> old label
        inv = np.empty(n, dtype=np.int64)
        inv[self.perm] = np.arange(n, dtype=np.int64)
        self.inv = inv  # old label -> new label
        rows, cols = inv[diffusion.edge_row], inv[diffusion.sources]
        edges = np.lexsort((cols, rows))
        rows, self.sources = rows[edges], cols[edges]
        self.weight = diffusion.weight[edges]
        self.indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n)))).astype(
            np.int64
        )
        self.is_lt = diffusion.model == "lt"
        self.edge = np.empty((self.sources.size, 2))
        if self.is_lt:
            running = np.cumsum(self.weight)
            row_start = np.concatenate(([0.0], running))[self.indptr[:-1]]
            self.edge[:, 0] = running - row_start[rows]
        else:
            self.edge[:, 0] = self.weight
        self.edge[:, 1] = self.sources
        self.node = np.zeros((n, 4), dtype=np.int64)
        self.node[:, 0], self.node[:, 1] = self.indptr[:-1], self.indptr[1:]
        scaled = np.round(diffusion.thresholds[self.perm] * _THRESHOLD_SCALE).astype(np.int64)
        self.node[:, 3] = scaled << 1
        self.threads = max(1, min(2, os.cpu_count() or 1) if threads is None else threads)

    def sample(
        self, roots: IntArray, stop: BoolArray, rng: np.random.Generator
    ) -> tuple[IntArray, IntArray, BoolArray]:
        """RR sets from the given roots: ``(indptr, nodes, hit)``.

        A search that reaches someone marked in ``stop`` (the people on board from
        the start) ends there: the set is flagged in ``hit`` and stored empty, since
        a set already covered plays no further part in the greedy coverage.
        """
        parts = self.threads if roots.size >= 10_000 else 1
        seeds = [int(x) for x in rng.integers(0, 2**31 - 1, size=parts)]
        chunks = np.array_split(self.inv[roots], parts)
        node = self.node.copy()
        node[:, 3] |= np.asarray(stop, dtype=np.int64)[self.perm]
        nodes_of = [node] + [node.copy() for _ in range(parts - 1)]  # stamps per thread

        kernel = _compiled()[0]

        def run(job: int) -> tuple[Any, Any, Any]:
            return kernel(nodes_of[job], self.edge, self.is_lt, chunks[job], seeds[job])

        if parts == 1:
            found = [run(0)]
        else:
            with ThreadPoolExecutor(max_workers=parts) as pool:
                found = list(pool.map(run, range(parts)))
        pointers, nodes, hits = [np.zeros(1, dtype=np.int64)], [], []
        offset = 0
        for indptr, part, hit in found:
            pointers.append(np.asarray(indptr[1:], dtype=np.int64) + offset)
            offset += int(indptr[-1])
            nodes.append(self.perm[np.asarray(part, dtype=np.int64)])
            hits.append(np.asarray(hit, dtype=np.bool_))
        return np.concatenate(pointers), np.concatenate(nodes), np.concatenate(hits)


def sample_rr_sets_fast(
    diffusion: Diffusion, roots: IntArray, stop: BoolArray, rng: np.random.Generator
) -> tuple[IntArray, IntArray, BoolArray]:
    """RR sets from the given roots with a one-off :class:`Sampler` (see there)."""
    return Sampler(diffusion).sample(roots, stop, rng)


def max_coverage_fast(
    indptr: IntArray, nodes: IntArray, n: int, k: int, eligible: BoolArray, precovered: BoolArray
) -> tuple[IntArray, IntArray]:
    """Greedy maximum coverage: the seeds in order and the sets each newly covers.

    Ties go to the lowest index, as in the numpy version.
    """
    seeds, gains = _compiled()[1](
        indptr, nodes, n, k, eligible.astype(np.bool_), precovered.astype(np.bool_)
    )
    return np.asarray(seeds, dtype=np.int64), np.asarray(gains, dtype=np.int64)
