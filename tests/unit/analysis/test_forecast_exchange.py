"""The Stokman-Van Oosten exchange model against facts from the Decide program."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from allies.analysis.forecast.exchange import candidate_exchanges, exchange

from .decide_reader import DecideInput, read_decide

# The first exchanges Decide (decide-exchange-model 2025.3, equal-gain model, random
# tie-breaking switched off) carries out on its sample data: gain, then the actor
# moving first, its issue and new voting position (0-100 scale), then the partner.
DECIDE_FIRST_TRADES = [
    (
        1.9736842105,
        "Willems",
        "extra-investering",
        100.0,
        "Wcentr",
        "tolheffing-binnenstad",
        61.0511736,
    ),
    (1.7926363088, "Wcentr", "kleine-of-grote-ring", 25.0, "PvdA", "woonwerkverkeer", 0.1487995),
    (1.5343653251, "GL", "woonwerkverkeer", 22.6722136, "KvK", "wanneer-tol", 100.0),
    (1.1576210049, "PvdA", "extra-investering", 76.6399631, "Wcentr", "tol-hoogte", 38.4615385),
    (0.9470160205, "VVDs", "kleine-of-grote-ring", 75.0, "Willems", "woonwerkverkeer", 71.3638005),
    (0.9060579456, "Willems", "woonwerkverkeer", 31.4933001, "KvK", "tolheffing-binnenstad", 100.0),
    (0.7974798051, "VVDs", "tol-hoogte", 69.2307692, "GL", "tolheffing-binnenstad", 70.6191651),
    (0.7894736842, "Wcentr", "kleine-of-grote-ring", 9.3729695, "SP", "extra-investering", 100.0),
    (0.6310382781, "KvK", "kleine-of-grote-ring", 75.0, "Willems", "woonwerkverkeer", 3.7248642),
    (0.5968705744, "GL", "kleine-of-grote-ring", 55.6952552, "KvK", "tol-hoogte", 69.2307692),
    (0.4047156601, "GL", "wanneer-tol", 59.0466296, "Wcentr", "tol-hoogte", 69.2307692),
    (0.4026507843, "CDA", "tol-hoogte", 69.2307692, "GL", "tolheffing-binnenstad", 35.1223196),
    (0.3557136505, "CDA", "woonwerkverkeer", 100.0, "Willems", "tol-hoogte", 26.4790701),
    (0.3327283727, "GL", "extra-investering", 25.0, "D66", "tolheffing-binnenstad", 79.7186933),
]


@pytest.fixture(scope="module")
def sample(data: Path) -> DecideInput:
    return read_decide(data / "forecasting" / "decide-sample_data.txt")


def test_sample_has_240_candidates_and_decides_top_gains(sample: DecideInput) -> None:
    found = candidate_exchanges(
        sample.positions, sample.saliences, sample.power, lower=sample.lower, upper=sample.upper
    )
    assert len(found) == 240
    gains = sorted((c.gain for c in found if c.valid), reverse=True)
    assert gains[0] == pytest.approx(1.9736842105, abs=1e-6)
    assert gains[1] == pytest.approx(1.7926363088, abs=1e-6)
    best = max(found, key=lambda c: c.gain)
    # Willems cares relatively more about the toll and gives way on investment.
    assert sample.actors[best.demander] == "Willems"
    assert sample.issues[best.demand_issue] == "tolheffing-binnenstad"
    assert sample.actors[best.supplier] == "Wcentr"


def test_first_round_follows_decide(sample: DecideInput) -> None:
    result = exchange(
        sample.positions,
        sample.saliences,
        sample.power,
        lower=sample.lower,
        upper=sample.upper,
        rounds=1,
    )
    played = result.rounds[0]
    assert played.candidates == 240
    assert played.valid == 230

    def scaled(value: float, issue: int) -> float:
        return (value - sample.lower[issue]) * 100.0 / (sample.upper[issue] - sample.lower[issue])

    for trade, expected in zip(played.trades, DECIDE_FIRST_TRADES, strict=False):
        gain, actor, issue, end, partner, partner_issue, partner_end = expected
        assert trade.gain == pytest.approx(gain, abs=1e-8)
        assert sample.actors[trade.first.actor] == actor
        assert sample.issues[trade.first.issue] == issue
        assert scaled(trade.first.end, trade.first.issue) == pytest.approx(end, abs=1e-6)
        assert sample.actors[trade.second.actor] == partner
        assert sample.issues[trade.second.issue] == partner_issue
        assert scaled(trade.second.end, trade.second.issue) == pytest.approx(partner_end, abs=1e-6)
        assert trade.first.partner == trade.second.actor
    assert len(played.trades) >= len(DECIDE_FIRST_TRADES)
    gains = [t.gain for t in played.trades]
    assert all(g > 0 for g in gains)


def test_positions_are_reported_on_each_issues_scale(sample: DecideInput) -> None:
    result = exchange(
        sample.positions, sample.saliences, sample.power, lower=sample.lower, upper=sample.upper
    )
    toll = sample.issues.index("tol-hoogte")
    assert np.all(result.positions[:, toll] >= 0.5 - 1e-9)
    assert np.all(result.positions[:, toll] <= 7.0 + 1e-9)
    assert np.all((result.outcome >= sample.lower) & (result.outcome <= sample.upper))
    weight = sample.power * sample.saliences
    nbs = (weight * sample.positions).sum(axis=0) / weight.sum(axis=0)
    assert np.allclose(result.initial_outcome, nbs)
    assert 1 <= len(result.rounds) <= 10
    assert result.trades == tuple(t for r in result.rounds for t in r.trades)


def test_two_actors_trade_on_what_each_cares_less_about() -> None:
    result = exchange([[0.0, 0.0], [100.0, 100.0]], [[0.9, 0.1], [0.1, 0.9]], [1.0, 1.0], rounds=1)
    (trade,) = result.trades
    # Actor 0 cares about issue 0, so it gives way on issue 1; actor 1 on issue 0.
    assert (trade.first.actor, trade.first.issue) == (0, 1)
    assert (trade.second.actor, trade.second.issue) == (1, 0)
    assert trade.gain > 0


def test_nothing_to_trade_when_everyone_agrees() -> None:
    positions = np.full((3, 2), 40.0)
    result = exchange(positions, np.full((3, 2), 0.5), [1.0, 2.0, 3.0])
    assert result.trades == ()
    assert np.allclose(result.outcome, 40.0)


def test_missing_positions_and_zero_salience_are_tolerated() -> None:
    positions = np.array([[0.0, np.nan, 10.0], [100.0, 50.0, 90.0], [30.0, 80.0, np.nan]])
    saliences = np.array([[0.8, 0.0, 0.2], [0.1, 0.9, 0.0], [0.5, 0.5, 0.5]])
    result = exchange(positions, saliences, [1.0, 1.0, 1.0])
    assert np.all(np.isfinite(result.outcome))
    assert np.isnan(result.positions[0, 1])
