"""The compiled kernels for large networks sample and cover like the numpy code."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from allies.analysis.cascade import _fast as fast
from allies.analysis.cascade import expected_spread
from allies.analysis.cascade._model import build_diffusion
from allies.analysis.cascade._rrsets import RRSets, hit_by, max_coverage

pytestmark = pytest.mark.skipif(not fast.AVAILABLE, reason="numba is not installed")


def network(n: int, seed: int) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    m = 3 * n
    listener, speaker = rng.integers(0, n, m), rng.integers(0, n, m)
    return sp.csr_matrix((rng.uniform(0.1, 0.9, m), (listener, speaker)), shape=(n, n))


def roots_by_value(values: np.ndarray, count: int, seed: int) -> np.ndarray:
    cumulative = np.cumsum(values)
    draws = np.random.default_rng(seed).random(count) * cumulative[-1]
    return np.minimum(np.searchsorted(cumulative, draws, side="right"), values.size - 1)


@pytest.mark.parametrize("model", ["lt", "ic"])
def test_fast_rr_sets_estimate_the_forward_spread(model: str) -> None:
    n = 60
    listens = network(n, 3)
    rng = np.random.default_rng(4)
    thresholds, values = rng.random(n), rng.uniform(0.5, 1.5, n)
    seeds = np.array([0, 7, 19])
    diffusion = build_diffusion(listens, model, thresholds, values)
    roots = roots_by_value(values, 20000, 5).astype(np.int64)
    stop = np.zeros(n, dtype=bool)
    stop[seeds] = True
    _, _, hit = fast.sample_rr_sets_fast(diffusion, roots, stop, np.random.default_rng(6))
    forward = expected_spread(
        listens, seeds, model=model, thresholds=thresholds, values=values, simulations=3000, seed=7
    ).spread
    assert values.sum() * hit.mean() == pytest.approx(forward, rel=0.04)


def test_stopped_sets_are_empty_and_the_others_avoid_the_stop_set() -> None:
    n = 80
    diffusion = build_diffusion(network(n, 8), "lt", np.full(n, 0.5), None)
    roots = roots_by_value(np.ones(n), 3000, 9).astype(np.int64)
    stop = np.zeros(n, dtype=bool)
    stop[[3, 4]] = True
    indptr, nodes, hit = fast.sample_rr_sets_fast(diffusion, roots, stop, np.random.default_rng(1))
    sizes = np.diff(indptr)
    assert np.all(sizes[hit] == 0) and np.all(sizes[~hit] > 0)
    assert not np.any(stop[nodes])
    assert 0 < hit.mean() < 1


def test_fast_coverage_matches_numpy_coverage() -> None:
    n = 50
    diffusion = build_diffusion(network(n, 11), "ic", None, None)
    roots = roots_by_value(np.ones(n), 4000, 12).astype(np.int64)
    indptr, nodes, _ = fast.sample_rr_sets_fast(
        diffusion, roots, np.zeros(n, dtype=bool), np.random.default_rng(13)
    )
    sets = RRSets(indptr, nodes)
    eligible = np.ones(n, dtype=bool)
    eligible[[0, 1]] = False
    pre = hit_by(sets, np.array([5]))
    slow = max_coverage(sets, n, 6, eligible, pre)
    seeds, gains = fast.max_coverage_fast(indptr, nodes, n, 6, eligible, pre)
    assert seeds.tolist() == slow.seeds.tolist()
    assert gains.tolist() == slow.newly_covered.tolist()
