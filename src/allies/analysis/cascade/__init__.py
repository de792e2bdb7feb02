"""Approach plans: whom to win first so that support cascades.

Influence maximisation on the listens-to graph, where influence flows from ``j``
to ``i`` when ``i`` listens to ``j``. Two live-edge diffusion models: the linear
threshold model (Kempe, Kleinberg and Tardos 2003) with a threshold parameter per
person, and the independent cascade with edge probabilities equal to the
listens-to weights. Coming on board is worth each person's value (decision
power). Seed sets are chosen by exact greedy with lazy evaluation (:func:`celf`,
Leskovec et al. 2007) on seeded Monte Carlo for small networks and by IMM on
reverse-reachable sets (:func:`imm`, Tang, Shi and Xiao 2015, with Chen's 2018
correction) with a :math:`1 - 1/e - \\varepsilon` guarantee for large ones;
:func:`select` picks between them. Each step of a plan reports the person, the
expected gain, the expected spread so far and whom it sways.
"""

from allies.analysis.cascade.greedy import celf, greedy
from allies.analysis.cascade.imm import imm, imm_sample_sizes
from allies.analysis.cascade.reach import activation_curve
from allies.analysis.cascade.result import PlanStep, SeedPlan, SpreadEstimate, Sway
from allies.analysis.cascade.select import CELF_LIMIT, CELF_WORK_LIMIT, select
from allies.analysis.cascade.spread import expected_spread, expected_spreads

__all__ = [
    "CELF_LIMIT",
    "CELF_WORK_LIMIT",
    "PlanStep",
    "SeedPlan",
    "SpreadEstimate",
    "Sway",
    "activation_curve",
    "celf",
    "expected_spread",
    "expected_spreads",
    "greedy",
    "imm",
    "imm_sample_sizes",
    "select",
]
