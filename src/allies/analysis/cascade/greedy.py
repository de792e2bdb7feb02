"""Greedy seed selection with Monte Carlo spread: plain and lazy (CELF).

The expected spread of a seed set (the total value, e.g. decision power, of the
people who come on board) is estimated by averaging over ``simulations`` live-edge
graphs drawn once from ``seed``. Greedy adds, at each step, the person with the
largest expected marginal gain; since the spread is monotone and submodular, the
result is within a factor :math:`1 - 1/e` of the best seed set of its size, up to
the Monte Carlo error (Kempe, Kleinberg and Tardos 2003). CELF (Leskovec et al.
2007) keeps the gains found earlier as upper bounds and re-evaluates only the
person at the top of the queue, which gives the same choices as plain greedy with
far fewer evaluations. Ties go to the lowest index.

References
----------
.. [1] Kempe, D., Kleinberg, J. and Tardos, É. (2003). "Maximizing the spread of
   influence through a social network." *KDD 2003*, 137-146.
.. [2] Leskovec, J., Krause, A., Guestrin, C., Faloutsos, C., VanBriesen, J. and
   Glance, N. (2007). "Cost-effective outbreak detection in networks." *KDD 2007*,
   420-429.
"""

from __future__ import annotations

import heapq

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade._model import build_diffusion
from allies.analysis.cascade._steps import as_nodes, take_step
from allies.analysis.cascade._worlds import Worlds
from allies.analysis.cascade.result import PlanStep, SeedPlan

__all__ = ["celf", "greedy"]


def celf(
    listens_to: sp.spmatrix | sp.sparray,
    k: int,
    *,
    model: str = "lt",
    thresholds: object = None,
    values: object = None,
    candidates: object = None,
    active: object = (),
    simulations: int = 500,
    seed: int | np.random.Generator | None = None,
    sways: int = 5,
) -> SeedPlan:
    """Choose up to ``k`` people to win first, by lazy greedy (CELF).

    Parameters
    ----------
    listens_to : sparse matrix, shape (n, n)
        Entry ``[i, j]`` is the weight with which ``i`` listens to ``j``;
        influence flows from ``j`` to ``i``.
    k : int
        How many people to choose.
    model : {"lt", "ic"}
        Linear threshold or independent cascade (edge probabilities = weights).
    thresholds : array_like, optional
        For ``"lt"``, each person's threshold parameter :math:`t_i` in [0, 1]:
        with probability :math:`1 - t_i` one person she listens to on board is
        enough, otherwise her threshold is uniform on [0, 1] (Kempe et al.).
        All ones (the classic model) when omitted. Ignored for ``"ic"``.
    values : array_like, optional
        What each person's coming on board is worth (decision power); all ones by
        default.
    candidates : array_like of int, optional
        Who may be chosen; everyone by default.
    active : array_like of int
        People already on board.
    simulations : int
        Monte Carlo worlds.
    seed : int or Generator, optional
        Makes the result reproducible.
    sways : int
        How many swayed people to report per step.

    Returns
    -------
    SeedPlan
        Up to ``k`` steps (fewer when there are fewer candidates; none when every
        value is zero).

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> star = sp.csr_matrix(([1.0] * 4, ([1, 2, 3, 4], [0, 0, 0, 0])), shape=(5, 5))
    >>> celf(star, 1, thresholds=[0.0] * 5, seed=1).seeds
    (0,)
    """
    return _greedy(
        listens_to,
        k,
        model,
        thresholds,
        values,
        candidates,
        active,
        simulations,
        seed,
        sways,
        lazy=True,
    )


def greedy(
    listens_to: sp.spmatrix | sp.sparray,
    k: int,
    *,
    model: str = "lt",
    thresholds: object = None,
    values: object = None,
    candidates: object = None,
    active: object = (),
    simulations: int = 500,
    seed: int | np.random.Generator | None = None,
    sways: int = 5,
) -> SeedPlan:
    """Choose up to ``k`` people by plain greedy, re-evaluating everyone each step.

    Same parameters and result as :func:`celf`, which it matches choice for choice;
    kept as the reference for CELF.
    """
    return _greedy(
        listens_to,
        k,
        model,
        thresholds,
        values,
        candidates,
        active,
        simulations,
        seed,
        sways,
        lazy=False,
    )


def _greedy(
    listens_to: sp.spmatrix | sp.sparray,
    k: int,
    model: str,
    thresholds: object,
    values: object,
    candidates: object,
    active: object,
    simulations: int,
    seed: int | np.random.Generator | None,
    sways: int,
    *,
    lazy: bool,
) -> SeedPlan:
    if k < 0:
        raise ValueError("k must not be negative")
    diffusion = build_diffusion(listens_to, model, thresholds, values)
    n = diffusion.n
    pool = (
        np.arange(n, dtype=np.int64)
        if candidates is None
        else as_nodes(candidates, n, "candidates")
    )
    start = as_nodes(active, n, "active")
    pool = np.setdiff1d(pool, start)
    rng = np.random.default_rng(seed)
    worlds = Worlds(diffusion, simulations, rng)
    base, _ = worlds.commit(start)
    steps: list[PlanStep] = []
    spread = base
    # With no value anywhere there is nothing to gain: the plan is empty.
    budget = min(k, pool.size) if diffusion.total_value > 0 else 0
    if budget:
        picks = _LazyPicks if lazy else _PlainPicks
        chosen = picks(worlds, pool, budget)
        for node in chosen:
            step = take_step(worlds, node, spread, sways)
            spread = step.spread
            steps.append(step)
    return SeedPlan(
        steps=tuple(steps),
        method="celf" if lazy else "greedy",
        model=diffusion.model,
        base_spread=base,
        activation=worlds.activation,
        simulations=simulations,
    )


class _PlainPicks:
    """Plain greedy: evaluate every remaining candidate at each step."""

    def __init__(self, worlds: Worlds, pool: np.ndarray, budget: int) -> None:
        self.worlds, self.remaining, self.budget = worlds, pool.copy(), budget

    def __iter__(self) -> _PlainPicks:
        return self

    def __next__(self) -> int:
        if self.budget == 0 or self.remaining.size == 0:
            raise StopIteration
        gains = self.worlds.all_gains()[self.remaining]
        best = int(np.argmax(gains))
        node = int(self.remaining[best])
        self.remaining = np.delete(self.remaining, best)
        self.budget -= 1
        return node


class _LazyPicks:
    """CELF: stale gains are upper bounds; re-evaluate only the top of the queue."""

    def __init__(self, worlds: Worlds, pool: np.ndarray, budget: int) -> None:
        self.worlds, self.budget = worlds, budget
        gains = worlds.all_gains()[pool]
        self.heap = [(-float(g), int(u), 0) for g, u in zip(gains, pool, strict=True)]
        heapq.heapify(self.heap)
        self.step = 0

    def __iter__(self) -> _LazyPicks:
        return self

    def __next__(self) -> int:
        if self.budget == 0 or not self.heap:
            raise StopIteration
        while True:
            _, node, fresh_at = heapq.heappop(self.heap)
            if fresh_at == self.step:
                break
            gain = float(self.worlds.gains(np.array([node], dtype=np.int64))[0])
            heapq.heappush(self.heap, (-gain, node, self.step))
        self.step += 1
        self.budget -= 1
        return node
