"""The compromise model: the capability-and-salience weighted mean position.

Each actor pulls the outcome towards its position with a force equal to the
capability it brings times the salience the issue has for it; the forecast is the
point where the pulls balance,

.. math:: \\hat{x} = \\frac{\\sum_i c_i s_i x_i}{\\sum_i c_i s_i}.

It is Bueno de Mesquita's "compromise" baseline and Achen's "mean voter" model,
and it is also the Nash bargaining solution the Stokman-Van Oosten exchange model
starts from. On the EC car-emission standards example it gives 7.390.

References
----------
.. [1] Achen, C. H. (2006). "Evaluating political decision-making models." In
   Thomson, Stokman, Achen and Koenig (eds.), *The European Union Decides*,
   Cambridge University Press, 264-298.
.. [2] Bueno de Mesquita, B. (1994). "Political forecasting: an expected utility
   method." In Bueno de Mesquita and Stokman (eds.), *European Community Decision
   Making*, Yale University Press, 71-104.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from allies.analysis.forecast._arrays import ArrayLike1D, FloatArray, actor_inputs, normalised

__all__ = ["CompromiseForecast", "compromise"]


@dataclass(frozen=True)
class CompromiseForecast:
    """The weighted-mean forecast and how much each actor pulls on it.

    Attributes
    ----------
    outcome : float
        The forecast position.
    weights : ndarray
        Each actor's share of the pull (capability × salience, scaled to sum to
        one over the actors with a position; zero for actors without one). When
        every actor present has zero capability or salience, the shares are equal.
    """

    outcome: float
    weights: FloatArray


def compromise(
    positions: ArrayLike1D,
    capabilities: ArrayLike1D | None = None,
    saliences: ArrayLike1D | None = None,
) -> CompromiseForecast:
    """Forecast an issue as the capability × salience weighted mean position.

    Parameters
    ----------
    positions : array_like
        Each actor's position; ``nan`` for an actor without a position.
    capabilities, saliences : array_like, optional
        Non-negative; all ones when omitted.

    Returns
    -------
    CompromiseForecast
        The weighted mean; the plain mean when all weights are zero.

    Examples
    --------
    >>> compromise([0.0, 100.0], [1.0, 3.0], [1.0, 1.0]).outcome
    75.0
    """
    x, c, s, present = actor_inputs(positions, capabilities, saliences)
    shares = np.zeros_like(x)
    shares[present] = normalised(c[present] * s[present])
    outcome = float(np.dot(shares[present], x[present]))
    return CompromiseForecast(outcome=outcome, weights=shares)
