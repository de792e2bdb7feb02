"""Pick the seed selection method by the size of the network."""

from __future__ import annotations

from typing import Literal

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade.greedy import celf, greedy
from allies.analysis.cascade.imm import imm
from allies.analysis.cascade.result import SeedPlan

__all__ = ["CELF_LIMIT", "CELF_WORK_LIMIT", "select"]

CELF_LIMIT = 2000
"""Networks with at most this many people use CELF under ``method="auto"``..."""

CELF_WORK_LIMIT = 50_000_000
"""...as long as the Monte Carlo worlds (simulations × ties) stay below this size."""

Method = Literal["auto", "celf", "greedy", "imm"]


def select(
    listens_to: sp.spmatrix | sp.sparray,
    k: int,
    *,
    method: Method = "auto",
    model: str = "lt",
    thresholds: object = None,
    values: object = None,
    candidates: object = None,
    active: object = (),
    simulations: int | None = None,
    epsilon: float = 0.2,
    delta: float | None = None,
    seed: int | np.random.Generator | None = None,
    sways: int = 5,
) -> SeedPlan:
    """Choose up to ``k`` people to win first so that support cascades.

    ``method="auto"`` uses exact greedy with lazy evaluation (:func:`celf`) for
    networks of at most :data:`CELF_LIMIT` people whose Monte Carlo worlds
    (simulations × ties) fit in :data:`CELF_WORK_LIMIT`, and reverse-reachable-set
    sampling (:func:`imm`, with its :math:`1 - 1/e - \\varepsilon` guarantee) for
    larger ones. ``simulations`` defaults to each method's own default. The other
    parameters are those of :func:`celf` and :func:`imm`.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> star = sp.csr_matrix(([1.0] * 3, ([1, 2, 3], [0, 0, 0])), shape=(4, 4))
    >>> plan = select(star, 1, thresholds=[0.0] * 4, seed=3)
    >>> plan.method, plan.seeds, plan.spread
    ('celf', (0,), 4.0)
    """
    matrix = sp.csr_matrix(listens_to)
    n = matrix.shape[0]
    chosen = method
    if method == "auto":
        worlds = (500 if simulations is None else simulations) * max(matrix.nnz, n)
        chosen = "celf" if n <= CELF_LIMIT and worlds <= CELF_WORK_LIMIT else "imm"
    if chosen in ("celf", "greedy"):
        run = celf if chosen == "celf" else greedy
        return run(
            listens_to,
            k,
            model=model,
            thresholds=thresholds,
            values=values,
            candidates=candidates,
            active=active,
            simulations=500 if simulations is None else simulations,
            seed=seed,
            sways=sways,
        )
    if chosen == "imm":
        return imm(
            listens_to,
            k,
            model=model,
            thresholds=thresholds,
            values=values,
            candidates=candidates,
            active=active,
            epsilon=epsilon,
            delta=delta,
            simulations=200 if simulations is None else simulations,
            seed=seed,
            sways=sways,
        )
    raise ValueError(f"unknown method {method!r}; use 'auto', 'celf', 'greedy' or 'imm'")
