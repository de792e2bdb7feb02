"""Scoring many relationships at once gives the scores of scoring them one by one."""

from __future__ import annotations

import numpy as np
import pytest

from allies.analysis.health import HealthParams, HealthWeights, health_at
from allies.analysis.health_batch import EvidenceBatch, scores_at
from allies.analysis.health_parts import Evidence


def _random_evidence(rng: np.random.Generator, day: int) -> Evidence:
    n, f, k = rng.integers(0, 12), rng.integers(0, 6), rng.integers(0, 5)
    made = day - rng.integers(0, 400, k)
    due = made + rng.integers(1, 60, k)
    settled = rng.random(k) < 0.6
    resolved = np.where(settled, due + rng.integers(-5, 20, k), np.nan)
    credit = np.where(settled, rng.choice([0.0, 0.5, 1.0], k), np.nan)
    return Evidence.build(
        interaction_days=day - rng.integers(-20, 500, n),
        tones=rng.integers(-2, 3, n),
        favour_days=day - rng.integers(0, 500, f),
        favour_values=rng.choice([-9, -3, -1, 1, 3, 9], f),
        promise_made=made,
        promise_due=np.where(rng.random(k) < 0.2, np.nan, due),
        promise_resolved=resolved,
        promise_credit=credit,
        promise_mine=rng.random(k) < 0.5,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "params",
    [HealthParams(), HealthParams(weights=HealthWeights(2, 1, 0, 3, 1), tone_prior_weight=0)],
)
def test_batch_scores_equal_one_by_one_scores(seed: int, params: HealthParams) -> None:
    rng = np.random.default_rng(seed)
    day = 740_000
    evidences = [_random_evidence(rng, day) for _ in range(60)] + [Evidence.build()]
    ideal = rng.integers(7, 120, len(evidences)).astype(float)
    longest = ideal * rng.uniform(1.5, 3.0, len(evidences))
    batch = EvidenceBatch.of(evidences)
    for as_of in (day - 90, day - 30, day):
        found = scores_at(batch, as_of, ideal_gaps=ideal, max_gaps=longest, params=params)
        for i, evidence in enumerate(evidences):
            one = health_at(evidence, as_of, ideal_gap=ideal[i], max_gap=longest[i], params=params)
            if one.score is None:
                assert np.isnan(found.scores[i]), (i, as_of)
            else:
                assert found.scores[i] == pytest.approx(one.score, abs=1e-9), (i, as_of)
            if one.gap is None:
                assert np.isnan(found.gaps[i])
            else:
                assert found.gaps[i] == one.gap


def test_batch_and_scalar_agree_on_who_has_no_score() -> None:
    day = 740_000
    evidences = [
        Evidence.build(),  # a stranger
        Evidence.build(favour_days=[day - 5], favour_values=[3]),  # only a favour
        Evidence.build(promise_made=[day - 9], promise_due=[day + 9]),  # an open promise
        Evidence.build(interaction_days=[day + 3]),  # only after the day
    ]
    found = scores_at(EvidenceBatch.of(evidences), day, ideal_gaps=[30] * 4, max_gaps=[60] * 4)
    scalar = [health_at(e, day, ideal_gap=30, max_gap=60).score for e in evidences]
    assert scalar[0] is None and scalar[3] is None
    assert np.isnan(found.scores[0]) and np.isnan(found.scores[3])
    assert found.scores[1] == pytest.approx(scalar[1]) and found.scores[2] == pytest.approx(0.0)
    assert scalar[2] == pytest.approx(0.0)  # on record, never met: recency and frequency 0


def test_an_empty_batch_has_no_scores() -> None:
    found = scores_at(EvidenceBatch.of([]), 740_000, ideal_gaps=[], max_gaps=[])
    assert found.scores.size == 0 and found.gaps.size == 0
