"""Brokers: who sits between others (betweenness) and who spans structural holes.

Betweenness [1]_ counts the shortest paths between other people that pass
through a person; it is computed with Brandes' dependency accumulation [2]_,
exactly or from a sample of pivot sources [3]_. Burt's constraint and effective
size [4]_ measure how far a person's contacts are tied to one another: a broker
has many non-redundant contacts (high effective size) and little constraint.

References
----------
.. [1] Freeman, L. C. (1977). "A set of measures of centrality based on
   betweenness". *Sociometry* 40(1):35-41.
.. [2] Brandes, U. (2001). "A faster algorithm for betweenness centrality".
   *Journal of Mathematical Sociology* 25(2):163-177.
.. [3] Brandes, U. and Pich, C. (2007). "Centrality estimation in large
   networks". *International Journal of Bifurcation and Chaos* 17(7):2303-2318.
.. [4] Burt, R. S. (1992). *Structural Holes: The Social Structure of
   Competition*. Harvard University Press.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis._brandes import dependencies
from allies.analysis.graph import LengthRule, WeightedDigraph

__all__ = [
    "Betweenness",
    "betweenness",
    "betweenness_error_bound",
    "constraint",
    "effective_size",
]

FloatArray = npt.NDArray[np.float64]

#: Relative tolerance under which two weighted path lengths count as equal.
TIE_TOLERANCE = 1e-12


@dataclass(frozen=True)
class Betweenness:
    """Betweenness values and how they were obtained.

    Attributes
    ----------
    values : ndarray of float, shape (n,)
        Betweenness of each node, scaled as :func:`networkx.betweenness_centrality`.
    exact : bool
        True when every node was a source.
    sources : tuple of int
        Indices of the pivot sources used (all nodes when exact).
    error_bound : float
        With probability at least ``1 − failure_probability``, every value is
        within this of the exact one (0 when exact); in the units of ``values``.
    failure_probability : float
        The ``η`` of the bound.
    """

    values: FloatArray
    exact: bool
    sources: tuple[int, ...]
    error_bound: float
    failure_probability: float


def betweenness_error_bound(n: int, k: int, failure_probability: float = 0.05) -> float:
    """Hoeffding bound on the error of normalised betweenness from ``k`` pivots.

    For a node ``v`` each pivot ``s`` gives ``δ_s(v) / (n − 2)`` in ``[0, 1]``,
    whose mean over the ``n − 1`` possible sources is the normalised
    betweenness of ``v``. With at least ``k − 1`` such values drawn without
    replacement, Hoeffding's inequality [1]_ and a union bound over the ``n``
    nodes give, with probability ``≥ 1 − η``, for every node::

        |estimate − exact| ≤ sqrt(ln(2 n / η) / (2 (k − 1)))

    This is the bound of Brandes and Pich [2]_ in normalised units.

    Parameters
    ----------
    n : int
        Number of nodes.
    k : int
        Number of pivots, at least 2.
    failure_probability : float
        ``η`` in ``(0, 1)``.

    Returns
    -------
    float

    References
    ----------
    .. [1] Hoeffding, W. (1963). "Probability inequalities for sums of bounded
       random variables". *JASA* 58(301):13-30.
    .. [2] Brandes, U. and Pich, C. (2007). "Centrality estimation in large
       networks". *International Journal of Bifurcation and Chaos*
       17(7):2303-2318.
    """
    if not 0.0 < failure_probability < 1.0:
        raise ValueError(f"failure_probability must be in (0, 1), not {failure_probability}")
    if k < 2:
        raise ValueError("the bound needs at least 2 pivots")
    return math.sqrt(math.log(2.0 * n / failure_probability) / (2.0 * (k - 1)))


def betweenness(
    graph: WeightedDigraph,
    *,
    directed: bool = True,
    lengths: LengthRule = "hops",
    normalized: bool = True,
    k: int | None = None,
    exact_up_to: int = 5000,
    seed: int | None = 0,
    failure_probability: float = 0.05,
) -> Betweenness:
    """Betweenness centrality, exact or estimated from pivot sources.

    The betweenness of ``v`` is ``Σ_{s ≠ v ≠ t} σ_st(v) / σ_st``, the share of
    shortest ``s``-``t`` paths through ``v`` [1]_, accumulated per source with
    Brandes' dependencies [2]_: from each source in turn, a breadth-first
    search (hops) or Dijkstra's algorithm with a binary heap settles the nodes,
    the shortest paths are counted over the arcs that lie on one, and the
    dependencies are accumulated in reverse order of settlement (a compiled
    kernel, :mod:`allies.analysis._brandes`).

    Parameters
    ----------
    graph : WeightedDigraph
    directed : bool
        If False, the graph is symmetrised first (the stronger direction of
        each pair is kept) and treated as undirected.
    lengths : {"hops", "length", "inverse", "neglog"}
        What makes a path short (see :meth:`WeightedDigraph.lengths`):
        ``"hops"`` counts steps (unweighted, the default); ``"inverse"`` uses
        ``1 / weight``; ``"neglog"`` uses ``-log(weight)``, so the shortest
        path is the strongest chain of ties; ``"length"`` uses the weights as
        they are. Weighted lengths within a relative ``1e-12`` of each other
        count as equal.
    normalized : bool
        Divide by ``(n − 1)(n − 2)``, the number of ordered pairs of other
        nodes, as networkx does (for undirected graphs this equals dividing the
        unordered count by ``(n − 1)(n − 2) / 2``). If False, directed graphs
        are unscaled and undirected ones halved.
    k : int, optional
        Number of pivot sources to sample. By default every node is a source
        when ``n ≤ exact_up_to``, and 500 pivots are sampled otherwise.
    exact_up_to : int
        Largest graph computed exactly when ``k`` is not given.
    seed : int or None
        Seed for sampling the pivots.
    failure_probability : float
        ``η`` of the stated error bound (see :func:`betweenness_error_bound`).

    Returns
    -------
    Betweenness
        Values with the pivots used and an error bound that holds for all
        nodes at once with probability ``1 − η``.

    Notes
    -----
    With pivots ``S`` the estimate for ``v`` is the mean dependency on ``v``
    over the pivots other than ``v`` scaled to all ``n − 1`` possible sources,
    which is the unbiased estimator networkx uses with ``k`` [3]_.

    References
    ----------
    .. [1] Freeman, L. C. (1977). "A set of measures of centrality based on
       betweenness". *Sociometry* 40(1):35-41.
    .. [2] Brandes, U. (2001). "A faster algorithm for betweenness centrality".
       *Journal of Mathematical Sociology* 25(2):163-177.
    .. [3] Brandes, U. and Pich, C. (2007). "Centrality estimation in large
       networks". *International Journal of Bifurcation and Chaos*
       17(7):2303-2318.

    Examples
    --------
    >>> g = WeightedDigraph.from_edges([1, 2, 3], [(1, 2, 1.0), (2, 3, 1.0)])
    >>> betweenness(g, directed=False).values.tolist()
    [0.0, 1.0, 0.0]
    """
    n = graph.n
    work = graph if directed else graph.symmetrized("max")
    length_matrix = work.lengths(lengths)
    if n <= 2:  # no node can lie between two others
        return Betweenness(np.zeros(n), True, tuple(range(n)), 0.0, failure_probability)
    if k is None:
        k = n if n <= exact_up_to else min(n, 500)
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and the number of nodes ({n}), not {k}")
    exact = k >= n
    if exact:
        sources = np.arange(n, dtype=np.int64)
    else:
        rng = np.random.default_rng(seed)
        sources = np.sort(rng.choice(n, size=k, replace=False)).astype(np.int64)
    total = dependencies(length_matrix, sources, hops=lengths == "hops", tolerance=TIE_TOLERANCE)
    correction = 1.0 if directed else 2.0
    if normalized:
        source_scale = 1.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan
        other_scale = 1.0 / (k * (n - 2))
    else:
        source_scale = (n - 1) / ((k - 1) * correction) if k > 1 else math.nan
        other_scale = (n - 1) / (k * correction)
    scale = np.full(n, other_scale)
    scale[sources] = source_scale
    values = total * scale
    if exact:
        bound = 0.0
    elif k >= 2:
        bound = betweenness_error_bound(n, k, failure_probability)
        if not normalized:
            bound *= (n - 1) * (n - 2) / correction
    else:
        bound = math.inf
    return Betweenness(values, exact, tuple(sources.tolist()), bound, failure_probability)


def _mutual(graph: WeightedDigraph, weighted: bool) -> sp.csr_array:
    w = graph.weights if weighted else graph.unweighted().weights
    return sp.csr_array(w + w.T)


def _row_scaled(matrix: sp.csr_array, by: FloatArray) -> sp.csr_array:
    inv = np.divide(1.0, by, out=np.zeros_like(by), where=by != 0)
    return sp.csr_array(sp.dia_array((inv, 0), shape=matrix.shape) @ matrix)


def constraint(graph: WeightedDigraph, *, weighted: bool = True) -> FloatArray:
    """Burt's constraint of every node.

    With mutual weights ``m_uv = w_uv + w_vu`` and proportions
    ``p_uv = m_uv / Σ_w m_uw``, the constraint on ``u`` is
    ``c(u) = Σ_{v ∈ N(u)} (p_uv + Σ_w p_uw p_wv)²`` over the neighbours of
    ``u`` in either direction [1]_. High constraint: ``u``'s contacts are tied
    to each other, so ``u`` brokers little.

    Parameters
    ----------
    graph : WeightedDigraph
    weighted : bool
        Use the edge weights (True) or count every edge as 1.

    Returns
    -------
    ndarray of float, shape (n,)
        NaN for isolated nodes. Equal to :func:`networkx.constraint`.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
       Competition*. Harvard University Press.
    .. [2] Burt, R. S. (2004). "Structural holes and good ideas". *American
       Journal of Sociology* 110(2):349-399.

    Examples
    --------
    >>> star = WeightedDigraph.from_edges([0, 1, 2], [(0, 1, 1.0), (0, 2, 1.0)])
    >>> constraint(star).tolist()
    [0.5, 1.0, 1.0]
    """
    mutual = _mutual(graph, weighted)
    p = _row_scaled(mutual, np.asarray(mutual.sum(axis=1), dtype=np.float64).reshape(-1))
    pattern = (mutual > 0).astype(np.float64)
    local = (p + (p @ p).multiply(pattern)).multiply(pattern)
    local = sp.csr_array(local)
    local.data **= 2
    values = np.asarray(local.sum(axis=1), dtype=np.float64).reshape(-1)
    degree = np.diff(mutual.indptr)
    values[degree == 0] = np.nan
    return values


def effective_size(graph: WeightedDigraph, *, weighted: bool = True) -> FloatArray:
    """Burt's effective size of every node's network.

    ``e(u) = Σ_{v ∈ N(u)} (1 − Σ_w p_uw m_vw)`` where ``p_uw`` is the mutual
    weight of ``u`` and ``w`` as a proportion of ``u``'s total and ``m_vw`` the
    mutual weight of ``v`` and ``w`` divided by ``v``'s largest [1]_. For an
    unweighted undirected graph this is Borgatti's ``n − 2t / n`` [2]_: the
    number of contacts less their average tie count among themselves.

    Parameters
    ----------
    graph : WeightedDigraph
    weighted : bool
        Use the edge weights (True) or count every edge as 1.

    Returns
    -------
    ndarray of float, shape (n,)
        NaN for isolated nodes.

    Notes
    -----
    Equal to :func:`networkx.effective_size` called with ``nodes``, except that
    networkx gives NaN to a directed node without successors even when others
    point to it; here every node with a neighbour in either direction has a
    value. Without ``nodes``, networkx 3.6 takes a vectorised path that divides
    by the wrong row maximum on weighted or directed graphs (networkx pull
    request 8906) and agrees only on unweighted undirected graphs.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
       Competition*. Harvard University Press.
    .. [2] Borgatti, S. P. (1997). "Structural holes: unpacking Burt's
       redundancy measures". *Connections* 20(1):35-38.

    Examples
    --------
    >>> star = WeightedDigraph.from_edges([0, 1, 2], [(0, 1, 1.0), (0, 2, 1.0)])
    >>> effective_size(star).tolist()
    [2.0, 1.0, 1.0]
    """
    mutual = _mutual(graph, weighted)
    p = _row_scaled(mutual, np.asarray(mutual.sum(axis=1), dtype=np.float64).reshape(-1))
    top = np.asarray(mutual.max(axis=1).toarray(), dtype=np.float64).reshape(-1)
    m = _row_scaled(mutual, top)
    pattern = (mutual > 0).astype(np.float64)
    redundancy = sp.csr_array((p @ m.T).multiply(pattern))
    degree: FloatArray = np.diff(mutual.indptr).astype(np.float64)
    values = degree - np.asarray(redundancy.sum(axis=1), dtype=np.float64).reshape(-1)
    values[degree == 0] = np.nan
    return values
