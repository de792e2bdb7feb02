"""CELF agrees with the best seed sets found by trying every set, on small graphs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp

from allies.analysis.cascade import celf, expected_spread


def small_network(n: int, seed: int) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    m = 2 * n
    listener, speaker = rng.integers(0, n, m), rng.integers(0, n, m)
    return sp.csr_matrix((rng.uniform(0.2, 1.0, m), (listener, speaker)), shape=(n, n))


@pytest.mark.parametrize(("model", "seed"), [("lt", 1), ("lt", 2), ("ic", 3), ("ic", 4)])
def test_celf_matches_brute_force_on_small_graphs(model: str, seed: int) -> None:
    n, k, worlds = 9, 2, 400
    listens = small_network(n, seed)
    rng = np.random.default_rng(seed + 10)
    args = {"model": model, "thresholds": rng.random(n), "values": rng.uniform(0.5, 2.0, n)}

    def spread(seeds: tuple[int, ...]) -> float:
        return expected_spread(listens, seeds, simulations=worlds, seed=7, **args).spread  # type: ignore[arg-type]

    best = max(itertools.combinations(range(n), k), key=spread)
    plan = celf(listens, k, simulations=worlds, seed=7, **args)  # type: ignore[arg-type]
    # The single best person is exactly the brute-force best on the same worlds ...
    assert plan.seeds[0] == max(range(n), key=lambda u: (spread((u,)), -u))
    # ... and the pair is the best pair, up to the Monte Carlo error of the estimates.
    assert spread(tuple(plan.seeds)) >= 0.97 * spread(best)
