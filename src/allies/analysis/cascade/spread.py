"""Expected spread of a given set of people, by seeded Monte Carlo."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade._model import build_diffusion
from allies.analysis.cascade._steps import as_nodes
from allies.analysis.cascade._worlds import Worlds
from allies.analysis.cascade.result import SpreadEstimate

__all__ = ["expected_spread"]

_NODES_PER_BATCH = 2_000_000


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
    if simulations < 1:
        raise ValueError("simulations must be at least 1")
    diffusion = build_diffusion(listens_to, model, thresholds, values)
    start = as_nodes(seeds, diffusion.n, "seeds")
    rng = np.random.default_rng(seed)
    # Worlds are drawn a batch at a time to bound memory on large networks.
    per_batch = max(1, min(simulations, _NODES_PER_BATCH // max(diffusion.n, 1)))
    total = 0.0
    reached = np.zeros(diffusion.n)
    done = 0
    while done < simulations:
        size = min(per_batch, simulations - done)
        worlds = Worlds(diffusion, size, rng, condense=False)
        gain, _ = worlds.commit(start)
        total += gain * size
        reached += worlds.reached
        done += size
    return SpreadEstimate(
        spread=total / simulations, activation=reached / simulations, simulations=simulations
    )
