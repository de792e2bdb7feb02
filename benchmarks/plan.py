"""Time the approach plan on a million ties and the expected-utility model on 100 actors.

Run from the project root::

    python benchmarks/plan.py            # the defaults below
    python benchmarks/plan.py --people 20000 --ties 200000

It prints a Markdown section (``## Approach plan speed``):

(a) the approach plan for ``k = 50`` with ``epsilon = 0.1`` on a seeded synthetic
    organisation of 100,000 people and exactly 1,000,000 listens-to ties (units of a
    hundred people who give four fifths of their attention inside their unit, to a few
    people more than others), 2 % of whom hold a stance on the campaign; the plan goes
    through the same mapping as ``allies campaign plan`` (thresholds from the distance
    to my position, conviction, decision power, supporters on board) and the same
    selection (IMM on reverse-reachable sets under ``method="auto"``). Its expected
    support is set against two plans people make by hand, the 50 most listened-to
    people and the 50 with the most decision power, each scored by one independent
    Monte Carlo estimate;
(b) the expected-utility model (Scholz, Calbert and Smith 2011) for 100 actors and 50
    rounds of bargaining.

The compiled kernels are loaded (and, on a first run, compiled) before timing starts.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade import _fast as fast
from allies.analysis.cascade import expected_spread
from allies.analysis.cascade._model import build_diffusion
from allies.analysis.forecast import expected_utility
from allies.services.campaigns.plan import PlanOptions, run_selection
from allies.services.campaigns.plan_model import PlanModel, build_plan_model, with_conviction

PLAN_BUDGET = 30.0
EU_BUDGET = 1.0


def organisation(people: int, ties: int, seed: int = 2024, unit_size: int = 100) -> sp.csr_array:
    """``ties`` distinct listens-to ties among ``people`` in units of ``unit_size``."""
    rng = np.random.default_rng(seed)
    unit = np.arange(people) // unit_size
    per_person = max(1.0, 1.6 * ties / people)
    listener = np.repeat(np.arange(people), 1 + rng.poisson(per_person - 1, people))
    m = listener.size
    inside = rng.random(m) < 0.8
    rank = np.minimum((rng.pareto(1.2, m) * 4).astype(np.int64), unit_size - 1)
    own = np.minimum(unit[listener] * unit_size + rank, people - 1)
    speaker = np.where(inside, own, rng.integers(0, people, m))
    keys = np.unique(listener[speaker != listener] * people + speaker[speaker != listener])
    if keys.size < ties:
        raise ValueError("the generator made too few distinct ties; raise per_person")
    keys = np.sort(rng.choice(keys, ties, replace=False))
    weight = rng.uniform(0.05, 1.0, ties)
    shuffle = rng.permutation(people)  # units are not contiguous in the matrix
    rows, cols = shuffle[keys // people], shuffle[keys % people]
    return sp.csr_array((weight, (rows, cols)), shape=(people, people))


def campaign(people: int, share: float, seed: int = 7) -> PlanModel:
    """Stances for a share of the people: positions uniform, I want 80, ten deciders."""
    rng = np.random.default_rng(seed)
    holders = rng.choice(people, max(12, int(share * people)), replace=False)
    x = np.full((people, 1), np.nan)
    s = np.zeros((people, 1))
    c = np.zeros((people, 1))
    x[holders, 0] = rng.uniform(0, 100, holders.size)
    s[holders, 0] = rng.uniform(0.3, 0.9, holders.size)
    c[holders, 0] = rng.uniform(0.1, 1.0, holders.size)
    return build_plan_model(x, s, c, np.array([80.0]), deciders=holders[:10], me=int(holders[10]))


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def warm_up() -> None:
    """Load the compiled kernels (compiling them on a first run) outside the timings."""
    n = 300
    rng = np.random.default_rng(0)
    rows, cols = rng.integers(0, n, 6 * n), rng.integers(0, n, 6 * n)
    tiny = sp.csr_array((np.ones(rows.size), (rows, cols)), shape=(n, n))
    for model in ("lt", "ic"):
        diffusion = build_diffusion(tiny, model, None, None)
        roots = np.arange(n, dtype=np.int64)
        indptr, nodes, _ = fast.Sampler(diffusion).sample(roots, np.zeros(n, dtype=bool), rng)
        fast.max_coverage_fast(indptr, nodes, n, 2, np.ones(n, dtype=bool), np.zeros(n, bool))


def support_of(
    matrix: sp.csr_array, model: PlanModel, seeds: Sequence[int], simulations: int
) -> float:
    """Expected decision power on board: the same independent estimate for every plan."""
    extra = matrix.shape[0] - model.values.size
    start = list(np.flatnonzero(model.on_board)) + [int(u) for u in seeds]
    return expected_spread(
        matrix,
        start,
        thresholds=np.concatenate((model.thresholds, np.ones(extra))),
        values=np.concatenate((model.values, np.zeros(extra))),
        simulations=simulations,
        seed=99,
    ).spread


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--ties", type=int, default=1_000_000)
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--epsilon", type=float, default=0.1)
    parser.add_argument("--stakeholders", type=float, default=0.02)
    parser.add_argument("--simulations", type=int, default=100, help="for the comparison")
    args = parser.parse_args(argv)

    warm_up()
    listens = organisation(args.people, args.ties)
    model = campaign(args.people, args.stakeholders)
    pool = np.flatnonzero(~model.on_board)
    options = PlanOptions(k=args.k, epsilon=args.epsilon, seed=1)
    seconds, plan = timed(lambda: run_selection(listens, model, options, pool, model.on_board))
    total = model.total_value

    matrix = with_conviction(listens, model.conviction)
    heard = np.asarray(listens.sum(axis=0)).reshape(-1)
    by_ear = [int(u) for u in pool[np.argsort(-heard[pool], kind="stable")[: args.k]]]
    by_power = [int(u) for u in pool[np.argsort(-model.values[pool], kind="stable")[: args.k]]]
    scored = {
        "approach plan (IMM)": support_of(matrix, model, plan.seeds, args.simulations),
        f"the {args.k} most listened-to": support_of(matrix, model, by_ear, args.simulations),
        f"the {args.k} with most decision power": support_of(
            matrix, model, by_power, args.simulations
        ),
        "nobody approached": support_of(matrix, model, [], args.simulations),
    }

    rng = np.random.default_rng(3)
    actors = 100
    positions = rng.uniform(0, 100, actors)
    capabilities, saliences = rng.uniform(0.1, 1.0, actors), rng.uniform(0.2, 1.0, actors)
    expected_utility(positions[:5], capabilities[:5], saliences[:5], rounds=1)
    eu_seconds, eu = timed(
        lambda: expected_utility(positions, capabilities, saliences, rounds=50, tolerance=0.0)
    )

    ok = seconds < PLAN_BUDGET and eu_seconds < EU_BUDGET
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    guarantee = "none stated" if plan.guarantee is None else f"{plan.guarantee:.3f}"
    lines = [
        "## Approach plan speed",
        "",
        f"Synthetic organisation: {args.people:,} people, {listens.nnz:,} listens-to ties, "
        f"{int(model.has_stance.sum()):,} with a stance, {int(model.on_board.sum()):,} on board "
        f"from the start; decision power to win {total:.1f}.",
        "",
        "| task | method | seconds | budget | result |",
        "| --- | --- | ---: | ---: | --- |",
        f"| approach plan, k = {args.k}, ε = {args.epsilon:g} | {plan.method.upper()}, "
        f"{plan.rr_sets:,} RR sets, guarantee {guarantee} | {seconds:.1f} | {PLAN_BUDGET:g} | "
        f"expected support {plan.spread:.1f} of {total:.1f} ({plan.spread / total:.1%}) |",
        f"| expected-utility model, {actors} actors | {len(eu.rounds)} rounds | "
        f"{eu_seconds:.2f} | {EU_BUDGET:g} | outcome {eu.outcome:.1f} |",
        "",
        f"Expected support of each plan, by one Monte Carlo estimate ({args.simulations} "
        "worlds, the same for all):",
        "",
        "| plan | expected support | share of all decision power |",
        "| --- | ---: | ---: |",
    ]
    for name, value in scored.items():
        lines.append(f"| {name} | {value:.1f} | {value / total:.1%} |")
    lines += [
        "",
        f"Within budget: {'yes' if ok else 'NO'} (load average {load:.1f} on "
        f"{os.cpu_count()} cores when it finished; the plan draws its RR sets in two "
        "threads). The plan's own estimate of its support "
        f"({plan.simulations} worlds) is {plan.spread:.1f}; "
        f"(1 − 1/e − ε) = {1 - 1 / math.e - args.epsilon:.3f}.",
    ]
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
