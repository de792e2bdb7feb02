"""Communities: groups of people more tied to each other than to the rest.

Louvain modularity optimisation [1]_ on the undirected, symmetrised weighted
graph. Modularity [2]_ compares the weight inside groups with what the same
strengths would give at random. As a last step every community that is not
connected is split into its connected parts, the flaw of Louvain pointed out
by Traag, Waltman and van Eck [3]_; splitting never lowers modularity.

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
    count = int(labels.max()) + 1
    member = sp.csr_array((np.ones(n), (np.arange(n), labels)), shape=(n, count))
    between = member.T @ adjacency @ member
    inside = np.asarray(between.diagonal(), dtype=np.float64)
    degree = np.asarray(between.sum(axis=1), dtype=np.float64).reshape(-1)
    return float(inside.sum() / total - resolution * ((degree / total) ** 2).sum())


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
    """Local moving: each node joins the neighbouring community it gains most by."""
    n = adjacency.shape[0]
    indptr = adjacency.indptr.tolist()
    indices = adjacency.indices.tolist()
    data = adjacency.data.tolist()
    degree = np.asarray(adjacency.sum(axis=1), dtype=np.float64).reshape(-1).tolist()
    total = float(sum(degree))  # 2m
    community = list(range(n))
    strength = list(degree)  # Σ_tot per community
    order = rng.permutation(n).tolist()
    scale = resolution / total
    moves = 0
    while True:
        moved = 0
        for u in order:
            here = community[u]
            links: dict[int, float] = {}
            for pos in range(indptr[u], indptr[u + 1]):
                v = indices[pos]
                if v != u:
                    c = community[v]
                    links[c] = links.get(c, 0.0) + data[pos]
            k = degree[u]
            strength[here] -= k
            best = here
            best_score = links.get(here, 0.0) - scale * strength[here] * k
            for c, w in links.items():
                score = w - scale * strength[c] * k
                if score > best_score:
                    best, best_score = c, score
            strength[best] += k
            if best != here:
                community[u] = best
                moved += 1
        moves += moved
        if moved == 0:
            break
    return np.asarray(community, dtype=np.int64), moves


def _split_disconnected(adjacency: sp.csr_array, labels: IntArray) -> IntArray:
    coo = adjacency.tocoo()
    same = labels[coo.row] == labels[coo.col]
    inner = sp.csr_array((coo.data[same], (coo.row[same], coo.col[same])), shape=adjacency.shape)
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
    quality = _modularity(original, partition, resolution)
    levels = 0
    for _ in range(max_levels):
        local, moves = _one_level(adjacency, resolution, rng)
        if moves == 0:
            break
        local = _canonical(local)
        partition = local[partition]
        levels += 1
        improved = _modularity(original, partition, resolution)
        if improved - quality <= threshold:
            quality = improved
            break
        quality = improved
        count = int(local.max()) + 1
        member = sp.csr_array(
            (np.ones(len(local)), (np.arange(len(local)), local)), shape=(len(local), count)
        )
        adjacency = sp.csr_array(member.T @ adjacency @ member)
    labels = _canonical(_split_disconnected(original, partition))
    return Communities(labels, _modularity(original, labels, resolution), levels)
