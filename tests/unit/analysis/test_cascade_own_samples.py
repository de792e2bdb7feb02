"""IMM reports its plan from the RR sets it chose on, and a few people's chances come
from RR sets rooted at them: both agree with Monte Carlo worlds drawn independently."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from allies.analysis.cascade import _worlds, activation_curve, expected_spreads, select
from tests.unit.analysis.test_cascade_report import CHECK_WORLDS, lazega


def test_imm_reports_from_its_own_sets_and_draws_no_worlds(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listens = lazega(data)
    n = listens.shape[0]
    rng = np.random.default_rng(3)
    values = rng.uniform(0.0, 2.0, n)

    def no_worlds(*args: object, **kwargs: object) -> None:
        raise AssertionError("IMM drew Monte Carlo worlds after its search")

    monkeypatch.setattr(_worlds.Worlds, "__init__", no_worlds)
    plan = select(
        listens, 4, method="imm", thresholds=rng.random(n), values=values, active=[0], seed=5
    )
    assert plan.simulations == plan.rr_sets >= 20_000
    assert plan.spread == pytest.approx(float(values @ plan.activation))
    assert plan.activation[0] == 1.0 and all(plan.activation[s] == 1.0 for s in plan.seeds)
    assert plan.spread_error is not None and 0 < plan.spread_error < 0.02 * plan.spread
    gains = [s.gain for s in plan.steps]
    assert all(g >= 0 for g in gains)
    assert plan.base_spread + sum(gains) == pytest.approx(plan.spread)
    for step in plan.steps:
        assert step.node not in {s.node for s in step.sways}
        assert all(0.0 < s.increase <= s.probability <= 1.0 for s in step.sways)


@pytest.mark.parametrize("model", ["lt", "ic"])
def test_chances_from_rooted_sets_agree_with_independent_worlds(data: Path, model: str) -> None:
    listens = lazega(data)
    n = listens.shape[0]
    thresholds = np.random.default_rng(8).random(n)
    active, steps, people = [3], [10, 20, 30], [1, 5, 10, 40, 60]
    curve = activation_curve(
        listens, active, steps, people, model=model, thresholds=thresholds, samples=4000, seed=1
    )
    assert curve.shape == (4, 5)
    assert np.all(np.diff(curve, axis=0) >= 0)  # winning more people never lowers a chance
    assert curve[1:, 2].tolist() == [1.0, 1.0, 1.0]  # person 10 is won at the first step
    check = expected_spreads(
        listens,
        active,
        steps,
        model=model,
        thresholds=thresholds,
        simulations=CHECK_WORLDS,
        seed=4,
    )
    expected = np.array([estimate.activation[people] for estimate in check])
    assert np.abs(curve - expected).max() < 0.035  # about four standard errors
