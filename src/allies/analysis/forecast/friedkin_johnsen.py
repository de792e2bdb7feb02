"""Friedkin-Johnsen opinion dynamics over the listens-to network.

Every person revises her opinion towards the opinions of the people she listens
to, while staying anchored to her initial opinion:

.. math:: x(t+1) = \\Lambda W x(t) + (I - \\Lambda) x(0),

where :math:`W` is the listens-to matrix scaled so that each row sums to one
(someone who listens to no one keeps her own opinion, :math:`W_{ii} = 1`) and
:math:`\\Lambda = \\mathrm{diag}(\\lambda_i)` holds each person's susceptibility to
interpersonal influence, by default :math:`1 - s_i` for salience :math:`s_i`: the
more an issue matters to someone, the more firmly she holds her initial view.
The equilibrium is found by solving the sparse linear system

.. math:: (I - \\Lambda W)\\, x^* = (I - \\Lambda)\\, x(0)

rather than by iterating. A person who is fully susceptible
(:math:`\\lambda_i = 1`) has no anchor; the system is solved with
:math:`\\lambda_i = 1 - 10^{-9}`, which gives the limit of the equilibrium as her
anchor vanishes (for a closed group of fully susceptible people, the consensus
DeGroot's model reaches).

People without an initial opinion (``nan``) are fully susceptible and take on the
opinions of those they listen to; if they reach no one with an opinion, their
equilibrium opinion is ``nan``.

The forecast outcome is the capability-weighted mean of the equilibrium opinions,
and ``outcome_weights`` says how much each person's *initial* opinion counts in
it: the outcome equals ``outcome_weights @ x(0)`` (the column sums of the
reduced-form influence matrix :math:`V = (I - \\Lambda W)^{-1}(I - \\Lambda)`,
weighted by capability).

References
----------
.. [1] Friedkin, N. E. and Johnsen, E. C. (1990). "Social influence and opinions."
   *Journal of Mathematical Sociology* 15(3-4), 193-206.
.. [2] Friedkin, N. E. and Johnsen, E. C. (1999). "Social influence networks and
   opinion change." *Advances in Group Processes* 16, 1-29.
.. [3] DeGroot, M. H. (1974). "Reaching a consensus." *Journal of the American
   Statistical Association* 69(345), 118-121.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.sparse.linalg import splu

from allies.analysis.forecast._arrays import ArrayLike1D, FloatArray, as_vector, as_weights

__all__ = ["FriedkinJohnsenForecast", "friedkin_johnsen", "row_stochastic"]

_ANCHOR_FLOOR = 1e-9


@dataclass(frozen=True)
class FriedkinJohnsenForecast:
    """Equilibrium opinions and the outcome they imply.

    Attributes
    ----------
    equilibrium : ndarray
        Each person's equilibrium opinion (``nan`` for someone without an opinion
        who listens, directly or not, to no one with one).
    outcome : float
        Capability-weighted mean of the equilibrium opinions.
    outcome_weights : ndarray
        How much each person's initial opinion counts in ``outcome``; the weights
        sum to one, and ``outcome == outcome_weights @ initial``.
    susceptibility : ndarray
        The :math:`\\lambda_i` used.
    """

    equilibrium: FloatArray
    outcome: float
    outcome_weights: FloatArray
    susceptibility: FloatArray


def row_stochastic(listens_to: sp.spmatrix | sp.sparray) -> sp.csr_matrix:
    """Scale each row of the listens-to matrix to sum to one.

    Negative weights are an error; a person whose row is empty (or all zero) keeps
    her own opinion: her row becomes the unit vector on herself.
    """
    matrix = sp.csr_matrix(listens_to, dtype=np.float64)
    n_rows, n_cols = matrix.shape
    if n_rows != n_cols:
        raise ValueError(f"listens_to must be square, got {matrix.shape}")
    if matrix.nnz and (np.any(matrix.data < 0) or not np.all(np.isfinite(matrix.data))):
        raise ValueError("listens_to weights must be finite and non-negative")
    matrix.eliminate_zeros()
    sums = np.asarray(matrix.sum(axis=1)).ravel()
    lonely = sums <= 0.0
    scale = np.where(lonely, 0.0, 1.0 / np.where(lonely, 1.0, sums))
    scaled = sp.diags(scale) @ matrix
    self_loops = sp.diags(lonely.astype(np.float64))
    return sp.csr_matrix(scaled + self_loops)


def friedkin_johnsen(
    listens_to: sp.spmatrix | sp.sparray,
    positions: ArrayLike1D,
    *,
    saliences: ArrayLike1D | None = None,
    susceptibility: ArrayLike1D | None = None,
    capabilities: ArrayLike1D | None = None,
) -> FriedkinJohnsenForecast:
    """Solve the Friedkin-Johnsen model for its equilibrium and outcome.

    Parameters
    ----------
    listens_to : sparse matrix, shape (n, n)
        Entry ``[i, j]`` is the weight with which person ``i`` listens to ``j``.
    positions : array_like, shape (n,)
        Initial opinions; ``nan`` for someone without one.
    saliences : array_like, optional
        Values in [0, 1]; the susceptibility is ``1 - salience`` when
        ``susceptibility`` is not given. All zero (fully susceptible) by default.
    susceptibility : array_like, optional
        Values in [0, 1]; overrides ``saliences``.
    capabilities : array_like, optional
        Weights of the outcome; equal weights when omitted (or all zero).

    Returns
    -------
    FriedkinJohnsenForecast

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> listens = sp.csr_matrix([[0.0, 1.0], [0.0, 0.0]])
    >>> result = friedkin_johnsen(listens, [0.0, 10.0], susceptibility=[0.5, 0.0])
    >>> [round(float(v), 6) for v in result.equilibrium]
    [5.0, 10.0]
    """
    w = row_stochastic(listens_to)
    n = w.shape[0]
    x0 = as_vector(positions, "positions", n)
    if np.any(np.isinf(x0)):
        raise ValueError("positions must be finite (use nan for no position)")
    known = ~np.isnan(x0)
    if susceptibility is not None:
        lam = as_vector(susceptibility, "susceptibility", n).copy()
    elif saliences is not None:
        lam = 1.0 - as_vector(saliences, "saliences", n)
    else:
        lam = np.ones(n)
    if not np.all(np.isfinite(lam)) or np.any(lam < 0.0) or np.any(lam > 1.0):
        raise ValueError("susceptibility (or 1 - salience) must lie in [0, 1]")
    lam[~known] = 1.0
    cap = as_weights(capabilities, "capabilities", n)
    solved_lam = np.minimum(lam, 1.0 - _ANCHOR_FLOOR)
    anchor = 1.0 - solved_lam
    system = (sp.identity(n, format="csc") - sp.diags(solved_lam) @ w).tocsc()
    lu = splu(system)
    start = np.where(known, x0, 0.0)
    equilibrium = lu.solve(anchor * start)
    reaches_known = _reaches(w, known)
    equilibrium = np.where(reaches_known, equilibrium, np.nan)
    # Rescale for the anchors dropped when people have no opinion: the rows of V
    # over known columns sum to one in exact arithmetic once those are removed.
    share_known = lu.solve(anchor * known.astype(np.float64))
    with np.errstate(invalid="ignore", divide="ignore"):
        equilibrium = np.where(reaches_known, equilibrium / share_known, np.nan)
    counted = reaches_known & np.isfinite(equilibrium)
    weights = np.where(counted, cap, 0.0)
    if weights.sum() <= 0.0:
        weights = counted.astype(np.float64)
    weights = weights / weights.sum()
    outcome = float(np.dot(weights[counted], equilibrium[counted]))
    # outcome = weights @ V @ x0 = ((I - ΛW)^{-T} weights) · anchor · x0 / share.
    scaled = np.where(counted, weights / np.where(counted, share_known, 1.0), 0.0)
    influence = lu.solve(scaled, trans="T") * anchor
    influence = np.where(known, influence, 0.0)
    return FriedkinJohnsenForecast(
        equilibrium=equilibrium,
        outcome=outcome,
        outcome_weights=influence,
        susceptibility=lam,
    )


def _reaches(w: sp.csr_matrix, targets: np.ndarray) -> np.ndarray:
    """Which people reach (listen, directly or through others, to) a target."""
    n = w.shape[0]
    if np.all(targets):
        return np.ones(n, dtype=bool)
    # Reverse graph: an edge from j to i when i listens to j; search from targets.
    reverse = sp.csr_matrix(w.T)
    hub = sp.csr_matrix(
        (
            np.ones(int(targets.sum())),
            (np.zeros(int(targets.sum()), dtype=np.int64), np.flatnonzero(targets)),
        ),
        shape=(1, n),
    )
    augmented = sp.vstack(
        [sp.hstack([reverse, sp.csr_matrix((n, 1))]), sp.hstack([hub, sp.csr_matrix((1, 1))])]
    ).tocsr()
    order = csgraph.breadth_first_order(augmented, n, directed=True, return_predecessors=False)
    reached = np.zeros(n + 1, dtype=bool)
    reached[np.asarray(order)] = True
    return reached[:n]
