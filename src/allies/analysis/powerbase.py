"""The power base as arrays: how strong my ties are, whom they reach, how much they
broker, and whose lead follows mine.

Everything here takes the arrays of :class:`~allies.analysis.graph.WeightedDigraph`
and plain numpy vectors indexed like its ``ids``; nothing knows about people or storage.

- :func:`relationship_strength` joins a tie's weight and the relationship's health into
  one number in ``[0, 1]``; :func:`strength_bands` cuts it into none, weak, moderate and
  strong; :func:`crosstab` and :func:`histogram` count them.
- :func:`reach` finds whom my ties reach in one step and in two, and through whom.
- :func:`ego_brokerage` gives my constraint and effective size [1]_ with each contact's
  share of the constraint, so the report can say *who* closes my network.
- :func:`sphere_of_influence` is the personalised PageRank [2]_ [3]_ from me on the
  reversed listens-to graph: where a walk that follows "who takes my lead" ends up.
- :func:`top_k` and :func:`blau_index` say how concentrated my strongest ties are.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
   Harvard University Press.
.. [2] Brin, S. and Page, L. (1998). "The anatomy of a large-scale hypertextual web
   search engine". *Computer Networks and ISDN Systems* 30(1-7):107-117.
.. [3] Haveliwala, T. H. (2002). "Topic-sensitive PageRank". *Proceedings of WWW 2002*,
   517-526.
.. [4] Blau, P. M. (1977). *Inequality and Heterogeneity: A Primitive Theory of Social
   Structure*. Free Press.
.. [5] Hill, M. O. (1973). "Diversity and evenness: a unifying notation and its
   consequences". *Ecology* 54(2):427-432.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.bands import BANDS, MODERATE, STRONG, UNTIED_SHARE
from allies.analysis.graph import WeightedDigraph
from allies.analysis.influence import influence_rank

__all__ = [
    "BANDS",
    "MODERATE",
    "STRONG",
    "UNTIED_SHARE",
    "EgoBrokerage",
    "Reach",
    "blau_index",
    "crosstab",
    "effective_number",
    "ego_brokerage",
    "histogram",
    "reach",
    "relationship_strength",
    "sphere_of_influence",
    "strength_bands",
    "top_k",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def relationship_strength(
    tie: npt.ArrayLike, health: npt.ArrayLike, *, untied_share: float = UNTIED_SHARE
) -> FloatArray:
    """One strength per relationship, from the tie and its upkeep.

    ``s = w (1 + h) / 2`` when a tie of weight ``w`` joins us: the stated tie, kept at full
    value when the relationship is healthy and discounted by up to half when it is not.
    Without a tie, ``s = untied_share × h``: meeting someone makes at most a weak tie.

    Parameters
    ----------
    tie : array_like of float
        The strongest current tie between me and each person, either direction, 0-1
        (0 when none).
    health : array_like of float
        Relationship health, 0-1 (recency, frequency, reciprocity, reliability, tone).
    untied_share : float
        What contact without a tie counts for.

    Returns
    -------
    ndarray of float
        Strengths in ``[0, 1]``.

    Raises
    ------
    ValueError
        If the shapes differ or a value lies outside ``[0, 1]``.

    Examples
    --------
    >>> relationship_strength([1.0, 0.5, 0.0], [1.0, 0.0, 0.8]).tolist()
    [1.0, 0.25, 0.2]
    """
    w = np.asarray(tie, dtype=np.float64)
    h = np.asarray(health, dtype=np.float64)
    if w.shape != h.shape:
        raise ValueError(f"tie and health differ in shape: {w.shape} and {h.shape}")
    for name, values in (("tie", w), ("health", h)):
        if values.size and (np.any(values < 0) or np.any(values > 1) or np.any(np.isnan(values))):
            raise ValueError(f"{name} values must lie in [0, 1]")
    return np.where(w > 0, w * (1.0 + h) / 2.0, untied_share * h)


def strength_bands(
    strength: npt.ArrayLike, *, strong: float = STRONG, moderate: float = MODERATE
) -> IntArray:
    """Band codes: 0 none (strength 0), 1 weak, 2 moderate, 3 strong (see :data:`BANDS`).

    Examples
    --------
    >>> strength_bands([0.0, 0.1, 0.35, 0.6]).tolist()
    [0, 1, 2, 3]
    """
    s = np.asarray(strength, dtype=np.float64)
    codes = np.where(s >= strong, 3, np.where(s >= moderate, 2, np.where(s > 0, 1, 0)))
    return codes.astype(np.int64)


def crosstab(groups: npt.ArrayLike, n_groups: int, bands: npt.ArrayLike) -> IntArray:
    """How many relationships of each band each group holds (``n_groups × 4``).

    Parameters
    ----------
    groups : array_like of int
        The group code of each relationship, ``0 <= g < n_groups``.
    n_groups : int
        How many groups there are (groups without relationships get a row of zeros).
    bands : array_like of int
        Band codes from :func:`strength_bands`.

    Examples
    --------
    >>> crosstab([0, 0, 1], 2, [3, 1, 0]).tolist()
    [[0, 1, 0, 1], [1, 0, 0, 0]]
    """
    g = np.asarray(groups, dtype=np.int64)
    b = np.asarray(bands, dtype=np.int64)
    table = np.zeros((n_groups, len(BANDS)), dtype=np.int64)
    np.add.at(table, (g, b), 1)
    return table


def histogram(strength: npt.ArrayLike, bins: int = 5) -> IntArray:
    """Counts of non-zero strengths in ``bins`` equal intervals of ``(0, 1]``.

    The last interval is closed, so a strength of 1 counts in it.

    Examples
    --------
    >>> histogram([0.0, 0.1, 0.5, 1.0], bins=5).tolist()
    [1, 0, 1, 0, 1]
    """
    s = np.asarray(strength, dtype=np.float64)
    counts, _ = np.histogram(s[s > 0], bins=bins, range=(0.0, 1.0))
    return counts.astype(np.int64)


@dataclass(frozen=True)
class Reach:
    """Whom a person's ties reach.

    Attributes
    ----------
    first : ndarray of int
        Indices joined to the source by a tie of at least the minimum weight.
    second : ndarray of int
        Indices two such ties away and not in ``first`` (nor the source).
    via : ndarray of int
        For each of ``second``, the contact in ``first`` on the strongest two-step chain.
    via_strength : ndarray of float
        That chain's strength (the product of its two ties).
    """

    first: IntArray
    second: IntArray
    via: IntArray
    via_strength: FloatArray


def reach(graph: WeightedDigraph, source: int, *, min_weight: float = 0.0) -> Reach:
    """The people ``source`` reaches through ties in one step and in two.

    Parameters
    ----------
    graph : WeightedDigraph
        Tie strengths in ``[0, 1]``; ``i → j`` means ``i`` can reach ``j`` (pass a
        symmetric graph for relationships usable both ways).
    source : int
        Index of the person.
    min_weight : float
        Only ties at least this strong count (0: every tie).

    Returns
    -------
    Reach

    Examples
    --------
    >>> g = WeightedDigraph.from_edges(range(4), [(0, 1, 0.9), (1, 2, 0.5), (0, 3, 0.2)])
    >>> r = reach(g, 0)
    >>> r.first.tolist(), r.second.tolist(), r.via.tolist()
    ([1, 3], [2], [1])
    >>> reach(g, 0, min_weight=0.6).first.tolist()
    [1]
    """
    n = graph.n
    if not 0 <= source < n:
        raise ValueError(f"source index {source} is out of range for {n} nodes")
    w = sp.csr_array(graph.weights)
    if min_weight > 0:
        w = sp.csr_array(w.multiply(w >= min_weight))
        w.eliminate_zeros()
    first_row = w[[source]].toarray().reshape(-1)
    first_row[source] = 0.0
    first = np.flatnonzero(first_row > 0).astype(np.int64)
    # best[j] = max over k in first of w[source, k] * w[k, j]
    scaled = sp.csr_array(sp.dia_array((first_row, 0), shape=(n, n)) @ w)
    best = np.asarray(scaled.max(axis=0).toarray(), dtype=np.float64).reshape(-1)
    argbest = np.asarray(scaled.argmax(axis=0), dtype=np.int64).reshape(-1)
    best[source] = 0.0
    best[first] = 0.0
    second = np.flatnonzero(best > 0).astype(np.int64)
    return Reach(first, second, argbest[second], best[second])


@dataclass(frozen=True)
class EgoBrokerage:
    """One person's brokerage (Burt 1992), with who accounts for it.

    Attributes
    ----------
    constraint : float
        ``Σ_j c_ij``; NaN without contacts. High: the contacts are tied to each other
        (or there are few of them), so the person brokers little.
    effective_size : float
        Contacts less their redundancy; NaN without contacts.
    contacts : ndarray of int
        The contacts' indices.
    dyadic : ndarray of float
        Each contact's term ``c_ij = (p_ij + Σ_q p_iq p_qj)²``, aligned with ``contacts``.
    share_below : float
        Share of the other people with contacts whose constraint is *higher* than this
        person's (1: the least constrained of all).
    """

    constraint: float
    effective_size: float
    contacts: IntArray
    dyadic: FloatArray
    share_below: float


def ego_brokerage(graph: WeightedDigraph, source: int) -> EgoBrokerage:
    """Burt's constraint and effective size of one person, split by contact.

    With mutual weights ``m_ij = w_ij + w_ji`` and proportions ``p_ij = m_ij / Σ_k m_ik``,
    the dyadic constraint of contact ``j`` on ``i`` is ``(p_ij + Σ_q p_iq p_qj)²`` [1]_:
    large when ``i`` invests much in ``j`` directly or through contacts who are themselves
    tied to ``j``. Their sum is :func:`allies.analysis.brokers.constraint`.

    Parameters
    ----------
    graph : WeightedDigraph
        Ties (directed or not; both directions count).
    source : int
        Index of the person.

    Returns
    -------
    EgoBrokerage

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press.

    Examples
    --------
    >>> star = WeightedDigraph.from_edges(range(3), [(0, 1, 1.0), (0, 2, 1.0)])
    >>> b = ego_brokerage(star, 0)
    >>> b.constraint, b.effective_size, b.dyadic.tolist()
    (0.5, 2.0, [0.25, 0.25])
    """
    from allies.analysis.brokers import constraint, effective_size  # loads SciPy's csgraph

    n = graph.n
    if not 0 <= source < n:
        raise ValueError(f"source index {source} is out of range for {n} nodes")
    mutual = sp.csr_array(graph.weights + graph.weights.T)
    totals = np.asarray(mutual.sum(axis=1), dtype=np.float64).reshape(-1)
    inv = np.divide(1.0, totals, out=np.zeros_like(totals), where=totals != 0)
    p = sp.csr_array(sp.dia_array((inv, 0), shape=(n, n)) @ mutual)
    row = p[[source]]
    contacts = np.asarray(row.indices, dtype=np.int64)
    everyone = constraint(graph)
    if not len(contacts):
        return EgoBrokerage(math.nan, math.nan, contacts, np.zeros(0), 0.0)
    direct = row.toarray().reshape(-1)
    indirect = (row @ p).toarray().reshape(-1)
    dyadic = (direct[contacts] + indirect[contacts]) ** 2
    mine = float(everyone[source])
    others = np.delete(everyone, source)
    others = others[~np.isnan(others)]
    share = float(np.mean(others > mine + 1e-12)) if len(others) else 0.0
    size = float(effective_size(graph)[source])
    return EgoBrokerage(mine, size, contacts, dyadic.astype(np.float64), share)


def sphere_of_influence(listens: WeightedDigraph, source: int, damping: float = 0.85) -> FloatArray:
    """Where one person's lead travels: personalised PageRank on "who takes my lead".

    A walker starts at ``source`` and, with probability ``damping``, moves to someone
    who listens to the current person (chosen in proportion to how much they listen);
    otherwise, or when nobody listens to the current person, it returns to the source.
    Its long-run share of time with each person is the personalised PageRank [1]_ [2]_
    on the reversed listens-to graph, restarting at the source.

    Parameters
    ----------
    listens : WeightedDigraph
        A listens-to graph (``i → j``: ``i`` listens to ``j``).
    source : int
        Index of the person whose sphere it is.
    damping : float
        Probability of following a listener rather than returning.

    Returns
    -------
    ndarray of float, shape (n,)
        Sums to 1; the source keeps at least ``1 − damping``.

    References
    ----------
    .. [1] Brin, S. and Page, L. (1998). "The anatomy of a large-scale hypertextual web
       search engine". *Computer Networks and ISDN Systems* 30(1-7):107-117.
    .. [2] Haveliwala, T. H. (2002). "Topic-sensitive PageRank". *Proceedings of WWW
       2002*, 517-526.

    Examples
    --------
    >>> g = WeightedDigraph.from_edges(range(4), [(1, 0, 1.0), (2, 1, 1.0), (0, 3, 1.0)])
    >>> s = sphere_of_influence(g, 0)
    >>> bool(s[1] > s[2] > s[3]), float(round(s[3], 12))
    (True, 0.0)
    """
    n = listens.n
    if not 0 <= source < n:
        raise ValueError(f"source index {source} is out of range for {n} nodes")
    start = np.zeros(n)
    start[source] = 1.0
    return influence_rank(listens.reversed(), damping, personalization=start)


def effective_number(shares: npt.ArrayLike) -> float:
    """The Hill number of order 1, ``exp(−Σ p log p)`` [1]_: how many people a
    distribution is spread over, as if evenly (0 for an empty or all-zero one).

    References
    ----------
    .. [1] Hill, M. O. (1973). "Diversity and evenness: a unifying notation and its
       consequences". *Ecology* 54(2):427-432.

    Examples
    --------
    >>> round(effective_number([0.5, 0.5, 0.0]), 6)
    2.0
    """
    p = np.asarray(shares, dtype=np.float64)
    p = p[p > 0]
    if not len(p):
        return 0.0
    p = p / p.sum()
    return float(np.exp(-np.sum(p * np.log(p))))


def top_k(strength: npt.ArrayLike, k: int) -> IntArray:
    """Indices of the ``k`` strongest non-zero values, strongest first (ties by index).

    Examples
    --------
    >>> top_k([0.2, 0.9, 0.0, 0.9], 2).tolist()
    [1, 3]
    """
    s = np.asarray(strength, dtype=np.float64)
    order = np.lexsort((np.arange(len(s)), -s))
    return order[s[order] > 0][:k].astype(np.int64)


def blau_index(counts: npt.ArrayLike) -> float:
    """Blau's heterogeneity ``1 − Σ p²`` [1]_ of counts over groups (0: all in one).

    References
    ----------
    .. [1] Blau, P. M. (1977). *Inequality and Heterogeneity: A Primitive Theory of
       Social Structure*. Free Press.

    Examples
    --------
    >>> blau_index([5, 0]), blau_index([1, 1])
    (0.0, 0.5)
    """
    c = np.asarray(counts, dtype=np.float64)
    total = c.sum()
    if total <= 0:
        return 0.0
    return float(1.0 - np.sum((c / total) ** 2))
