"""The weighted median voter: the weighted Condorcet position on one dimension.

Actor :math:`i` casts :math:`c_i s_i (|x_i - x_k| - |x_i - x_j|)` votes for position
:math:`x_j` over :math:`x_k` (Bueno de Mesquita 1994). On a single dimension the
position that beats every other in these pairwise contests is the median of the
positions weighted by :math:`c_i s_i` (Black 1948). When the weight is split
exactly in two, every point between the two middle positions ties, and the
forecast is the midpoint of that interval. On the EC car-emission standards
example the forecast is 7.0.

References
----------
.. [1] Black, D. (1948). "On the rationale of group decision-making." *Journal of
   Political Economy* 56(1), 23-34.
.. [2] Bueno de Mesquita, B. (1994). "Political forecasting: an expected utility
   method." In Bueno de Mesquita and Stokman (eds.), *European Community Decision
   Making*, Yale University Press, 71-104.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from allies.analysis.forecast._arrays import (
    ArrayLike1D,
    FloatArray,
    actor_inputs,
    as_vector,
    normalised,
)

__all__ = ["MedianForecast", "median_voter", "weighted_median"]

_TOLERANCE = 1e-12


def _median_bounds(values: FloatArray, weights: FloatArray) -> tuple[int, int]:
    """Indices (into ``values``) of the lower and upper weighted medians."""
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    half = cumulative[-1] / 2.0
    slack = _TOLERANCE * max(cumulative[-1], 1.0)
    lower = int(np.searchsorted(cumulative, half - slack, side="left"))
    upper = int(np.searchsorted(cumulative, half + slack, side="right"))
    last = len(values) - 1
    return int(order[min(lower, last)]), int(order[min(upper, last)])


def weighted_median(values: ArrayLike1D, weights: ArrayLike1D | None = None) -> float:
    """Weighted median of ``values``; the midpoint when the weight splits evenly.

    ``nan`` values are ignored; when all weights are zero the plain median is
    returned.

    Examples
    --------
    >>> weighted_median([1.0, 2.0, 10.0], [1.0, 1.0, 3.0])
    10.0
    >>> weighted_median([0.0, 100.0])
    50.0
    """
    x = as_vector(values, "values")
    w = np.ones_like(x) if weights is None else as_vector(weights, "weights", x.shape[0])
    keep = ~np.isnan(x)
    if not np.any(keep):
        raise ValueError("weighted_median needs at least one value")
    x, w = x[keep], normalised(np.clip(w[keep], 0.0, None))
    lower, upper = _median_bounds(x, w)
    return float((x[lower] + x[upper]) / 2.0)


@dataclass(frozen=True)
class MedianForecast:
    """The median voter forecast.

    Attributes
    ----------
    outcome : float
        The weighted median position.
    pivot : int
        Index of the actor whose position is the median, or ``-1`` when the weight
        splits evenly and the outcome is the midpoint between two positions.
    weights : ndarray
        Each actor's share of the votes (capability × salience scaled to sum to
        one over actors with a position; zero for the others).
    """

    outcome: float
    pivot: int
    weights: FloatArray


def median_voter(
    positions: ArrayLike1D,
    capabilities: ArrayLike1D | None = None,
    saliences: ArrayLike1D | None = None,
) -> MedianForecast:
    """Forecast an issue as the capability × salience weighted median position.

    Parameters
    ----------
    positions : array_like
        Each actor's position; ``nan`` for an actor without a position.
    capabilities, saliences : array_like, optional
        Non-negative; all ones when omitted. When every weight is zero each actor
        counts equally.

    Returns
    -------
    MedianForecast

    Examples
    --------
    >>> median_voter([4.0, 7.0, 10.0], [0.3, 0.3, 0.4], [1.0, 1.0, 1.0]).outcome
    7.0
    """
    x, c, s, present = actor_inputs(positions, capabilities, saliences)
    index = np.flatnonzero(present)
    shares = np.zeros_like(x)
    shares[index] = normalised(c[index] * s[index])
    lower, upper = _median_bounds(x[index], shares[index])
    outcome = float((x[index[lower]] + x[index[upper]]) / 2.0)
    pivot = int(index[lower]) if x[index[lower]] == x[index[upper]] else -1
    return MedianForecast(outcome=outcome, pivot=pivot, weights=shares)
