"""Bueno de Mesquita's expected-utility model (Scholz, Calbert and Smith 2011)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from allies.analysis.forecast.compromise import compromise
from allies.analysis.forecast.expected_utility import OfferKind, Probability, expected_utility
from allies.analysis.forecast.median import median_voter

from .decide_reader import read_deu


def _ec(data: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    path = data / "forecasting" / "ec-emission-standards.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(  # type: ignore[return-value]
        np.array([float(r[k]) for r in rows]) for k in ("position", "capability", "salience")
    )


def test_ec_outcome_is_within_the_positions_and_near_the_centre(data: Path) -> None:
    x, c, s = _ec(data)
    result = expected_utility(x, c, s)
    assert 4.0 <= result.outcome <= 10.0
    assert abs(result.outcome - 7.0) <= 1.5
    assert abs(result.mean - 7.39) <= 1.5
    assert result.trajectory.shape == (len(result.rounds) + 1, len(x))
    assert np.all((result.trajectory >= 4.0 - 1e-9) & (result.trajectory <= 10.0 + 1e-9))
    first = result.rounds[0]
    assert first.median == 7.0
    assert np.all((first.risk >= 0.5 - 1e-12) & (first.risk <= 2.0 + 1e-12))
    assert first.accepted, "somebody gives way in the first round"
    assert {a.kind for a in first.accepted} <= set(OfferKind)


#: Scholz, Calbert and Smith's (2011) weighted mean position of the EC example, rounds
#: 0-10 (the "Original" line as transcribed in dmasad/BDM_DecisionModel_Replication).
PUBLISHED_MEANS = [7.4, 7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6, 7.3, 7.2]


def _names(data: Path) -> list[str]:
    path = data / "forecasting" / "ec-emission-standards.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        return [row["actor"] for row in csv.DictReader(handle)]


def test_ec_mean_positions_follow_the_published_run(data: Path) -> None:
    x, c, s = _ec(data)
    result = expected_utility(x, c, s, rounds=10)
    means = [played.mean for played in result.rounds] + [result.mean]
    assert len(means) == 11
    assert means == pytest.approx(PUBLISHED_MEANS, abs=0.1)
    names = _names(data)
    assert {names[a.actor] for a in result.rounds[0].accepted} == {
        "Belgium",
        "Luxembourg",
        "Ireland",
    }


def test_belgium_sees_the_published_quadrant_chart(data: Path) -> None:
    """Bueno de Mesquita (1994): Belgium's expected utility of challenging each actor."""
    x, c, s = _ec(data)
    names = _names(data)
    belgium = expected_utility(x, c, s).rounds[0].expected_utility[names.index("Belgium")]
    chart = {
        "Denmark": -0.82,
        "UK": -0.65,
        "Germany": -0.46,
        "Netherlands": -0.46,
        "France": -0.11,
        "Italy": -0.11,
        "Luxembourg": 0.6,
    }
    for name, value in chart.items():
        assert belgium[names.index(name)] == pytest.approx(value, abs=0.025), name


def test_the_per_pair_variant_is_named_and_moves_almost_everyone(data: Path) -> None:
    x, c, s = _ec(data)
    variant = expected_utility(x, c, s, probability=Probability.PER_PAIR)
    assert len(variant.rounds[0].accepted) == 9
    assert expected_utility(x, c, s, probability="per_pair").outcome == variant.outcome
    with pytest.raises(ValueError):
        expected_utility(x, c, s, probability="pairwise")


def test_rounds_are_deterministic(data: Path) -> None:
    x, c, s = _ec(data)
    a, b = expected_utility(x, c, s), expected_utility(x, c, s)
    assert np.array_equal(a.trajectory, b.trajectory)


@pytest.mark.parametrize(
    ("positions", "capabilities", "saliences", "expected"),
    [
        ([5.0, 5.0, 5.0], [1.0, 2.0, 3.0], [0.5, 0.5, 0.5], 5.0),
        ([42.0], [1.0], [1.0], 42.0),
        ([0.0, 100.0, 40.0], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], None),
        ([0.0, 100.0, 40.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], None),
        ([0.0, 100.0, np.nan], [0.0, 1.0, 1.0], [0.0, 1.0, 1.0], None),
    ],
)
def test_degenerate_inputs_give_finite_answers(
    positions: list[float],
    capabilities: list[float],
    saliences: list[float],
    expected: float | None,
) -> None:
    result = expected_utility(positions, capabilities, saliences)
    assert np.isfinite(result.outcome)
    assert np.isfinite(result.mean)
    known = ~np.isnan(np.asarray(positions))
    assert np.all(np.isfinite(result.positions[known]))
    low, high = np.nanmin(positions), np.nanmax(positions)
    assert low - 1e-9 <= result.outcome <= high + 1e-9
    for played in result.rounds:
        assert np.all(np.isfinite(played.expected_utility))
    if expected is not None:
        assert result.outcome == expected
        assert result.rounds == ()


def test_deu_development_half_errors(data: Path) -> None:
    _, issues = read_deu(data / "forecasting" / "deu3-dev.tsv")
    assert len(issues) == 188
    scored = [issue for issue in issues if issue.outcome is not None]
    assert len(scored) == 180
    errors: dict[str, list[float]] = {"mean": [], "compromise": [], "median": [], "eu": []}
    for issue in scored:
        x, c, s, out = issue.positions, issue.capabilities, issue.saliences, issue.outcome
        assert out is not None
        errors["mean"].append(abs(float(np.nanmean(x)) - out))
        errors["compromise"].append(abs(compromise(x, c, s).outcome - out))
        errors["median"].append(abs(median_voter(x, c, s).outcome - out))
        errors["eu"].append(abs(expected_utility(x, c, s).outcome - out))
    mae = {name: float(np.mean(values)) for name, values in errors.items()}
    print(
        "\nDEU III development half, MAE on the 0-100 scale over 180 issues: "
        + ", ".join(f"{name} {value:.2f}" for name, value in mae.items())
    )
    assert mae["mean"] == pytest.approx(20.5, abs=0.05)
    assert mae["compromise"] == pytest.approx(20.5, abs=0.05)
    assert mae["median"] == pytest.approx(24.4, abs=0.05)
    assert np.isfinite(mae["eu"]) and mae["eu"] < 30.0
