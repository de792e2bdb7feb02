"""Communities: groups of people more tied to each other than to the rest.

Louvain modularity optimisation [1]_ on the undirected, symmetrised weighted graph; its
local moving is compiled (:mod:`allies.analysis.louvain_moves`, with the queue of Leiden's
fast local moving [3]_) and each level's graph of communities is aggregated from the
previous one (compiled too, :mod:`allies.analysis.louvain_aggregate`), whose modularity it
also gives. Modularity [2]_ compares the weight inside groups with what the same strengths
would give at random. As a last step every community that is not connected is split into
its connected parts, the flaw of Louvain pointed out by Traag, Waltman and van Eck [3]_;
splitting never lowers modularity.

References
----------
.. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008).
   "Fast unfolding of communities in large networks". *Journal of Statistical
   Mechanics* P10008.
.. [2] Newman, M. E. J. (2004). "Analysis of weighted networks". *Physical
   Review E* 70:056131.
.. [3] Traag, V. A., Waltman, L. and van Eck, N. J. (2019). "From Louvain to
   Leiden: guaranteeing well-connected communities". *Scientific Reports*
   9:5233.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from allies.analysis.graph import Combine, WeightedDigraph
from allies.analysis.louvain_aggregate import aggregate_rows
from allies.analysis.louvain_moves import local_moves

__all__ = ["Communities", "louvain", "modularity"]

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Communities:
    """A partition of the nodes.

    Attributes
    ----------
    labels : ndarray of int, shape (n,)
        Community of each node, numbered ``0, 1, ...`` in order of each
        community's first node.
    modularity : float
        Modularity of the partition on the symmetrised graph.
    levels : int
        Number of Louvain aggregation levels that improved the partition.
    """

    labels: IntArray
    modularity: float
    levels: int

    @property
    def count(self) -> int:
        """Number of communities."""
        return int(self.labels.max()) + 1 if len(self.labels) else 0

    def members(self) -> list[IntArray]:
        """Node indices of each community, by label."""
        order = np.argsort(self.labels, kind="stable")
        bounds = np.cumsum(np.bincount(self.labels, minlength=self.count))[:-1]
        return [np.asarray(x, dtype=np.int64) for x in np.split(order, bounds)]


def _undirected(graph: WeightedDigraph, symmetrize: Combine) -> sp.csr_array:
    return graph.symmetrized(symmetrize).weights


def _canonical(labels: IntArray) -> IntArray:
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse.reshape(-1)]


def _modularity(adjacency: sp.csr_array, labels: IntArray, resolution: float) -> float:
    total = float(adjacency.sum())
    if total == 0:
        return 0.0
    n = adjacency.shape[0]
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(adjacency.indptr))
    data = np.asarray(adjacency.data, dtype=np.float64)
    inside = float(data[labels[rows] == labels[adjacency.indices]].sum())
    strength = np.bincount(rows, weights=data, minlength=n)
    degree = np.bincount(labels, weights=strength)
    return float(inside / total - resolution * ((degree / total) ** 2).sum())


def modularity(
    graph: WeightedDigraph,
    labels: npt.ArrayLike,
    *,
    resolution: float = 1.0,
    symmetrize: Combine = "sum",
) -> float:
    """Newman's modularity of a partition of the symmetrised graph.

    ``Q = Σ_c [ L_c / m − γ (d_c / 2m)² ]`` with ``L_c`` the weight inside
    community ``c``, ``d_c`` its total strength and ``m`` the total weight
    [1]_. Equal to :func:`networkx.community.modularity` on the same
    undirected weighted graph.

    Parameters
    ----------
    graph : WeightedDigraph
    labels : array_like of int, shape (n,)
        Community of each node.
    resolution : float
        ``γ``; above 1 favours smaller communities.
    symmetrize : {"sum", "max"}
        Weight of the undirected tie between ``i`` and ``j``: ``w_ij + w_ji`` or
        the larger of the two.

    Returns
    -------
    float

    References
    ----------
    .. [1] Newman, M. E. J. (2004). "Analysis of weighted networks". *Physical
       Review E* 70:056131.
    """
    array = np.asarray(labels, dtype=np.int64).reshape(-1)
    if array.shape != (graph.n,):
        raise ValueError(f"labels must have one entry per node ({graph.n})")
    if graph.n == 0:
        return 0.0
    return _modularity(_undirected(graph, symmetrize), _canonical(array), resolution)


def _one_level(
    adjacency: sp.csr_array, resolution: float, rng: np.random.Generator
) -> tuple[IntArray, int]:
    """Local moving: each node joins the neighbouring community it gains most by
    (compiled, :func:`allies.analysis.louvain_moves.local_moves`)."""
    order = rng.permutation(adjacency.shape[0])
    return local_moves(adjacency.indptr, adjacency.indices, adjacency.data, order, resolution)


def _aggregate(adjacency: sp.csr_array, local: IntArray) -> sp.csr_array:
    """The graph of the communities: one node per community, the weights between (and
    inside, on the diagonal) summed (compiled,
    :func:`allies.analysis.louvain_aggregate.aggregate_rows`)."""
    count = int(local.max()) + 1
    indptr, indices, data = aggregate_rows(
        adjacency.indptr, adjacency.indices, adjacency.data, local
    )
    return sp.csr_array((data, indices, indptr), shape=(count, count))


def _level_quality(adjacency: sp.csr_array, total: float, resolution: float) -> float:
    """Modularity of the partition whose communities are the nodes of ``adjacency`` (an
    aggregated graph): the same as :func:`_modularity` of that partition on the original
    graph, from the aggregate alone."""
    if total == 0:
        return 0.0
    inside = float(adjacency.diagonal().sum())
    degree = np.asarray(adjacency.sum(axis=1), dtype=np.float64).reshape(-1)
    return inside / total - resolution * float(((degree / total) ** 2).sum())


def _split_disconnected(adjacency: sp.csr_array, labels: IntArray) -> IntArray:
    """The connected parts of each community: the graph's ties inside communities only
    (kept in CSR form, row by row), then its connected components."""
    n = adjacency.shape[0]
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(adjacency.indptr))
    same = labels[rows] == labels[adjacency.indices]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[same], minlength=n), out=indptr[1:])
    inner = sp.csr_array(
        (adjacency.data[same], adjacency.indices[same], indptr), shape=adjacency.shape
    )
    _, parts = connected_components(inner, directed=False)
    return np.asarray(parts, dtype=np.int64)


def louvain(
    graph: WeightedDigraph,
    *,
    resolution: float = 1.0,
    seed: int | None = 0,
    threshold: float = 1e-7,
    symmetrize: Combine = "sum",
    max_levels: int = 100,
) -> Communities:
    """Communities by Louvain modularity optimisation.

    Each level visits the nodes in a seeded random order and moves each into
    the neighbouring community with the largest modularity gain, until no
    move helps; the communities then become the nodes of a smaller graph and
    the next level starts. It stops when a level raises modularity by no more
    than ``threshold``, as :func:`networkx.community.louvain_communities` does.
    Finally disconnected communities are split into their connected parts.

    Parameters
    ----------
    graph : WeightedDigraph
        Any weighted graph; it is symmetrised first.
    resolution : float
        ``γ`` of the modularity; above 1 gives smaller communities.
    seed : int or None
        Seed of the node order; the result is a function of the seed.
    threshold : float
        Least modularity gain for another level.
    symmetrize : {"sum", "max"}
        Undirected weight of a pair: ``w_ij + w_ji`` (default; mutual ties count
        twice) or the larger of the two.
    max_levels : int
        Upper bound on the number of levels.

    Returns
    -------
    Communities
        A label per node and the modularity of the partition.

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E.
       (2008). "Fast unfolding of communities in large networks". *Journal of
       Statistical Mechanics* P10008.
    .. [2] Traag, V. A., Waltman, L. and van Eck, N. J. (2019). "From Louvain
       to Leiden: guaranteeing well-connected communities". *Scientific
       Reports* 9:5233.

    Examples
    --------
    >>> two_triangles = [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0),
    ...                  (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)]
    >>> g = WeightedDigraph.from_edges(range(6), two_triangles)
    >>> louvain(g).labels.tolist()
    [0, 0, 0, 1, 1, 1]
    """
    n = graph.n
    if n == 0:
        return Communities(np.zeros(0, dtype=np.int64), 0.0, 0)
    original = _undirected(graph, symmetrize)
    if original.nnz == 0:
        return Communities(np.arange(n, dtype=np.int64), 0.0, 0)
    rng = np.random.default_rng(seed)
    partition = np.arange(n, dtype=np.int64)
    adjacency = original
    total = float(original.sum())
    quality = _level_quality(adjacency, total, resolution)
    levels = 0
    for _ in range(max_levels):
        local, moves = _one_level(adjacency, resolution, rng)
        if moves == 0:
            break
        local = _canonical(local)
        partition = local[partition]
        levels += 1
        adjacency = _aggregate(adjacency, local)
        improved = _level_quality(adjacency, total, resolution)
        if improved - quality <= threshold:
            quality = improved
            break
        quality = improved
    labels = _canonical(_split_disconnected(original, partition))
    return Communities(labels, _modularity(original, labels, resolution), levels)
