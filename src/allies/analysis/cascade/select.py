"""Pick the seed selection method by the size of the network."""

from __future__ import annotations

from typing import Literal

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade._model import build_diffusion
from allies.analysis.cascade._report import RELATIVE_ERROR, reported
from allies.analysis.cascade._steps import as_nodes
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
    report_error: float | None = RELATIVE_ERROR,
) -> SeedPlan:
    """Choose up to ``k`` people to win first so that support cascades.

    ``method="auto"`` uses exact greedy with lazy evaluation (:func:`celf`) for
    networks of at most :data:`CELF_LIMIT` people whose Monte Carlo worlds
    (simulations × ties) fit in :data:`CELF_WORK_LIMIT`, and reverse-reachable-set
    sampling (:func:`imm`, with its :math:`1 - 1/e - \\varepsilon` guarantee) for
    larger ones. ``simulations`` defaults to each method's own default. The other
    parameters are those of :func:`celf` and :func:`imm`.

    For the greedy methods, the gains, spreads and sways the plan reports are measured
    again on worlds drawn independently of the selection (the selection's own few hundred
    worlds flatter the plan they chose), at least ``simulations`` of them and as many
    more as make the standard error of the final spread a share ``report_error`` of it
    (0.5 %; see :mod:`allies.analysis.cascade._report`). IMM reports from the tens of
    thousands of RR sets it chose on, with their standard error (see :func:`imm`); no
    worlds are drawn after its search. ``report_error=None`` keeps the method's own
    report.

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
    plan = _choose(
        matrix,
        k,
        method,
        model,
        thresholds,
        values,
        candidates,
        active,
        simulations,
        epsilon,
        delta,
        seed,
        sways,
    )
    if report_error is None or plan.method == "imm":
        return plan
    diffusion = build_diffusion(matrix, model, thresholds, values)
    start = as_nodes(active, n, "active")
    fresh = seed if isinstance(seed, np.random.Generator) else _fresh(seed)
    return reported(
        plan,
        diffusion,
        start,
        fresh,
        minimum=plan.simulations,
        sways=sways,
        relative_error=report_error,
    )


def _fresh(seed: int | None) -> np.random.Generator:
    """A stream apart from the one the selection drew its worlds from."""
    return np.random.default_rng(None if seed is None else [int(seed), 0x5EED])


def _choose(
    matrix: sp.csr_matrix,
    k: int,
    method: Method,
    model: str,
    thresholds: object,
    values: object,
    candidates: object,
    active: object,
    simulations: int | None,
    epsilon: float,
    delta: float | None,
    seed: int | np.random.Generator | None,
    sways: int,
) -> SeedPlan:
    n = matrix.shape[0]
    chosen = method
    if method == "auto":
        worlds = (500 if simulations is None else simulations) * max(matrix.nnz, n)
        chosen = "celf" if n <= CELF_LIMIT and worlds <= CELF_WORK_LIMIT else "imm"
    if chosen in ("celf", "greedy"):
        run = celf if chosen == "celf" else greedy
        return run(
            matrix,
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
            matrix,
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
