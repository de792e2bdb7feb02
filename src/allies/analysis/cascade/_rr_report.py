"""Reporting an IMM plan from the reverse-reachable sets it was chosen on (private).

IMM draws :math:`\\theta` RR sets to choose the people; the same sets measure what
each step brings, so no Monte Carlo worlds are drawn after the search. A set sampled
from root :math:`v` is *covered* by a seed set :math:`S` exactly when :math:`v` comes
on board in the live-edge world the set was drawn in (Borgs et al. 2014), so among the
:math:`n_v` sets rooted at :math:`v`, the share covered estimates :math:`v`'s
probability of coming on board:

.. math:: \\hat p_v = \\frac{\\#\\{\\text{sets rooted at } v \\text{ covered}\\}}{n_v},
   \\qquad \\hat\\sigma(S) = \\sum_v x_v \\hat p_v ,

with :math:`x_v` the value (decision power) of :math:`v`. This is the usual estimate
:math:`V \\cdot \\text{covered}/\\theta` with the sets grouped by root (post-
stratified), so the reported spread is exactly the value-weighted sum of the reported
probabilities, and people on board from the start or chosen count exactly 1. A step's
gain is the rise of :math:`\\hat\\sigma`, and whom it sways are the people whose
:math:`\\hat p_v` rose most. Roots are drawn in proportion to value, so only people
with a value have a probability here (the others decide nothing and count 0 in the
report); a person whose value is so small that no set was rooted at her adds nothing.

**Uncertainty.** The standard error of the final spread comes from the same sets:
:math:`\\mathrm{se}^2 = \\sum_v x_v^2 \\hat p_v (1 - \\hat p_v) / n_v`.

**Selection on the same sets.** The sets chose the people, so their estimate of the
chosen people's reach leans slightly upwards (the optimiser's curse; Smith and Winkler
2006). With the tens of thousands of sets IMM draws (at least ``min_rr_sets``), the
lean is well inside the 2 % the plan's accuracy tests allow against an independent
estimate of 20,000 worlds (``tests/unit/analysis/test_cascade_report.py``).

References
----------
.. [1] Borgs, C., Brautbar, M., Chayes, J. and Lucier, B. (2014). "Maximizing social
   influence in nearly optimal time." *SODA 2014*, 946-957.
.. [2] Smith, J. E. and Winkler, R. L. (2006). "The optimizer's curse: skepticism and
   postdecision surprise in decision analysis." *Management Science* 52(3), 311-322.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from allies.analysis.cascade._model import FloatArray, IntArray
from allies.analysis.cascade._rrsets import RRSets, hit_by
from allies.analysis.cascade.result import PlanStep, Sway


@dataclass(frozen=True)
class SampleReport:
    """A plan measured on its own RR sets: the spread before any step, the steps, each
    person's probability of coming on board after the last step, and the standard error
    of the final spread."""

    base: float
    steps: tuple[PlanStep, ...]
    activation: FloatArray
    error: float


def report_on_sets(
    sets: RRSets,
    values: FloatArray,
    start: IntArray,
    chosen: IntArray,
    sways: int,
) -> SampleReport:
    """Measure ``chosen`` (in order, after ``start``) on ``sets`` (see the module notes).

    ``sets`` must carry their roots (:attr:`RRSets.roots`).
    """
    n = values.size
    if sets.roots is None:
        raise ValueError("the RR sets must carry their roots")
    roots = sets.roots
    per_root = np.bincount(roots, minlength=n).astype(np.float64)
    seen = per_root > 0
    weight = np.where(seen, values / np.where(seen, per_root, 1.0), 0.0)
    covered = sets.stopped.copy() if sets.stopped is not None else hit_by(sets, start)
    hits = np.bincount(roots[covered], minlength=n).astype(np.int64)
    base = float(weight @ hits)
    set_of = np.repeat(np.arange(sets.count, dtype=np.int64), np.diff(sets.indptr))
    wanted = np.zeros(n + 1, dtype=bool)
    wanted[chosen] = True
    inside = wanted[np.minimum(sets.nodes, n)]
    member_set, member_node = set_of[inside], sets.nodes[inside]
    steps: list[PlanStep] = []
    spread = base
    for node in (int(u) for u in chosen):
        mine = member_set[member_node == node]
        fresh = mine[~covered[mine]]
        covered[fresh] = True
        newly = np.bincount(roots[fresh], minlength=n).astype(np.int64)
        hits += newly
        gain = float(weight @ newly)
        spread += gain
        increase = np.where(seen, newly / np.where(seen, per_root, 1.0), 0.0)
        increase[node] = 0.0
        probability = np.where(seen, hits / np.where(seen, per_root, 1.0), 0.0)
        order = np.lexsort((np.arange(n), -increase))
        picked = [int(i) for i in order[:sways] if increase[i] > 0.0]
        steps.append(
            PlanStep(
                node=node,
                gain=gain,
                spread=spread,
                sways=tuple(
                    Sway(node=i, probability=float(probability[i]), increase=float(increase[i]))
                    for i in picked
                ),
            )
        )
    activation = np.where(seen, hits / np.where(seen, per_root, 1.0), 0.0)
    activation[start] = 1.0
    activation[chosen] = np.where(seen[chosen], activation[chosen], 1.0)
    variance = np.where(
        seen, values**2 * activation * (1.0 - activation) / np.where(seen, per_root, 1.0), 0.0
    )
    return SampleReport(
        base=base,
        steps=tuple(steps),
        activation=np.asarray(activation, dtype=np.float64),
        error=math.sqrt(float(variance.sum())),
    )
