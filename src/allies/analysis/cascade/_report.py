"""Reporting a plan's spreads on fresh worlds, as many as the accuracy needs (private).

A plan chosen by greedy on a set of Monte Carlo worlds is the best plan *for those
worlds*: its spread measured on them is biased upwards (the selection favours people
whose reach happened to be drawn large, the "winner's curse" of optimising on a noisy
estimate; Smith and Winkler 2006) and, with a few hundred worlds, noisy. The spreads a
plan reports are therefore measured again on worlds drawn independently of the
selection, and enough of them: a pilot of ``minimum`` worlds estimates the standard
deviation ``s`` of the final spread per world, and the report uses
``R = (s / (e · mean))²`` worlds, so that the standard error is a share ``e`` of the
spread (0.5 % by default: a 2 % error is four standard errors), capped by the work
allowed. The number of worlds behind the report is the plan's ``simulations``.

References
----------
.. [1] Smith, J. E. and Winkler, R. L. (2006). "The optimizer's curse: skepticism and
   postdecision surprise in decision analysis." *Management Science* 52(3), 311-322.
.. [2] Kempe, D., Kleinberg, J. and Tardos, É. (2003). "Maximizing the spread of
   influence through a social network." *KDD 2003*, 137-146.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from allies.analysis.cascade._model import Diffusion, IntArray
from allies.analysis.cascade._steps import take_step
from allies.analysis.cascade._worlds import Worlds
from allies.analysis.cascade.result import PlanStep, SeedPlan

#: The standard error of a reported spread, as a share of it.
RELATIVE_ERROR = 0.005
#: At most this many person-worlds (worlds × (people + ties)) in one report.
MAX_ENTRIES = 6_000_000


def _per_world(worlds: Worlds) -> np.ndarray:
    """The value on board in each world."""
    covered = worlds.weight * worlds.covered
    return np.add.reduceat(covered, worlds.world_start[:-1])


def report_worlds(
    diffusion: Diffusion,
    seeds: IntArray,
    rng: np.random.Generator,
    *,
    minimum: int,
    relative_error: float = RELATIVE_ERROR,
    max_entries: int = MAX_ENTRIES,
) -> int:
    """How many worlds make the spread of ``seeds`` accurate to ``relative_error``
    (one standard error), from a pilot of ``minimum`` worlds; at least ``minimum``."""
    pilot = Worlds(diffusion, minimum, rng, condense=False)
    pilot.commit(seeds)
    spread = _per_world(pilot)
    mean = float(spread.mean())
    if mean <= 0.0 or minimum < 2:
        return minimum
    needed = math.ceil((float(spread.std(ddof=1)) / (relative_error * mean)) ** 2)
    cap = max(minimum, max_entries // max(diffusion.n + diffusion.sources.size, 1))
    return int(min(max(needed, minimum), cap))


def reported(
    plan: SeedPlan,
    diffusion: Diffusion,
    start: IntArray,
    rng: np.random.Generator,
    *,
    minimum: int,
    sways: int,
    relative_error: float = RELATIVE_ERROR,
) -> SeedPlan:
    """The plan with its gains, spreads, sways and activation measured on fresh worlds
    (see the module notes); the people and their order are unchanged."""
    chosen = np.asarray(plan.seeds, dtype=np.int64)
    everyone = np.union1d(start, chosen)
    count = report_worlds(diffusion, everyone, rng, minimum=minimum, relative_error=relative_error)
    worlds = Worlds(diffusion, count, rng, condense=False)
    base, _ = worlds.commit(start)
    steps: list[PlanStep] = []
    spread = base
    for node in chosen:
        step = take_step(worlds, int(node), spread, sways)
        spread = step.spread
        steps.append(step)
    return replace(
        plan,
        steps=tuple(steps),
        base_spread=base,
        activation=worlds.activation,
        simulations=count,
    )
