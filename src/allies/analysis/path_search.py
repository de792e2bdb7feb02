"""The searches under the warm paths of :mod:`allies.analysis.paths`, on ``−log`` lengths.

The lengths of a graph (and of the graph turned round) are made once and kept with it;
:func:`meeting_search` finds one shortest path by two Dijkstra searches, from the source
and from the target, that grow until they meet, so a path between two people of a large
network is found without settling the whole network.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.graph import WeightedDigraph

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def walk_back(predecessors: npt.NDArray[np.int32], source: int, target: int) -> list[int]:
    """The nodes of the path to ``target`` read back from a Dijkstra predecessor row."""
    nodes = [target]
    while nodes[-1] != source:
        nodes.append(int(predecessors[nodes[-1]]))
    nodes.reverse()
    return nodes


def neglog_lengths(graph: WeightedDigraph) -> sp.csr_array:
    """The ``−log`` lengths of the graph, kept with it (32-bit indices, as csgraph wants)."""

    def make() -> sp.csr_array:
        lengths = graph.lengths("neglog")
        lengths.indices = lengths.indices.astype(np.int32)
        lengths.indptr = lengths.indptr.astype(np.int32)
        return lengths

    if graph.n >= 2**31 or graph.n_edges >= 2**31:  # too big for 32-bit indices
        return graph.lengths("neglog")
    return graph.derived("paths.neglog", make)


def neglog_lengths_reversed(graph: WeightedDigraph) -> sp.csr_array:
    """The lengths of the edges turned round (row ``j`` lists the edges into ``j``)."""

    def make() -> sp.csr_array:
        turned = sp.csr_array(neglog_lengths(graph).T)
        if graph.n < 2**31 and graph.n_edges < 2**31:
            turned.indices = turned.indices.astype(np.int32)
            turned.indptr = turned.indptr.astype(np.int32)
        return turned

    return graph.derived("paths.neglog_reversed", make)


IndexArray = npt.NDArray[np.signedinteger[Any]]


def _edges_out(lengths: sp.csr_array, nodes: IntArray) -> tuple[IndexArray, IndexArray, FloatArray]:
    """Every edge leaving ``nodes``: tails, heads and lengths."""
    starts = lengths.indptr[nodes].astype(np.int64)
    counts = lengths.indptr[nodes + 1].astype(np.int64) - starts
    total = int(counts.sum())
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
    return np.repeat(nodes, counts), lengths.indices[offsets], lengths.data[offsets]


#: Each search reaches a hair past its radius, so that a bridge whose length rounds to
#: the sum of the two radii still counts as certified.
_SLACK = 1.0 + 1e-12


def _ball(
    lengths: sp.csr_array, centre: int, radius: float
) -> tuple[FloatArray, npt.NDArray[np.int32], IntArray]:
    """Dijkstra from ``centre`` out to ``radius``: distances, predecessors, nodes reached."""
    from scipy.sparse.csgraph import dijkstra  # SciPy's graph routines load where used

    dist, pred = dijkstra(
        lengths,
        directed=True,
        indices=centre,
        limit=radius * _SLACK,
        return_predecessors=True,
    )
    return dist, pred, np.flatnonzero(np.isfinite(dist))


def meeting_search(
    forward: sp.csr_array, backward: sp.csr_array, source: int, target: int, radius: float
) -> list[int] | None:
    """The shortest ``source → target`` path, by searches from both ends that meet.

    Dijkstra runs from the source on ``forward`` out to a radius ``r_s``, and from the
    target on ``backward`` (the edges turned round) out to ``r_t``. If the shortest path
    is at most ``r_s + r_t`` long, one of its edges leads from the source's ball into
    the target's, so the best such bridge ``u → v`` (``d_s(u) + len + d_t(v)``) is a
    shortest path whenever its length is at most ``r_s + r_t``. Until then the smaller
    ball grows (its radius doubles, or rises just enough to certify the best bridge
    found); a ball that holds everything it can reach without meeting the other means
    the target cannot be reached. ``radius`` is where both start.
    """
    radii = [radius, radius]
    balls = [_ball(forward, source, radius), _ball(backward, target, radius)]
    while True:
        (d_from, p_from, near_source), (d_to, p_to, near_target) = balls
        smaller = 0 if len(near_source) <= len(near_target) else 1
        if smaller == 0:
            tails, heads, lengths = _edges_out(forward, near_source)
            exhausted = not np.isinf(d_from[heads]).any()
        else:
            heads, tails, lengths = _edges_out(backward, near_target)  # edges tails → heads
            exhausted = not np.isinf(d_to[tails]).any()
        cost = d_from[tails] + lengths + d_to[heads]
        best = int(np.argmin(cost)) if len(cost) else -1
        found = best >= 0 and bool(np.isfinite(cost[best]))
        if found and cost[best] <= (radii[0] + radii[1]) * _SLACK:
            u, v = int(tails[best]), int(heads[best])
            path = walk_back(p_from, source, u)
            while v != target:
                path.append(v)
                v = int(p_to[v])
            path.append(target)
            return path
        if not found and exhausted:
            return None
        grown = 2.0 * radii[smaller]
        if found and radii[smaller] < float(cost[best]) - radii[1 - smaller] < grown:
            grown = float(cost[best]) - radii[1 - smaller]
        radii[smaller] = grown
        if not exhausted:
            lengths_of, centre = (forward, source) if smaller == 0 else (backward, target)
            balls[smaller] = _ball(lengths_of, centre, radii[smaller])
