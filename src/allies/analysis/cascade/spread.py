"""Expected spread of a given set of people, by seeded Monte Carlo."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade._model import build_diffusion
from allies.analysis.cascade._steps import as_nodes
from allies.analysis.cascade._worlds import Worlds
from allies.analysis.cascade.result import SpreadEstimate

__all__ = ["expected_spread", "expected_spreads"]

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
    [estimate] = expected_spreads(
        listens_to,
        seeds,
        [],
        model=model,
        thresholds=thresholds,
        values=values,
        simulations=simulations,
        seed=seed,
    )
    return estimate


def expected_spreads(
    listens_to: sp.spmatrix | sp.sparray,
    seeds: object,
    additions: object,
    *,
    model: str = "lt",
    thresholds: object = None,
    values: object = None,
    simulations: int = 1000,
    seed: int | np.random.Generator | None = None,
) -> list[SpreadEstimate]:
    """Estimate the expected value on board for ``seeds``, then for ``seeds`` and each of
    ``additions`` won in turn (a plan's steps), in one set of Monte Carlo worlds.

    Each estimate equals :func:`expected_spread` of that prefix with the same ``seed``
    (the same worlds are drawn, in the same order): a live-edge world's reach from a set
    is the union of its reach from the set's parts (Kempe, Kleinberg and Tardos, 2003),
    so winning the next person only adds what that person reaches. Drawing the worlds once
    instead of once per prefix is what makes it faster.

    Parameters
    ----------
    listens_to : sparse matrix, shape (n, n)
        Entry ``[i, j]`` is the weight with which ``i`` listens to ``j``.
    seeds : array_like of int
        The people on board at the start.
    additions : array_like of int
        The people won next, one per step, in order.
    model, thresholds, values, simulations, seed
        As for :func:`expected_spread`.

    Returns
    -------
    list of SpreadEstimate
        ``len(additions) + 1`` estimates: the start, then after each step.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> chain = sp.csr_matrix(([1.0, 1.0], ([1, 2], [0, 1])), shape=(3, 3))
    >>> [e.spread for e in expected_spreads(chain, [], [2, 0], thresholds=[0.0] * 3, seed=0)]
    [0.0, 1.0, 3.0]
    """
    if simulations < 1:
        raise ValueError("simulations must be at least 1")
    diffusion = build_diffusion(listens_to, model, thresholds, values)
    start = as_nodes(seeds, diffusion.n, "seeds")
    order = np.asarray(additions, dtype=np.int64).reshape(-1)
    steps = [as_nodes(person, diffusion.n, "additions") for person in order]
    rng = np.random.default_rng(seed)
    # Worlds are drawn a batch at a time to bound memory on large networks.
    per_batch = max(1, min(simulations, _NODES_PER_BATCH // max(diffusion.n, 1)))
    totals = np.zeros(len(steps) + 1)
    reached = np.zeros((len(steps) + 1, diffusion.n))
    done = 0
    while done < simulations:
        size = min(per_batch, simulations - done)
        worlds = Worlds(diffusion, size, rng, condense=False)
        gain, _ = worlds.commit(start)
        totals[0] += gain * size
        reached[0] += worlds.reached
        for k, person in enumerate(steps, start=1):
            more, _ = worlds.commit(person)
            gain += more
            totals[k] += gain * size
            reached[k] += worlds.reached
        done += size
    return [
        SpreadEstimate(
            spread=float(total / simulations),
            activation=row / simulations,
            simulations=simulations,
        )
        for total, row in zip(totals, reached, strict=True)
    ]
