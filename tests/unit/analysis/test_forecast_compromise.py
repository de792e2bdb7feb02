"""The compromise (weighted mean) and median voter forecasts."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from allies.analysis.forecast.compromise import compromise
from allies.analysis.forecast.median import median_voter, weighted_median


def _ec(data: Path) -> tuple[list[float], list[float], list[float]]:
    path = data / "forecasting" / "ec-emission-standards.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return (
        [float(r["position"]) for r in rows],
        [float(r["capability"]) for r in rows],
        [float(r["salience"]) for r in rows],
    )


def test_ec_compromise_is_7_390(data: Path) -> None:
    x, c, s = _ec(data)
    result = compromise(x, c, s)
    assert result.outcome == pytest.approx(7.390, abs=5e-4)
    assert result.weights.sum() == pytest.approx(1.0)


def test_ec_median_voter_is_7(data: Path) -> None:
    x, c, s = _ec(data)
    result = median_voter(x, c, s)
    assert result.outcome == 7.0
    assert x[result.pivot] == 7.0


def test_median_beats_every_position_in_pairwise_votes(data: Path) -> None:
    x, c, s = (np.array(v) for v in _ec(data))
    winner = median_voter(x, c, s).outcome
    w = c * s
    for other in set(x) - {winner}:
        votes = np.sum(w * (np.abs(x - other) - np.abs(x - winner)))
        assert votes > 0


def test_missing_positions_are_left_out() -> None:
    result = compromise([np.nan, 10.0, 20.0], [5.0, 1.0, 1.0], [1.0, 1.0, 1.0])
    assert result.outcome == 15.0
    assert result.weights[0] == 0.0
    assert median_voter([np.nan, 10.0, 30.0], [9.0, 1.0, 3.0]).outcome == 30.0


def test_zero_weights_fall_back_to_equal_weights() -> None:
    assert compromise([0.0, 10.0], [0.0, 0.0], [1.0, 1.0]).outcome == 5.0
    assert median_voter([0.0, 10.0, 40.0], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0]).outcome == 10.0


def test_even_split_gives_the_midpoint() -> None:
    result = median_voter([0.0, 100.0])
    assert result.outcome == 50.0
    assert result.pivot == -1
    assert weighted_median([1.0, 2.0, 3.0], [1.0, 0.0, 1.0]) == 2.0


def test_invalid_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        compromise([np.nan, np.nan])
    with pytest.raises(ValueError):
        compromise([1.0, 2.0], [1.0, -1.0])
    with pytest.raises(ValueError):
        median_voter([1.0, 2.0], [1.0])
