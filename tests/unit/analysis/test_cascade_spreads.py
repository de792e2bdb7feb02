"""A plan's support curve in one set of worlds: each prefix's estimate is exactly the one
:func:`expected_spread` gives it alone with the same seed."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from allies.analysis.cascade import expected_spread, expected_spreads


def _network(n: int, seed: int) -> sp.csr_matrix:
    """A sparse random listening network: each person listens to about three others."""
    rng = np.random.default_rng(seed)
    rows = np.repeat(np.arange(n), 3)
    cols = rng.integers(0, n, rows.size)
    keep = rows != cols
    weights = rng.uniform(0.1, 1.0, keep.sum())
    matrix = sp.csr_matrix((weights, (rows[keep], cols[keep])), shape=(n, n))
    matrix.sum_duplicates()
    return matrix


@pytest.mark.parametrize("model", ["lt", "ic"])
@pytest.mark.parametrize("seed", [0, 1])
def test_every_prefix_equals_its_own_estimate(model: str, seed: int) -> None:
    n = 3000  # a batch holds 666 worlds of 3,000 people: 700 worlds come in two batches
    rng = np.random.default_rng(seed)
    listens = _network(n, seed)
    thresholds = rng.random(n)
    start = list(rng.choice(n, 4, replace=False))
    steps = [int(p) for p in rng.choice(n, 5, replace=False)] + [int(start[0])]  # one again
    together = expected_spreads(
        listens, start, steps, model=model, thresholds=thresholds, simulations=700, seed=seed
    )
    assert len(together) == len(steps) + 1
    for k, estimate in enumerate(together):
        alone = expected_spread(
            listens,
            start + steps[:k],
            model=model,
            thresholds=thresholds,
            simulations=700,
            seed=seed,
        )
        assert np.array_equal(estimate.activation, alone.activation)
        assert estimate.spread == pytest.approx(alone.spread, rel=1e-12, abs=1e-12)
        assert estimate.simulations == alone.simulations
    spreads = [e.spread for e in together]
    assert spreads == sorted(spreads)  # winning more people never loses support


def test_no_steps_is_the_start_alone() -> None:
    listens = _network(50, 4)
    [only] = expected_spreads(listens, [1, 2], [], thresholds=np.full(50, 0.5), seed=3)
    alone = expected_spread(listens, [1, 2], thresholds=np.full(50, 0.5), seed=3)
    assert np.array_equal(only.activation, alone.activation)


def test_an_unknown_person_is_refused() -> None:
    with pytest.raises(ValueError, match="additions"):
        expected_spreads(_network(10, 1), [0], [10], seed=0)
