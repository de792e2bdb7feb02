"""Reverse-reachable sets estimate the same spread as forward simulation."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from allies.analysis.cascade import expected_spread, imm_sample_sizes
from allies.analysis.cascade._model import build_diffusion
from allies.analysis.cascade._rrsets import hit_by, max_coverage, sample_rr_sets


def network(n: int, seed: int) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    m = 3 * n
    listener, speaker = rng.integers(0, n, m), rng.integers(0, n, m)
    return sp.csr_matrix((rng.uniform(0.1, 0.9, m), (listener, speaker)), shape=(n, n))


@pytest.mark.parametrize("model", ["lt", "ic"])
def test_rr_estimate_matches_forward_monte_carlo(model: str) -> None:
    n = 60
    listens = network(n, 3)
    rng = np.random.default_rng(4)
    thresholds, values = rng.random(n), rng.uniform(0.5, 1.5, n)
    seeds = np.array([0, 7, 19])
    diffusion = build_diffusion(listens, model, thresholds, values)
    sets = sample_rr_sets(diffusion, 20000, np.random.default_rng(5))
    estimate = values.sum() * hit_by(sets, seeds).mean()
    forward = expected_spread(
        listens,
        seeds,
        model=model,
        thresholds=thresholds,
        values=values,
        simulations=3000,
        seed=6,
    ).spread
    assert estimate == pytest.approx(forward, rel=0.04)


def test_max_coverage_is_greedy_on_the_sets() -> None:
    diffusion = build_diffusion(network(40, 8), "ic", None, None)
    sets = sample_rr_sets(diffusion, 3000, np.random.default_rng(9))
    eligible = np.ones(40, dtype=bool)
    picked = max_coverage(sets, 40, 3, eligible, np.zeros(sets.count, dtype=bool))
    covered = np.zeros(sets.count, dtype=bool)
    for seed, gain in zip(picked.seeds, picked.newly_covered, strict=True):
        best = max(
            range(40),
            key=lambda u: (int((hit_by(sets, np.array([u])) & ~covered).sum()), -u),
        )
        assert seed == best
        fresh = hit_by(sets, np.array([seed])) & ~covered
        assert gain == fresh.sum()
        covered |= fresh


def test_sample_sizes_grow_as_epsilon_shrinks() -> None:
    loose = imm_sample_sizes(1000.0, 1000, 10, 0.5, 0.001)
    tight = imm_sample_sizes(1000.0, 1000, 10, 0.1, 0.001)
    assert tight[1] > 20 * loose[1]
    assert all(v > 0 for v in loose + tight)


def test_live_edges_match_the_threshold_process() -> None:
    """Sampling live edges gives the spread of the threshold process itself."""
    n = 30
    listens = network(n, 12)
    rng = np.random.default_rng(13)
    t = rng.random(n)
    seeds = [0, 1]
    w = listens.toarray()
    w = w / np.where(w.sum(axis=1, keepdims=True) > 0, w.sum(axis=1, keepdims=True), 1.0)
    runs, total = 3000, 0
    for _ in range(runs):
        # Threshold just above zero with probability 1 - t, else uniform on [0, 1].
        theta = np.where(rng.random(n) >= t, 1e-12, rng.random(n))
        active = np.zeros(n, dtype=bool)
        active[seeds] = True
        while True:
            joins = ~active & (w @ active >= theta)
            if not joins.any():
                break
            active |= joins
        total += int(active.sum())
    direct = total / runs
    sampled = expected_spread(listens, seeds, thresholds=t, simulations=3000, seed=14).spread
    assert sampled == pytest.approx(direct, rel=0.04)
