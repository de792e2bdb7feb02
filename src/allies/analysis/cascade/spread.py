"""Expected spread of a given set of people, by seeded Monte Carlo."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade._model import build_diffusion
from allies.analysis.cascade._steps import as_nodes
from allies.analysis.cascade._worlds import Worlds
from allies.analysis.cascade.result import SpreadEstimate

__all__ = ["expected_spread"]


def expected_spread(
    listens_to: sp.spmatrix | sp.sparray,
    seeds: object,
    *,
    model: str = "lt",
    thresholds: object = None,
    values: object = None,
    simulations: int = 1000,
    seed: int | np.random.Generator | None = None,
) -> SpreadEstimate:
    """Estimate the expected value on board once ``seeds`` are won.

    Parameters
    ----------
    listens_to : sparse matrix, shape (n, n)
        Entry ``[i, j]`` is the weight with which ``i`` listens to ``j``.
    seeds : array_like of int
        The people on board at the start.
    model, thresholds, values
        As for :func:`allies.analysis.cascade.celf`.
    simulations : int
        Monte Carlo worlds.
    seed : int or Generator, optional
        Makes the estimate reproducible.

    Returns
    -------
    SpreadEstimate

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> chain = sp.csr_matrix(([1.0, 1.0], ([1, 2], [0, 1])), shape=(3, 3))
    >>> expected_spread(chain, [0], thresholds=[0.0, 0.0, 0.0], seed=0).spread
    3.0
    """
    diffusion = build_diffusion(listens_to, model, thresholds, values)
    start = as_nodes(seeds, diffusion.n, "seeds")
    worlds = Worlds(diffusion, simulations, np.random.default_rng(seed), condense=False)
    spread, _ = worlds.commit(start)
    return SpreadEstimate(spread=spread, activation=worlds.activation, simulations=simulations)
