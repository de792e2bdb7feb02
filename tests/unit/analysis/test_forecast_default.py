"""The default forecast: the average of three linear models, explained by its weights."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
import scipy.sparse as sp

from allies.analysis.forecast import compromise, default, default_forecast, friedkin_johnsen


def test_the_outcome_is_the_average_of_its_members_and_the_weights_reproduce_it() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 100, 12)
    x[[2, 7]] = np.nan
    c, s = rng.uniform(0, 1, 12), rng.uniform(0, 1, 12)
    listens = sp.random(12, 12, density=0.3, random_state=4, format="csr")
    listens.setdiag(0)
    result = default_forecast(x, c, s, listens)
    members = result.members
    assert members["compromise"] == pytest.approx(compromise(x, c, s).outcome)
    fj = friedkin_johnsen(listens, x, saliences=s, capabilities=np.where(np.isnan(x), 0, c))
    assert members["friedkin_johnsen"] == pytest.approx(fj.outcome)
    assert members["mean_voter"] == pytest.approx(np.nanmean(x))
    assert result.outcome == pytest.approx(np.mean(list(members.values())))
    known = ~np.isnan(x)
    assert result.weights.sum() == pytest.approx(1.0)
    assert np.all(result.weights[~known] == 0)
    assert result.weights[known] @ x[known] == pytest.approx(result.outcome)


def test_without_a_network_friedkin_johnsen_is_the_capability_weighted_mean() -> None:
    result = default_forecast([0.0, 100.0, np.nan], [1.0, 3.0, 5.0], [0.2, 0.9, 0.5])
    assert result.members["friedkin_johnsen"] == pytest.approx(75.0)


@pytest.mark.parametrize(
    ("x", "c", "s", "expected"),
    [
        ([30.0, 30.0, 30.0], [0.1, 0.5, 0.9], [0.0, 0.5, 1.0], 30.0),  # all equal
        ([70.0], [0.0], [0.0], 70.0),  # one actor, nothing to weigh
        ([0.0, 100.0], [0.0, 0.0], [0.0, 0.0], 50.0),  # every weight zero
        ([0.0, 100.0], [1.0, 1.0], [0.0, 0.0], 50.0),  # nobody cares
    ],
)
def test_degenerate_inputs_have_sane_forecasts(
    x: list[float], c: list[float], s: list[float], expected: float
) -> None:
    result = default_forecast(x, c, s)
    assert result.outcome == pytest.approx(expected)
    assert np.all(np.isfinite(result.weights))


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="no actor"):
        default_forecast([np.nan, np.nan])
    with pytest.raises(ValueError, match="saliences"):
        default_forecast([1.0, 2.0], saliences=[0.5, 1.5])


def test_the_examples_in_the_docstring_run() -> None:
    failures, _ = doctest.testmod(default)
    assert failures == 0
