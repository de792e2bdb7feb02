"""Friedkin-Johnsen equilibrium over the listens-to network."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from allies.analysis.forecast.friedkin_johnsen import friedkin_johnsen, row_stochastic


def _random_network(n: int, seed: int) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    dense = rng.random((n, n)) * (rng.random((n, n)) < 0.3)
    np.fill_diagonal(dense, 0.0)
    return sp.csr_matrix(dense)


def test_row_stochastic_keeps_lonely_people_on_themselves() -> None:
    w = row_stochastic(sp.csr_matrix([[0.0, 2.0, 2.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0]]))
    assert np.allclose(w.toarray(), [[0.0, 0.5, 0.5], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])


def test_equilibrium_solves_the_fixed_point_and_matches_iteration() -> None:
    n = 30
    listens = _random_network(n, 1)
    rng = np.random.default_rng(2)
    x0 = rng.random(n) * 100
    salience = rng.random(n)
    result = friedkin_johnsen(listens, x0, saliences=salience)
    w = row_stochastic(listens).toarray()
    lam = np.diag(1.0 - salience)
    x = x0.copy()
    for _ in range(2000):
        x = lam @ w @ x + (np.eye(n) - lam) @ x0
    assert np.allclose(result.equilibrium, x, atol=1e-8)
    assert np.allclose(result.equilibrium, lam @ w @ result.equilibrium + (np.eye(n) - lam) @ x0)


def test_outcome_weights_explain_the_outcome() -> None:
    n = 25
    listens = _random_network(n, 3)
    rng = np.random.default_rng(4)
    x0 = rng.random(n) * 100
    cap = rng.random(n)
    result = friedkin_johnsen(listens, x0, saliences=rng.random(n), capabilities=cap)
    expected = np.dot(cap, result.equilibrium) / cap.sum()
    assert result.outcome == pytest.approx(expected)
    assert result.outcome_weights.sum() == pytest.approx(1.0)
    assert float(result.outcome_weights @ x0) == pytest.approx(result.outcome)


def test_no_network_keeps_initial_opinions() -> None:
    x0 = np.array([10.0, 20.0, 60.0])
    result = friedkin_johnsen(sp.csr_matrix((3, 3)), x0, saliences=[0.5, 0.2, 0.0])
    assert np.allclose(result.equilibrium, x0)
    assert result.outcome == pytest.approx(30.0)


def test_fully_susceptible_cycle_reaches_degroot_consensus() -> None:
    listens = sp.csr_matrix([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    result = friedkin_johnsen(listens, [0.0, 30.0, 90.0], susceptibility=[1.0, 1.0, 1.0])
    assert np.allclose(result.equilibrium, 40.0, atol=1e-5)


def test_people_without_opinion_follow_whom_they_listen_to() -> None:
    # 0 has no opinion and listens to 1; 2 has none and listens to no one.
    listens = sp.csr_matrix([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    result = friedkin_johnsen(listens, [np.nan, 70.0, np.nan], saliences=[0.3, 0.9, 0.5])
    assert result.equilibrium[0] == pytest.approx(70.0)
    assert result.equilibrium[1] == pytest.approx(70.0)
    assert np.isnan(result.equilibrium[2])
    assert result.outcome == pytest.approx(70.0)
    assert np.isfinite(result.outcome_weights).all()


def test_bad_susceptibility_is_refused() -> None:
    with pytest.raises(ValueError):
        friedkin_johnsen(sp.csr_matrix((2, 2)), [1.0, 2.0], susceptibility=[0.5, 1.5])
    with pytest.raises(ValueError):
        friedkin_johnsen(sp.csr_matrix((2, 3)), [1.0, 2.0])
