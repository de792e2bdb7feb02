"""Brandes' dependency accumulation, one source at a time, compiled (private).

For each source ``s`` the kernel settles the nodes in order of distance (breadth-first
search for hop counts, Dijkstra's algorithm with an indexed 4-ary heap otherwise), counts
the shortest paths ``σ_sv`` as each node is settled, and accumulates the dependencies
``δ_s(v) = Σ_{v → w on a shortest path} σ_sv / σ_sw (1 + δ_s(w))`` in the reverse order of
settlement [1]_. Work is ``O(m + n log n)`` per source and memory ``O(n + m)``, the arrays
reused from one source to the next.

An arc ``u → v`` of length ``l`` lies on a shortest path when ``d(u) + l`` equals ``d(v)``:
exactly for hop counts, and within ``tolerance · max(1, d(v))`` for weighted lengths, where
the distances are the exact minima Dijkstra's algorithm finds, so ties are judged against
final distances, not against ones still being improved. While the tail ``u`` is settled
its arc is only a candidate, kept in a list for ``v`` if ``d(u) + l`` is within the slack
of ``v``'s current distance (a weaker test, as the final one can only be smaller); the
test proper runs on the list when ``v`` is settled, and the predecessors that pass are
kept for the accumulation. An arc into a node that is not strictly farther than its tail
never counts, so the arcs kept always form a DAG.

The kernel is compiled with numba when it is available (it is a dependency), on first use
and cached on disk; the same code runs as plain Python otherwise, with the same result.

References
----------
.. [1] Brandes, U. (2001). "A faster algorithm for betweenness centrality". *Journal of
   Mathematical Sociology* 25(2):163-177.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.compiled import compiled_on_first_use

__all__ = ["dependencies"]

FloatArray = npt.NDArray[np.float64]


def _kernel(
    indptr: Any, indices: Any, lengths: Any, sources: Any, hops: bool, tolerance: float
) -> Any:
    """``total[v] = Σ_s δ_s(v)`` over the sources ``s ≠ v`` (see the module's notes)."""
    n = indptr.size - 1
    m = max(indices.size, 1)
    total = np.zeros(n)
    dist = np.full(n, np.inf)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    order = np.empty(n, dtype=np.int64)  # nodes in the order they are settled (BFS queue)
    first = np.empty(n + 1, dtype=np.int64)  # order[i]'s predecessors on a shortest path
    behind = np.empty(m, dtype=np.int64)  # are behind[first[i]:first[i + 1]]
    head = np.full(n, -1, dtype=np.int64)  # arcs that may end a shortest path to v, as a
    arc_tail = np.empty(m, dtype=np.int64)  # list from head[v] through arc_next, each
    arc_via = np.empty(m)  # with its tail and the length of the path over it
    arc_next = np.empty(m, dtype=np.int64)
    heap_node = np.empty(n, dtype=np.int64)  # a 4-ary heap of the nodes reached, not settled
    heap_key = np.empty(n)
    where = np.empty(n, dtype=np.int64)
    for s in sources:
        dist[s] = 0.0
        order[0] = s
        heap_node[0] = s
        heap_key[0] = 0.0
        where[s] = 0
        size = 1  # nodes in the heap, or nodes queued (hops)
        settled = 0
        kept = 0
        arcs = 0
        while (settled < size) if hops else (size > 0):
            if hops:
                u = order[settled]
            else:  # pop the nearest node and sift the last entry down
                u = heap_node[0]
                size -= 1
                if size > 0:
                    last = heap_node[size]
                    key = heap_key[size]
                    i = 0
                    while True:
                        child = 4 * i + 1
                        if child >= size:
                            break
                        best = heap_key[child]
                        for c in range(child + 1, min(child + 4, size)):
                            if heap_key[c] < best:
                                best = heap_key[c]
                                child = c
                        if best >= key:
                            break
                        heap_node[i] = heap_node[child]
                        heap_key[i] = best
                        where[heap_node[i]] = i
                        i = child
                    heap_node[i] = last
                    heap_key[i] = key
                    where[last] = i
                order[settled] = u
            first[settled] = kept
            settled += 1
            du = dist[u]
            # u's distance is final: count the paths over the arcs into u that end a
            # shortest path, from nodes already settled (their counts are final too)
            if u == s:
                sigma[u] = 1.0
            else:
                slack = tolerance * max(1.0, du)
                count = 0.0
                a = head[u]
                while a >= 0:
                    p = arc_tail[a]
                    if dist[p] < du and arc_via[a] - du <= slack:
                        count += sigma[p]
                        behind[kept] = p
                        kept += 1
                    a = arc_next[a]
                sigma[u] = count
            for pos in range(indptr[u], indptr[u + 1]):
                v = indices[pos]
                now = dist[v]
                if hops:
                    via = du + 1.0
                    if now == np.inf:
                        dist[v] = via
                        order[size] = v
                        size += 1
                    elif now != via:
                        continue
                else:
                    via = du + lengths[pos]
                    if via < now:  # push v or decrease its key, then sift it up
                        if now == np.inf:
                            i = size
                            size += 1
                        else:
                            i = where[v]
                        dist[v] = via
                        while i > 0:
                            parent = (i - 1) >> 2
                            if heap_key[parent] <= via:
                                break
                            heap_node[i] = heap_node[parent]
                            heap_key[i] = heap_key[parent]
                            where[heap_node[i]] = i
                            i = parent
                        heap_node[i] = v
                        heap_key[i] = via
                        where[v] = i
                    # v's final distance is at most ``now``: an arc on a shortest path is
                    # within the slack of ``now`` (a weaker test, applied again at v)
                    elif now <= du or via - now > tolerance * max(1.0, now):
                        continue
                arc_tail[arcs] = u
                arc_via[arcs] = via
                arc_next[arcs] = head[v]
                head[v] = arcs
                arcs += 1
        first[settled] = kept
        for i in range(settled - 1, 0, -1):  # dependencies, farthest nodes first
            w = order[i]
            share = (1.0 + delta[w]) / sigma[w]
            total[w] += delta[w]
            for j in range(first[i], first[i + 1]):
                p = behind[j]
                delta[p] += sigma[p] * share
        for i in range(settled):
            u = order[i]
            dist[u] = np.inf
            sigma[u] = 0.0
            delta[u] = 0.0
            head[u] = -1
    return total


#: The kernel compiled (numba) on first use.
_compiled_kernel = compiled_on_first_use(_kernel)


def dependencies(
    lengths: sp.csr_array, sources: npt.ArrayLike, *, hops: bool, tolerance: float
) -> FloatArray:
    """Brandes dependencies summed over the sources: ``total[v] = Σ_{s ≠ v} δ_s(v)``.

    Parameters
    ----------
    lengths : scipy.sparse.csr_array, shape (n, n)
        Positive arc lengths, row ``u`` holding the arcs out of ``u``.
    sources : array_like of int
        The sources ``s``, each once.
    hops : bool
        Every arc has length 1 (``lengths``' values are ignored; breadth-first search).
    tolerance : float
        Relative slack under which two weighted path lengths count as equal.

    Returns
    -------
    ndarray of float, shape (n,)
    """
    matrix = sp.csr_array(lengths)
    indptr = np.ascontiguousarray(matrix.indptr, dtype=np.int64)
    indices = np.ascontiguousarray(matrix.indices, dtype=np.int32)
    data = np.ascontiguousarray(matrix.data, dtype=np.float64)
    chosen = np.ascontiguousarray(sources, dtype=np.int64)
    total: FloatArray = _compiled_kernel()(
        indptr, indices, data, chosen, bool(hops), float(tolerance)
    )
    return total
