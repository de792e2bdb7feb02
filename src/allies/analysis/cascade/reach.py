"""How likely a few people are to come on board, step by step, from RR sets rooted at them.

A reverse-reachable set drawn from root :math:`v` in a random live-edge world is hit by
a set of people :math:`S` exactly when :math:`S` brings :math:`v` on board in that world
(Borgs et al. 2014). So ``samples`` sets rooted at each person of interest estimate her
probability of coming on board from any start, and following a plan step by step only
marks more sets as hit: one draw serves the whole plan. For a handful of people on a large
network this is far less work than Monte Carlo worlds over everyone (each set stops at the
first person on board from the start), with the same expectation; the standard error of
each probability is :math:`\\sqrt{p(1-p)/\\text{samples}}`.

References
----------
.. [1] Borgs, C., Brautbar, M., Chayes, J. and Lucier, B. (2014). "Maximizing social
   influence in nearly optimal time." *SODA 2014*, 946-957.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.cascade._model import build_diffusion
from allies.analysis.cascade._rrsets import hit_by, rr_sets_from
from allies.analysis.cascade._steps import as_nodes

__all__ = ["activation_curve"]


def activation_curve(
    listens_to: sp.spmatrix | sp.sparray,
    active: object,
    steps: object,
    people: object,
    *,
    model: str = "lt",
    thresholds: object = None,
    samples: int = 1000,
    seed: int | np.random.Generator | None = None,
) -> npt.NDArray[np.float64]:
    """Each of ``people``'s probability of being on board, at the start and after each step.

    Parameters
    ----------
    listens_to, model, thresholds
        As for :func:`allies.analysis.cascade.celf`.
    active : array_like of int
        The people on board from the start.
    steps : array_like of int
        The people won, in order.
    people : array_like of int
        Whose probabilities to estimate.
    samples : int
        RR sets rooted at each of ``people``.
    seed : int or Generator, optional
        Makes the estimate reproducible.

    Returns
    -------
    ndarray, shape (len(steps) + 1, len(people))
        Row 0 from ``active`` alone, row ``j`` once the first ``j`` steps are taken.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> chain = sp.csr_matrix(([1.0, 1.0], ([1, 2], [0, 1])), shape=(3, 3))
    >>> activation_curve(chain, [], [0], [2], thresholds=[0.0] * 3, samples=10).tolist()
    [[0.0], [1.0]]
    """
    if samples < 1:
        raise ValueError("samples must be at least 1")
    diffusion = build_diffusion(listens_to, model, thresholds, None)
    n = diffusion.n
    start = as_nodes(active, n, "active")
    order = np.asarray(steps, dtype=np.int64).reshape(-1)
    targets = np.asarray(people, dtype=np.int64).reshape(-1)
    if (order.size and (order.min() < 0 or order.max() >= n)) or (
        targets.size and (targets.min() < 0 or targets.max() >= n)
    ):
        raise ValueError(f"steps and people must be indices between 0 and {n - 1}")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    sets = rr_sets_from(diffusion, np.repeat(targets, samples), rng, start)
    owner = np.repeat(np.arange(targets.size, dtype=np.int64), samples)
    covered = sets.stopped.copy() if sets.stopped is not None else hit_by(sets, start)
    set_of = np.repeat(np.arange(sets.count, dtype=np.int64), np.diff(sets.indptr))
    curve = np.zeros((order.size + 1, targets.size))
    curve[0] = np.bincount(owner[covered], minlength=targets.size) / samples
    for j, node in enumerate(order.tolist(), start=1):
        covered[set_of[sets.nodes == node]] = True
        curve[j] = np.bincount(owner[covered], minlength=targets.size) / samples
    return curve
