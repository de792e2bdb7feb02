"""Influence on a listens-to graph: rank, strength and the ear of the deciders.

An edge ``i → j`` of weight ``w`` means "``i`` listens to ``j``" with strength
``w``. A random walker who, at each person, moves on to someone that person
listens to (with probability proportional to the weight) spends most of its
time with the people whom others listen to: that is the influence rank, the
PageRank [1]_ of being listened to.

References
----------
.. [1] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The PageRank
   citation ranking: bringing order to the web". Stanford InfoLab technical
   report 1999-66.
.. [2] Haveliwala, T. H. (2002). "Topic-sensitive PageRank". *Proceedings of
   WWW 2002*, 517-526.
.. [3] Langville, A. N. and Meyer, C. D. (2006). *Google's PageRank and
   Beyond*. Princeton University Press.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.graph import WeightedDigraph

__all__ = [
    "DecidersEar",
    "deciders_ear",
    "in_strength",
    "influence_rank",
    "out_strength",
]

FloatArray = npt.NDArray[np.float64]


def in_strength(graph: WeightedDigraph, *, weighted: bool = True) -> FloatArray:
    """How much each person is listened to: the column sums of the weights.

    Parameters
    ----------
    graph : WeightedDigraph
        A listens-to graph.
    weighted : bool
        If False, count edges (the in-degree) instead of adding weights.

    Returns
    -------
    ndarray of float, shape (n,)

    References
    ----------
    .. [1] Barrat, A., Barthélemy, M., Pastor-Satorras, R. and Vespignani, A.
       (2004). "The architecture of complex weighted networks". *PNAS*
       101(11):3747-3752.
    """
    w = graph.weights if weighted else graph.unweighted().weights
    return np.asarray(w.sum(axis=0), dtype=np.float64).reshape(-1)


def out_strength(graph: WeightedDigraph, *, weighted: bool = True) -> FloatArray:
    """How much each person listens to others: the row sums of the weights.

    Parameters
    ----------
    graph : WeightedDigraph
        A listens-to graph.
    weighted : bool
        If False, count edges (the out-degree) instead of adding weights.

    Returns
    -------
    ndarray of float, shape (n,)

    References
    ----------
    .. [1] Barrat, A., Barthélemy, M., Pastor-Satorras, R. and Vespignani, A.
       (2004). "The architecture of complex weighted networks". *PNAS*
       101(11):3747-3752.
    """
    w = graph.weights if weighted else graph.unweighted().weights
    return np.asarray(w.sum(axis=1), dtype=np.float64).reshape(-1)


def _distribution(vector: npt.ArrayLike | None, n: int, name: str) -> FloatArray:
    if vector is None:
        return np.full(n, 1.0 / n)
    v = np.asarray(vector, dtype=np.float64).reshape(-1)
    if v.shape != (n,):
        raise ValueError(f"{name} must have one entry per node ({n}), not {v.shape[0]}")
    if np.any(v < 0) or not np.all(np.isfinite(v)):
        raise ValueError(f"{name} must be non-negative and finite")
    total = v.sum()
    if total <= 0:
        raise ValueError(f"{name} must have a positive entry")
    return np.asarray(v / total, dtype=np.float64)


Attention = Literal["normalise", "keep"]


def _transition(
    graph: WeightedDigraph, attention: Attention = "normalise"
) -> tuple[sp.csr_array, FloatArray]:
    """Transition matrix and, per row, the share of the walk that leaves it unguided.

    With ``attention="normalise"`` rows are scaled to sum to 1 and the second
    array marks dangling rows (as 0/1). With ``"keep"``, a row whose weights add
    up to less than 1 keeps them as they are and the rest (``1 − out-strength``)
    is returned as its unguided share; heavier rows are scaled to 1.
    """
    scale, leftover = row_scale(graph, attention)
    transition = sp.csr_array(sp.dia_array((scale, 0), shape=graph.weights.shape) @ graph.weights)
    return transition, leftover


def row_scale(graph: WeightedDigraph, attention: Attention) -> tuple[FloatArray, FloatArray]:
    """What each row of the weights is multiplied by in the rank, and its unguided share.

    Parameters
    ----------
    graph : WeightedDigraph
        A listens-to graph.
    attention : {"normalise", "keep"}
        How weights enter the rank (see :func:`influence_rank`).

    Returns
    -------
    scale : ndarray of float, shape (n,)
        ``1 / out-strength`` (``"normalise"``; 0 for someone who listens to no one) or
        ``1 / max(1, out-strength)`` (``"keep"``).
    leftover : ndarray of float, shape (n,)
        The share of each person's attention spent on no one in particular: 1 for
        someone who listens to no one, and with ``"keep"`` ``1 − out-strength`` below 1.

    Raises
    ------
    ValueError
        If ``attention`` is neither value.
    """
    out = out_strength(graph)
    if attention == "keep":
        scale = 1.0 / np.maximum(out, 1.0)
        leftover = 1.0 - np.minimum(out, 1.0)
    elif attention == "normalise":
        scale = np.zeros_like(out)
        nonzero = out != 0
        scale[nonzero] = 1.0 / out[nonzero]
        leftover = (~nonzero).astype(np.float64)
    else:
        raise ValueError(f"attention must be 'normalise' or 'keep', not {attention!r}")
    return np.asarray(scale, dtype=np.float64), np.asarray(leftover, dtype=np.float64)


def influence_rank(
    graph: WeightedDigraph,
    damping: float = 0.85,
    tol: float = 1e-12,
    max_iter: int = 1000,
    *,
    personalization: npt.ArrayLike | None = None,
    dangling: npt.ArrayLike | None = None,
    attention: Attention = "normalise",
) -> FloatArray:
    """PageRank of being listened to.

    A walker at ``i`` moves, with probability ``damping``, along an out-edge
    ``i → j`` (to someone ``i`` listens to) chosen in proportion to its weight,
    and otherwise jumps to a node drawn from ``personalization``. The rank of
    ``j`` is the walker's long-run share of time at ``j``.

    Parameters
    ----------
    graph : WeightedDigraph
        A listens-to graph (``i → j``: ``i`` listens to ``j``).
    damping : float
        Probability of following an edge rather than jumping, in ``[0, 1)``.
    tol : float
        Stop when the L1 change of an iteration is below ``n * tol`` (the
        criterion of :func:`networkx.pagerank`).
    max_iter : int
        Maximum number of power iterations.
    personalization : array_like of shape (n,), optional
        Jump distribution (normalised here). Uniform if omitted. Concentrated
        on one person it gives the personalised PageRank from that person [2]_.
    dangling : array_like of shape (n,), optional
        Where the walker goes from someone who listens to no one. Defaults to
        ``personalization``, as networkx does.
    attention : {"normalise", "keep"}
        ``"normalise"`` (networkx's PageRank) scales each person's out-weights
        to sum to 1, so someone known to listen to one person only, however
        faintly, gives that person all their vote. ``"keep"`` reads weights in
        ``[0, 1]`` as shares of attention: a person whose known listening adds
        up to less than 1 spends the rest as a dangling node does (on
        ``dangling``); heavier rows are scaled to 1. With unit weights and no
        one listening to fewer than one person, both give the same ranks.

    Returns
    -------
    ndarray of float, shape (n,)
        Ranks summing to 1, indexed like ``graph.ids``.

    Raises
    ------
    ValueError
        If ``damping`` is outside ``[0, 1)`` or a vector is malformed.
    RuntimeError
        If the iteration does not converge in ``max_iter`` steps.

    Notes
    -----
    Power iteration ``x ← d (x P + (x · 𝟙_dangling) u) + (1 − d) p`` from the
    uniform vector, as in :func:`networkx.pagerank` [3]_, whose results it
    reproduces to the tolerance.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The
       PageRank citation ranking: bringing order to the web". Stanford InfoLab
       technical report 1999-66.
    .. [2] Haveliwala, T. H. (2002). "Topic-sensitive PageRank". *Proceedings
       of WWW 2002*, 517-526.
    .. [3] Langville, A. N. and Meyer, C. D. (2006). *Google's PageRank and
       Beyond*. Princeton University Press.

    Examples
    --------
    >>> g = WeightedDigraph.from_edges([1, 2, 3], [(1, 3, 1.0), (2, 3, 1.0)])
    >>> rank = influence_rank(g)
    >>> int(np.argmax(rank)) == g.index_of(3)
    True
    """
    if not 0.0 <= damping < 1.0:
        raise ValueError(f"damping must be in [0, 1), not {damping}")
    n = graph.n
    if n == 0:
        return np.zeros(0)
    p = _distribution(personalization, n, "personalization")
    u = p if dangling is None else _distribution(dangling, n, "dangling")
    scale, is_dangling = row_scale(graph, attention)
    # x P = (x * scale) W: the weights are used as they are, through their transpose,
    # and every step works in place (no temporaries of length n, and no BLAS call,
    # whose threads only add waiting at this size).
    incoming = graph.weights.T  # a CSC view: no copy
    restart = (1.0 - damping) * p
    x = np.full(n, 1.0 / n)
    scaled = np.empty(n)
    jump = np.empty(n)
    change = np.empty(n)
    err = np.inf
    for _ in range(max_iter):
        np.multiply(x, is_dangling, out=jump)
        unguided = float(jump.sum())
        np.multiply(x, scale, out=scaled)
        step = incoming @ scaled
        np.multiply(u, unguided, out=jump)
        step += jump
        step *= damping
        step += restart
        np.subtract(step, x, out=change)
        np.abs(change, out=change)
        err = float(change.sum())
        x = step
        if err < n * tol:
            x /= x.sum()
            return x
    raise RuntimeError(
        f"influence rank did not converge in {max_iter} iterations (L1 change {err:.3g}); "
        "raise max_iter or tol"
    )


@dataclass(frozen=True)
class DecidersEar:
    """Whose influence reaches the deciders, split into its parts.

    Attributes
    ----------
    score : ndarray of float, shape (n,)
        Share of the deciders' attention that ends with each person; sums to 1.
        Equals ``seed + direct + indirect`` (to the iteration tolerance).
    seed : ndarray of float, shape (n,)
        The restart mass: non-zero only for the deciders themselves (their own
        voice), including the returns from people who listen to no one.
    direct : ndarray of float, shape (n,)
        The part that arrives in one step from a decider, i.e. because a
        decider listens to the person.
    indirect : ndarray of float, shape (n,)
        The part that arrives from non-deciders, i.e. through people the
        deciders listen to, directly or further along.
    deciders : tuple of int
        Indices of the deciders.
    decider_weights : ndarray of float, shape (n,)
        Normalised weight of each decider in the restart distribution.
    """

    score: FloatArray
    seed: FloatArray
    direct: FloatArray
    indirect: FloatArray
    deciders: tuple[int, ...]
    decider_weights: FloatArray


def deciders_ear(
    graph: WeightedDigraph,
    deciders: Sequence[int] | Mapping[int, float],
    damping: float = 0.85,
    *,
    tol: float = 1e-12,
    max_iter: int = 1000,
    attention: Attention = "normalise",
) -> DecidersEar:
    """How much each person's influence reaches a set of deciders.

    The score is the personalised PageRank [2]_ seeded on the deciders over the
    listens-to edges: a walker starts at a decider and, with probability
    ``damping``, moves on to someone the current person listens to (in
    proportion to the weight); otherwise, or when the current person listens
    to no one, it returns to a decider. A person's score is the long-run share
    of the walk spent with them: the stationary mass reaching them from the
    deciders through whom they listen to.

    Parameters
    ----------
    graph : WeightedDigraph
        A listens-to graph (``i → j``: ``i`` listens to ``j``).
    deciders : sequence of int or mapping of int to float
        Indices of the deciders; a mapping gives each one a weight (for example
        their share of the decision power).
    damping : float
        Probability of following a listens-to edge rather than returning.
    tol, max_iter
        As for :func:`influence_rank`.
    attention : {"normalise", "keep"}
        As for :func:`influence_rank`; the scores and their split are computed with
        the same transition, so the parts add up to the score in either mode (with
        ``"keep"``, the attention a person does not spend on anyone known returns to
        the deciders and is counted in *seed*).

    Returns
    -------
    DecidersEar
        Scores and their exact split ``score = seed + direct + indirect``: the
        stationary flow into a person is the restart mass (deciders only),
        the flow along edges from deciders (*direct*) and the flow along edges
        from everyone else (*indirect*).

    Raises
    ------
    ValueError
        If there are no deciders, an index is out of range or a weight is
        negative.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The
       PageRank citation ranking: bringing order to the web". Stanford InfoLab
       technical report 1999-66.
    .. [2] Haveliwala, T. H. (2002). "Topic-sensitive PageRank". *Proceedings
       of WWW 2002*, 517-526.
    .. [3] Jeh, G. and Widom, J. (2003). "Scaling personalized web search".
       *Proceedings of WWW 2003*, 271-279.

    Examples
    --------
    >>> g = WeightedDigraph.from_edges([1, 2, 3], [(1, 2, 1.0), (2, 3, 1.0)])
    >>> ear = deciders_ear(g, [g.index_of(1)])
    >>> bool(ear.direct[1] > 0 and ear.indirect[2] > 0 and ear.direct[2] == 0)
    True
    """
    n = graph.n
    items = (
        list(deciders.items())
        if isinstance(deciders, Mapping)
        else [(int(d), 1.0) for d in deciders]
    )
    if not items:
        raise ValueError("deciders_ear needs at least one decider")
    weights = np.zeros(n)
    for index, weight in items:
        if not 0 <= index < n:
            raise ValueError(f"decider index {index} is out of range for {n} nodes")
        if weight < 0:
            raise ValueError(f"decider {index} has a negative weight {weight}")
        weights[index] += weight
    p = _distribution(weights, n, "decider weights")
    score = influence_rank(graph, damping, tol, max_iter, personalization=p, attention=attention)
    transition, is_dangling = _transition(graph, attention)
    is_decider = p > 0
    # Stationary flow along edges: d * x_i * P_ij, split by whether i decides.
    from_deciders = sp.csr_array(transition.T) @ (score * is_decider)
    from_others = sp.csr_array(transition.T) @ (score * ~is_decider)
    direct = damping * from_deciders
    indirect = damping * from_others
    seed = ((1.0 - damping) + damping * float(is_dangling @ score)) * p
    return DecidersEar(
        score=score,
        seed=seed,
        direct=np.asarray(direct, dtype=np.float64),
        indirect=np.asarray(indirect, dtype=np.float64),
        deciders=tuple(int(i) for i in np.flatnonzero(is_decider)),
        decider_weights=p,
    )
