"""Seed selection by reverse-reachable sets: IMM with fresh sets for the selection.

IMM (Tang, Shi and Xiao 2015) first estimates a lower bound ``LB`` on the best
achievable spread by doubling the number of RR sets until greedy maximum
coverage on them covers enough, then sizes the final sample as
:math:`\\theta = \\lambda^* / LB` with

.. math:: \\lambda^* = 2V\\left((1 - 1/e)\\alpha + \\beta\\right)^2 / \\varepsilon^2,
   \\quad \\alpha = \\sqrt{\\ln(2/\\delta)},
   \\quad \\beta = \\sqrt{(1 - 1/e)\\left(\\ln\\tbinom{n}{k} + \\ln(2/\\delta)\\right)},

where :math:`V` is the total value (the number of people when every value is one)
and :math:`n` the number of candidates. As Chen (2018) shows, re-using the sets of
the estimation phase for the final selection breaks the martingale argument of
the proof; here the final selection is made on :math:`\\theta` *fresh* RR sets,
drawn independently of the estimate, which restores it. The failure probability
is split evenly between the two phases.

**Guarantee.** For either live-edge model (linear threshold or independent
cascade) and any values, with probability at least :math:`1 - \\delta` the
returned :math:`k` people have expected spread at least
:math:`(1 - 1/e - \\varepsilon)\\,\\mathrm{OPT}`, where OPT is the largest expected
spread of any :math:`k` candidates (Tang et al. 2015, Theorem 3, with Chen's
correction). Values enter through the roots: each RR set's root is drawn with
probability proportional to value, so :math:`V \\Pr[S \\text{ meets a set}]` is the
expected value on board. The statement assumes the lower bound search starts from
a true lower bound, the largest value of a single candidate; when every
candidate's value is zero, or the number of sets is capped by ``max_rr_sets``, the
plan is returned without the guarantee (``SeedPlan.guarantee`` is ``None``). With people
active from the start the guarantee is on the spread added to theirs; RR sets that
reach one of them are covered already and their search stops there. The floor then
bounds nothing, so the guarantee is stated only when the search finds a lower bound.

**More sets than the bound asks for.** :math:`\theta` is what the worst case needs
for the guarantee, and on a small network with a loose :math:`\varepsilon` it can be a
thousand sets or so, few enough that the coverage of near-equal candidates is decided
by sampling noise: on the test networks IMM then fell 2-5 % short of exact greedy in a
few runs. The final selection therefore uses at least ``min_rr_sets`` sets (20,000 by
default). More sets only tighten the estimate, so the guarantee still holds, and on a
network of a few hundred people they cost well under a second.

**Reported from the same sets.** The gains, spreads, swayed people and probabilities
of coming on board that the plan reports are measured on the :math:`\theta` RR sets the
final selection used (:mod:`allies.analysis.cascade._rr_report`), with the standard
error of the final spread (``SeedPlan.spread_error``); no Monte Carlo worlds are drawn
after the search. ``SeedPlan.simulations`` is then the number of those sets.

References
----------
.. [1] Tang, Y., Shi, Y. and Xiao, X. (2015). "Influence maximization in
   near-linear time: a martingale approach." *SIGMOD 2015*, 1539-1554.
.. [2] Chen, W. (2018). "An issue in the martingale analysis of the influence
   maximization algorithm IMM." *CSoNet 2018*, LNCS 11280, 286-297.
.. [3] Borgs, C., Brautbar, M., Chayes, J. and Lucier, B. (2014). "Maximizing
   social influence in nearly optimal time." *SODA 2014*, 946-957.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade._model import Diffusion, build_diffusion
from allies.analysis.cascade._rr_report import report_on_sets
from allies.analysis.cascade._rrsets import (
    RRSets,
    empty_rr_sets,
    fast_sampler,
    hit_by,
    max_coverage,
    sample_rr_sets,
)
from allies.analysis.cascade._steps import as_nodes
from allies.analysis.cascade.result import SeedPlan

__all__ = ["imm", "imm_sample_sizes"]

_ONE_MINUS_INV_E = 1.0 - 1.0 / math.e


def _log_binomial(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def imm_sample_sizes(
    total_value: float,
    candidates: int,
    k: int,
    epsilon: float,
    delta: float,
    iterations: int = 1,
) -> tuple[float, float]:
    """Return :math:`(\\lambda', \\lambda^*)` of IMM for the given sizes.

    :math:`\\lambda'/x` RR sets test whether the optimum exceeds :math:`x` (in a
    search of at most ``iterations`` halvings); :math:`\\lambda^*/LB` RR sets make
    the final selection.
    """
    eps_prime = math.sqrt(2.0) * epsilon
    log_c = _log_binomial(candidates, k)
    log_fail = math.log(2.0 / delta)
    lam_prime = (
        (2.0 + 2.0 * eps_prime / 3.0)
        * (log_c + log_fail + math.log(max(iterations, 1)))
        * total_value
        / eps_prime**2
    )
    alpha = math.sqrt(log_fail)
    beta = math.sqrt(_ONE_MINUS_INV_E * (log_c + log_fail))
    lam_star = 2.0 * total_value * (_ONE_MINUS_INV_E * alpha + beta) ** 2 / epsilon**2
    return lam_prime, lam_star


def imm(
    listens_to: sp.spmatrix | sp.sparray,
    k: int,
    *,
    model: str = "lt",
    thresholds: object = None,
    values: object = None,
    candidates: object = None,
    active: object = (),
    epsilon: float = 0.2,
    delta: float | None = None,
    simulations: int = 200,
    max_rr_sets: int = 5_000_000,
    seed: int | np.random.Generator | None = None,
    sways: int = 5,
    min_rr_sets: int = 20_000,
) -> SeedPlan:
    """Choose up to ``k`` people to win first with IMM on reverse-reachable sets.

    Parameters
    ----------
    listens_to, k, model, thresholds, values, candidates, active, seed, sways
        As for :func:`allies.analysis.cascade.celf`.
    epsilon : float
        Accuracy: the guarantee is :math:`1 - 1/e - \\varepsilon`.
    delta : float, optional
        Failure probability of the guarantee; ``1 / n`` by default.
    simulations : int
        Kept for the callers of the greedy methods; the report comes from the RR sets
        of the selection (see the module notes), not from Monte Carlo worlds.
    max_rr_sets : int
        Cap on the RR sets of any one sample; hitting it drops the guarantee.
    min_rr_sets : int
        Least number of RR sets of the final selection (see the module notes).

    Returns
    -------
    SeedPlan
        With ``guarantee = 1 - 1/e - epsilon`` when it holds (see the module
        docstring).
    """
    if k < 0:
        raise ValueError("k must not be negative")
    if not 0.0 < epsilon < _ONE_MINUS_INV_E:
        raise ValueError("epsilon must lie between 0 and 1 - 1/e")
    diffusion = build_diffusion(listens_to, model, thresholds, values)
    n = diffusion.n
    delta = 1.0 / max(n, 2) if delta is None else delta
    if not 0.0 < delta < 1.0:
        raise ValueError("delta must lie strictly between 0 and 1")
    pool = (
        np.arange(n, dtype=np.int64)
        if candidates is None
        else as_nodes(candidates, n, "candidates")
    )
    start = as_nodes(active, n, "active")
    pool = np.setdiff1d(pool, start)
    rng = np.random.default_rng(seed)
    budget = min(k, pool.size)
    chosen, sets, holds = _select(
        diffusion, pool, start, budget, epsilon, delta, (min_rr_sets, max_rr_sets), rng
    )
    if sets.count == 0:  # nothing to choose or nothing of value: draw sets to report on
        sets = sample_rr_sets(diffusion, max(min_rr_sets, simulations), rng, start)
    report = report_on_sets(sets, diffusion.values, start, chosen, sways)
    return SeedPlan(
        steps=report.steps,
        method="imm",
        model=diffusion.model,
        base_spread=report.base,
        activation=report.activation,
        simulations=sets.count,
        rr_sets=sets.count,
        epsilon=epsilon,
        delta=delta,
        guarantee=_ONE_MINUS_INV_E - epsilon if holds else None,
        spread_error=report.error,
    )


def _select(
    diffusion: Diffusion,
    pool: np.ndarray,
    start: np.ndarray,
    budget: int,
    epsilon: float,
    delta: float,
    limits: tuple[int, int],
    rng: np.random.Generator,
) -> tuple[np.ndarray, RRSets, bool]:
    """IMM's two phases; returns the seeds, the RR sets of the final selection, and
    whether the guarantee holds. ``limits`` are the least and most RR sets of a sample."""
    min_rr_sets, max_rr_sets = limits
    total = diffusion.total_value
    if budget == 0 or total <= 0.0:
        return np.zeros(0, dtype=np.int64), empty_rr_sets(), budget == 0
    eligible = np.zeros(diffusion.n, dtype=bool)
    eligible[pool] = True
    floor = float(diffusion.values[pool].max())
    holds = floor > 0.0
    if not holds:
        floor = total / diffusion.n
    rounds = max(1, math.ceil(math.log2(max(total / floor, 2.0))) - 1)
    lam_prime, lam_star = imm_sample_sizes(
        total, int(pool.size), budget, epsilon, delta, iterations=rounds
    )
    eps_prime = math.sqrt(2.0) * epsilon

    def coverage(sets: RRSets) -> tuple[np.ndarray, float]:
        pre = sets.stopped if sets.stopped is not None else hit_by(sets, start)
        picked = max_coverage(sets, diffusion.n, budget, eligible, pre)
        return picked.seeds, float(picked.newly_covered.sum()) / max(sets.count, 1)

    # Phase 1: estimate a lower bound on the optimum (Tang et al., Algorithm 2).
    lower = floor
    found = False
    sampler = fast_sampler(diffusion, math.ceil(lam_prime / total))
    sets = sample_rr_sets(diffusion, 0, rng, start)
    for i in range(1, rounds + 1):
        x = total / 2.0**i
        if x < floor:
            break
        wanted = math.ceil(lam_prime / x)
        if wanted > max_rr_sets:
            holds = False
            wanted = max_rr_sets
        if wanted > sets.count:
            sets = sets.extend(sample_rr_sets(diffusion, wanted - sets.count, rng, start, sampler))
        _, covered = coverage(sets)
        if total * covered >= (1.0 + eps_prime) * x:
            lower = total * covered / (1.0 + eps_prime)
            found = True
            break
        if wanted == max_rr_sets:
            break
    if start.size and not found:
        # With people on board from the start, a single candidate's value no longer
        # bounds the best marginal spread from below, so the floor proves nothing.
        holds = False
    # Phase 2: select on fresh RR sets (Chen 2018).
    theta = max(math.ceil(lam_star / max(lower, floor)), min(min_rr_sets, max_rr_sets))
    if theta > max_rr_sets:
        holds = False
        theta = max_rr_sets
    fresh = sample_rr_sets(diffusion, theta, rng, start, sampler or fast_sampler(diffusion, theta))
    seeds, _ = coverage(fresh)
    return seeds, fresh, holds
