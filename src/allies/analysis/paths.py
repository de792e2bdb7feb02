"""Warm paths: the strongest chains of ties from one person to another.

Each edge ``i → j`` carries a tie strength in ``(0, 1]``. The strength of a path
is the product of its ties, so the strongest path is the shortest path with
edge length ``−log(strength)`` [1]_ (plus a tiny constant per step, so that of
two equally strong paths the one with fewer introductions wins). Paths follow
the edges in their direction: pass ``graph.reversed()`` if your ties point the
other way.

A tie's stated weight says how strong the relationship is *said* to be, not whether it is
kept up: an org-chart line nobody uses is not a warm introduction. :func:`warm_weights`
turns stated weights into warm ones before the search, from the health of the
relationships at each end (see its notes).

An unreachable target is not an error: :func:`strongest_path` returns None,
:func:`k_strongest_paths` an empty list, and an unreachable confidant has
closeness 0 and no path.

References
----------
.. [1] Dijkstra, E. W. (1959). "A note on two problems in connexion with
   graphs". *Numerische Mathematik* 1:269-271.
.. [2] Yen, J. Y. (1971). "Finding the K shortest loopless paths in a
   network". *Management Science* 17(11):712-716.
.. [3] Granovetter, M. S. (1973). "The strength of weak ties". *American
   Journal of Sociology* 78(6):1360-1380.
.. [4] Burt, R. S. (2000). "Decay functions". *Social Networks* 22(1):1-28.
.. [5] Marsden, P. V. and Campbell, K. E. (1984). "Measuring tie strength".
   *Social Forces* 63(2):482-501.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.graph import WeightedDigraph
from allies.analysis.path_search import (
    FloatArray,
    meeting_search,
    neglog_lengths,
    neglog_lengths_reversed,
    walk_back,
)

__all__ = [
    "Confidant",
    "PathTree",
    "WarmPath",
    "confidants",
    "k_strongest_paths",
    "strongest_path",
    "strongest_paths_from",
    "warm_weights",
]


@dataclass(frozen=True)
class WarmPath:
    """A chain of ties from the first node to the last.

    Attributes
    ----------
    nodes : tuple of int
        Node indices from source to target (``graph.ids[i]`` gives the ids).
    ties : tuple of float
        Strength of each step, ``len(nodes) − 1`` of them.
    strength : float
        Product of the tie strengths (1.0 for the empty path).
    """

    nodes: tuple[int, ...]
    ties: tuple[float, ...]
    strength: float

    @property
    def hops(self) -> int:
        """Number of steps."""
        return len(self.ties)

    def ids(self, graph: WeightedDigraph) -> tuple[int, ...]:
        """The external ids along the path."""
        return tuple(graph.ids[i] for i in self.nodes)


def warm_weights(graph: WeightedDigraph, me: int | None, warmth: npt.ArrayLike) -> WeightedDigraph:
    """The graph with each tie's weight scaled by how warm the relationship is.

    A hop from ``i`` to ``j`` with stated weight ``w`` counts

    ``s_ij = w_ij × (1 + h_ij) / 2``,

    where ``h`` (0-1) is what the records say about the relationship being kept up:
    for a hop touching ``me``, the health of my relationship with the other end
    (recency and frequency of contact, favours, promises, tone; :mod:`allies.analysis.health`);
    for any other hop, and for a relationship of mine with not enough evidence for a
    score (``nan``), 0. So a stated tie is worth its full weight only when the
    relationship is healthy, and a tie no record shows being used -- an org-chart line,
    say -- keeps half its weight: two unused reporting lines of weight 1 make a path of
    0.25, not 1.00. The form is that of the power base's relationship strength
    (:func:`allies.analysis.powerbase.relationship_strength`), so a path's first hop is
    the strength the power base shows.

    Why the stated weight still counts: Marsden and Campbell [5]_ find closeness the best
    single indicator of tie strength, and that is what a stated weight records; contact
    frequency and duration are weaker indicators, so they discount rather than replace
    it. Why unused ties lose weight: ties decay when contact lapses, fastest when new
    (Burt [4]_), and Granovetter [3]_ defines strength through time spent and reciprocal
    services, which the health parts measure.

    Parameters
    ----------
    graph : WeightedDigraph
        Stated tie weights in ``[0, 1]``.
    me : int or None
        My node index (None when I am not in the graph: no hop has known warmth).
    warmth : array_like of float, shape (n,)
        The health of my relationship with each node (0-1), ``nan`` where unknown; the
        entry for ``me`` is ignored.

    Returns
    -------
    WeightedDigraph
        The same edges and ids with warm weights.

    Raises
    ------
    ValueError
        If ``warmth`` has the wrong length or a known value outside ``[0, 1]``.

    References
    ----------
    .. [3] Granovetter, M. S. (1973). "The strength of weak ties". *American Journal of
       Sociology* 78(6):1360-1380.
    .. [4] Burt, R. S. (2000). "Decay functions". *Social Networks* 22(1):1-28.
    .. [5] Marsden, P. V. and Campbell, K. E. (1984). "Measuring tie strength". *Social
       Forces* 63(2):482-501.

    Examples
    --------
    Me (0) reports to a boss (1) I have not met lately (health 0.4), who reports to a
    director (2); both lines are stated at weight 1:

    >>> g = WeightedDigraph.from_edges([0, 1, 2], [(0, 1, 1.0), (1, 2, 1.0)])
    >>> warm = warm_weights(g, 0, [float("nan"), 0.4, float("nan")])
    >>> warm.weights.toarray().round(2).tolist()
    [[0.0, 0.7, 0.0], [0.0, 0.0, 0.5], [0.0, 0.0, 0.0]]
    """
    h = np.asarray(warmth, dtype=np.float64).reshape(-1)
    if h.size != graph.n:
        raise ValueError(f"warmth needs one value per node ({graph.n}), got {h.size}")
    known = ~np.isnan(h)
    if np.any((h[known] < 0) | (h[known] > 1)):
        raise ValueError("warmth values must lie in [0, 1]")
    coo = graph.weights.tocoo()
    rows, cols = coo.row, coo.col
    hop = np.zeros(rows.size)
    if me is not None:
        _check_index(graph, me, "me")
        mine = np.where(known, h, 0.0)
        hop = np.where(rows == me, mine[cols], np.where(cols == me, mine[rows], 0.0))
    scaled = sp.csr_array((coo.data * (1.0 + hop) / 2.0, (rows, cols)), shape=graph.weights.shape)
    return WeightedDigraph(scaled, graph.ids)


def _check_index(graph: WeightedDigraph, index: int, name: str) -> None:
    if not 0 <= index < graph.n:
        raise ValueError(f"{name} index {index} is out of range for {graph.n} nodes")


def _warm_path(weights: sp.csr_array, nodes: list[int]) -> WarmPath:
    ties = tuple(float(weights[u, v]) for u, v in pairwise(nodes))
    return WarmPath(tuple(nodes), ties, math.prod(ties))


@dataclass(frozen=True)
class PathTree:
    """The strongest paths from one source to everyone.

    Attributes
    ----------
    graph : WeightedDigraph
        The graph searched.
    source : int
        Index of the source.
    strength : ndarray of float, shape (n,)
        Strength of the strongest path to each node; 1 for the source, 0 where
        unreachable.
    predecessors : ndarray of int, shape (n,)
        The node before each node on its strongest path; negative for the
        source and unreachable nodes.
    """

    graph: WeightedDigraph
    source: int
    strength: FloatArray
    predecessors: npt.NDArray[np.int32]

    def path_to(self, target: int) -> WarmPath | None:
        """The strongest path to ``target``, or None if it cannot be reached."""
        _check_index(self.graph, target, "target")
        if target != self.source and self.predecessors[target] < 0:
            return None
        return _warm_path(self.graph.weights, walk_back(self.predecessors, self.source, target))


def strongest_paths_from(graph: WeightedDigraph, source: int) -> PathTree:
    """Strongest paths from ``source`` to every node (Dijkstra on ``−log``).

    Parameters
    ----------
    graph : WeightedDigraph
        Tie strengths in ``(0, 1]``; ``i → j`` means ``i`` can reach ``j``.
    source : int
        Index of the start.

    Returns
    -------
    PathTree

    Raises
    ------
    ValueError
        If a strength exceeds 1 or the index is out of range.

    References
    ----------
    .. [1] Dijkstra, E. W. (1959). "A note on two problems in connexion with
       graphs". *Numerische Mathematik* 1:269-271.
    """
    _check_index(graph, source, "source")
    lengths = neglog_lengths(graph)
    from scipy.sparse.csgraph import dijkstra  # SciPy's graph routines load where used

    dist, pred = dijkstra(lengths, directed=True, indices=source, return_predecessors=True)
    n = graph.n
    pointer = np.where(pred >= 0, pred, np.arange(n)).astype(np.int64)
    log_strength = np.zeros(n)
    reached = pred >= 0
    rows = pointer[reached]
    cols = np.flatnonzero(reached)
    if len(cols):
        log_strength[reached] = np.log(np.asarray(graph.weights[rows, cols]).reshape(-1))
    while True:  # pointer jumping: add up the logs along each predecessor chain
        ahead = pointer[pointer]
        if np.array_equal(ahead, pointer):
            break
        log_strength = log_strength + log_strength[pointer]
        pointer = ahead
    strength = np.where(np.isfinite(dist), np.exp(log_strength), 0.0)
    return PathTree(graph, source, strength, pred)


def strongest_path(graph: WeightedDigraph, source: int, target: int) -> WarmPath | None:
    """The strongest warm path from ``source`` to ``target``.

    Parameters
    ----------
    graph : WeightedDigraph
        Tie strengths in ``(0, 1]``; ``i → j`` means ``i`` can reach ``j``.
    source, target : int
        Node indices.

    Returns
    -------
    WarmPath or None
        None when the target cannot be reached.

    Raises
    ------
    ValueError
        If a strength exceeds 1 or an index is out of range.

    Notes
    -----
    Two Dijkstra searches [1]_, from the source along the edges and from the target
    against them, each limited to a radius that grows until the best edge joining
    the two balls is certified to lie on a shortest path (bidirectional search [2]_).
    Only the neighbourhoods of the two ends are visited, so a query on a large
    network takes milliseconds. The length matrices are computed on the first query
    and kept with the graph (:meth:`WeightedDigraph.derived`).

    References
    ----------
    .. [1] Dijkstra, E. W. (1959). "A note on two problems in connexion with
       graphs". *Numerische Mathematik* 1:269-271.
    .. [2] Pohl, I. (1971). "Bi-directional search". *Machine Intelligence* 6:127-140.

    Examples
    --------
    >>> g = WeightedDigraph.from_edges([0, 1, 2], [(0, 2, 0.3), (0, 1, 0.9), (1, 2, 0.9)])
    >>> p = strongest_path(g, 0, 2)
    >>> p.nodes, round(p.strength, 2)
    ((0, 1, 2), 0.81)
    """
    _check_index(graph, target, "target")
    _check_index(graph, source, "source")
    forward = neglog_lengths(graph)
    if source == target:
        return _warm_path(graph.weights, [source])
    radius = graph.derived(
        "paths.first_radius",
        lambda: float(np.median(forward.data)) / 10.0 if forward.nnz else 1.0,
    )
    nodes = meeting_search(forward, neglog_lengths_reversed(graph), source, target, radius)
    return None if nodes is None else _warm_path(graph.weights, nodes)


def _path_cost(lengths: sp.csr_array, nodes: tuple[int, ...]) -> float:
    return float(sum(float(lengths[u, v]) for u, v in pairwise(nodes)))


def k_strongest_paths(
    graph: WeightedDigraph, source: int, target: int, k: int = 3
) -> list[WarmPath]:
    """The ``k`` strongest loopless paths, strongest first (Yen's algorithm).

    Parameters
    ----------
    graph : WeightedDigraph
        Tie strengths in ``(0, 1]``; ``i → j`` means ``i`` can reach ``j``.
    source, target : int
        Node indices.
    k : int
        How many paths to return at most.

    Returns
    -------
    list of WarmPath
        Distinct loopless paths in order of decreasing strength (fewer steps
        first among equals); fewer than ``k`` if there are no more, empty when
        the target cannot be reached.

    Notes
    -----
    Each candidate deviates from an accepted path at a *spur* node: the edges
    that accepted paths with the same root take next are removed, as are the
    root's other nodes, and the strongest spur path is found with Dijkstra
    [2]_ on ``−log(strength)`` [1]_.

    References
    ----------
    .. [1] Yen, J. Y. (1971). "Finding the K shortest loopless paths in a
       network". *Management Science* 17(11):712-716.
    .. [2] Dijkstra, E. W. (1959). "A note on two problems in connexion with
       graphs". *Numerische Mathematik* 1:269-271.

    Examples
    --------
    >>> g = WeightedDigraph.from_edges([0, 1, 2], [(0, 2, 0.3), (0, 1, 0.9), (1, 2, 0.9)])
    >>> [p.nodes for p in k_strongest_paths(g, 0, 2)]
    [(0, 1, 2), (0, 2)]
    """
    from scipy.sparse.csgraph import dijkstra  # SciPy's graph routines load where used

    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    _check_index(graph, source, "source")
    _check_index(graph, target, "target")
    first = strongest_path(graph, source, target)
    if first is None:
        return []
    if source == target:
        return [first]
    lengths = neglog_lengths(graph)
    indptr, indices = lengths.indptr, lengths.indices
    accepted = [first.nodes]
    candidates: list[tuple[float, int, tuple[int, ...]]] = []
    known = {first.nodes}
    while len(accepted) < k:
        previous = accepted[-1]
        for i in range(len(previous) - 1):
            spur, root = previous[i], previous[: i + 1]
            data = lengths.data.copy()
            for path in accepted:
                if len(path) > i + 1 and path[: i + 1] == root:
                    u, v = path[i], path[i + 1]
                    row = indices[indptr[u] : indptr[u + 1]]
                    data[indptr[u] + int(np.searchsorted(row, v))] = np.inf
            for node in root[:-1]:
                data[indptr[node] : indptr[node + 1]] = np.inf
            pruned = sp.csr_array((data, indices, indptr), shape=lengths.shape)
            dist, pred = dijkstra(pruned, directed=True, indices=spur, return_predecessors=True)
            if not np.isfinite(dist[target]):
                continue
            nodes = root[:-1] + tuple(walk_back(pred, spur, target))
            if nodes not in known:
                known.add(nodes)
                heapq.heappush(candidates, (_path_cost(lengths, nodes), len(nodes), nodes))
        if not candidates:
            break
        accepted.append(heapq.heappop(candidates)[2])
    return [_warm_path(graph.weights, list(nodes)) for nodes in accepted]


@dataclass(frozen=True)
class Confidant:
    """Someone the target trusts, and how close they are to me.

    Attributes
    ----------
    person : int
        Their index.
    trust : float
        Weight of the edge ``target → person`` in the trust graph.
    closeness : float
        Strength of my strongest path to them (1 if they are me, 0 if
        unreachable).
    path : WarmPath or None
        That path, from me to them; None if unreachable.
    """

    person: int
    trust: float
    closeness: float
    path: WarmPath | None


def confidants(
    trust_graph: WeightedDigraph,
    target: int,
    me: int,
    *,
    path_graph: WeightedDigraph | None = None,
) -> list[Confidant]:
    """The people ``target`` trusts, closest to me first.

    "Speak to someone they trust": the confidants are the out-neighbours of
    ``target`` in ``trust_graph`` (whom the target trusts or listens to). Each
    is ranked by the strength of my strongest warm path to them.

    Parameters
    ----------
    trust_graph : WeightedDigraph
        ``i → j``: ``i`` trusts (or listens to) ``j``.
    target : int
        Index of the person to influence.
    me : int
        My index.
    path_graph : WeightedDigraph, optional
        The ties searched for paths from me, strengths in ``(0, 1]``, over the
        same ids; defaults to ``trust_graph``.

    Returns
    -------
    list of Confidant
        Ordered by closeness, then trust, then index. Empty if the target
        trusts no one; confidants I cannot reach come last, with closeness 0
        and no path.

    Raises
    ------
    ValueError
        If an index is out of range or the graphs have different ids.

    References
    ----------
    .. [1] Granovetter, M. S. (1973). "The strength of weak ties". *American
       Journal of Sociology* 78(6):1360-1380.
    .. [2] Dijkstra, E. W. (1959). "A note on two problems in connexion with
       graphs". *Numerische Mathematik* 1:269-271.

    Examples
    --------
    >>> trust = WeightedDigraph.from_edges(range(4), [(3, 1, 0.9), (3, 2, 0.6),
    ...                                             (0, 2, 0.8), (0, 1, 0.2)])
    >>> [(c.person, round(c.closeness, 2)) for c in confidants(trust, 3, 0)]
    [(2, 0.8), (1, 0.2)]
    """
    paths = trust_graph if path_graph is None else path_graph
    if paths.ids != trust_graph.ids:
        raise ValueError("path_graph must have the same ids, in the same order, as trust_graph")
    _check_index(trust_graph, target, "target")
    _check_index(trust_graph, me, "me")
    row = trust_graph.weights[[target]].tocoo()
    trusted = list(zip(row.col.tolist(), row.data.tolist(), strict=True))
    if not trusted:
        return []
    tree = strongest_paths_from(paths, me)
    found = [
        Confidant(person, trust, float(tree.strength[person]), tree.path_to(person))
        for person, trust in trusted
    ]
    found.sort(key=lambda c: (-c.closeness, -c.trust, c.person))
    return found
