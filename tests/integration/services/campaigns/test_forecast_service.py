"""Campaign forecasts through the service: published results, the network's effect,
degenerate inputs, and what the default forecast's accuracy and ranges on real EU
decisions do and do not support."""

from __future__ import annotations

import csv
import importlib.util
import math
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from allies.analysis.forecast.intervals import (
    LEVEL,
    RANGE_HALF_WIDTHS,
    bootstrap_by_group,
    conformal_half_width,
    grouped_coverage,
)
from allies.services.campaigns import editing as service
from allies.services.campaigns.forecast import MODEL_LABELS, forecast_campaign, run_exchange
from allies.services.context import Lens
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie
from allies.services.ports import UnitOfWork
from allies.store import open_store
from tests.conftest import PROJECT_ROOT

DAY = date(2026, 3, 2)
Maker = Callable[[], UnitOfWork]


@pytest.fixture
def uow(sqlite_store_url: str) -> Maker:
    factory = open_store(sqlite_store_url)
    return lambda: factory("t")


def _campaign(uow: Maker, stances: list[tuple[str, float, float, float | None]], **kw: str) -> None:
    """One issue (0-100, I want 100) and a stance per (name, position, salience, capability)."""
    for name, *_ in stances:
        add_person(uow(), name)
    service.create_campaign(uow(), "Case", issues=[kw.get("issue", "Issue @ 100")])
    for name, position, salience, capability in stances:
        service.set_stance(uow(), "Case", name, "", position, salience, capability, on=DAY)


def test_ec_emission_standards_through_the_service(uow: Maker, data: Path) -> None:
    path = data / "forecasting" / "ec-emission-standards.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    _campaign(
        uow,
        [
            (r["actor"], float(r["position"]), float(r["salience"]), float(r["capability"]))
            for r in rows
        ],
    )
    (issue,) = forecast_campaign(uow(), "Case", lens=Lens(DAY)).issues
    assert round(issue.model("compromise").outcome or 0, 3) == 7.390
    assert issue.model("weighted_median").outcome == 7.0
    assert issue.model("exchange").outcome is None  # one issue: nothing to exchange
    assert issue.stakeholders == 10
    assert issue.to_desired == pytest.approx((issue.default or 0) - 100)
    assert sum(d.share for d in issue.drivers) <= 1.0 + 1e-9
    assert [m.model for m in issue.models] == list(MODEL_LABELS)


def test_friedkin_johnsen_pulls_listeners_towards_whom_they_listen_to(uow: Maker) -> None:
    _campaign(uow, [("Ann", 90, 1.0, 0.5), ("Bo", 10, 0.1, 0.5)])
    (alone,) = forecast_campaign(uow(), "Case", lens=Lens(DAY)).issues
    assert alone.model("friedkin_johnsen").outcome == pytest.approx(50)
    add_tie(uow(), "Bo", "listens_to", "Ann", weight=1.0)
    (heard,) = forecast_campaign(uow(), "Case", lens=Lens(DAY)).issues
    fj = heard.model("friedkin_johnsen").outcome or 0
    assert fj > 80  # Bo, who barely cares, comes round to Ann
    assert (heard.default or 0) > (alone.default or 0)


def test_every_model_agrees_when_everyone_stands_in_one_place(uow: Maker) -> None:
    _campaign(uow, [("Ann", 40, 0.9, 0.2), ("Bo", 40, 0.2, None), ("Cy", 40, 0.5, 1.0)])
    (issue,) = forecast_campaign(uow(), "Case", lens=Lens(DAY)).issues
    assert {m.outcome for m in issue.models if m.model != "exchange"} == {40.0}
    assert issue.summary.startswith("Forecast 40, 60 points from my 100")


def test_one_stakeholder_decides_alone(uow: Maker) -> None:
    _campaign(uow, [("Ann", 25, 0.7, None)], issue="Issue: low .. high @ 25")
    (issue,) = forecast_campaign(uow(), "Case", lens=Lens(DAY)).issues
    assert all(m.outcome == 25 for m in issue.models if m.model != "exchange")
    assert issue.side == "on board" and "where I want it" in issue.summary
    assert [(d.name, d.share) for d in issue.drivers] == [("Ann", pytest.approx(1.0))]


def test_zero_salience_and_zero_capability_still_forecast(uow: Maker) -> None:
    _campaign(uow, [("Ann", 0, 0.0, 0.0), ("Bo", 60, 0.0, 0.0), ("Cy", 90, 0.0, 0.0)])
    (issue,) = forecast_campaign(uow(), "Case", lens=Lens(DAY)).issues
    for model in issue.models:
        if model.model != "exchange":
            assert model.outcome is not None and math.isfinite(model.outcome), model
            assert 0 <= model.outcome <= 90
    assert issue.model("compromise").outcome == pytest.approx(50)  # the plain mean


def test_an_issue_without_stances_has_no_forecast(uow: Maker) -> None:
    service.create_campaign(uow(), "Empty", issues=["A @ 10", "B @ 90"])
    result = forecast_campaign(uow(), "Empty", lens=Lens(DAY))
    assert [i.default for i in result.issues] == [None, None]
    assert all(m.outcome is None for i in result.issues for m in i.models)
    assert result.trades == 0


def test_several_issues_bring_in_the_exchange_model(uow: Maker) -> None:
    for name in ("Ann", "Bo", "Cy"):
        add_person(uow(), name)
    service.create_campaign(uow(), "Two", issues=["A @ 100", "B @ 100"])
    stances = [("Ann", 10, 0.9, 90, 0.1), ("Bo", 90, 0.1, 10, 0.9), ("Cy", 50, 0.5, 50, 0.5)]
    for name, a, sa, b, sb in stances:
        service.set_stance(uow(), "Two", name, "A", a, sa, 0.5, on=DAY)
        service.set_stance(uow(), "Two", name, "B", b, sb, 0.5, on=DAY)
    result = forecast_campaign(uow(), "Two", lens=Lens(DAY))
    for issue in result.issues:
        exchanged = issue.model("exchange")
        assert exchanged.outcome is not None and 0 <= exchanged.outcome <= 100
        assert "exchanges" in exchanged.note
    assert result.trades >= 1
    inputs = service.campaign_inputs(uow(), "Two", Lens(DAY))
    run = run_exchange(inputs)
    assert run is not None and [i.name for i in run.issues] == ["A", "B"]
    assert [inputs.names[k] for k in run.people] == ["Ann", "Bo", "Cy"]
    assert run.outcome_of(run.issues[0].id) == result.issues[0].model("exchange").outcome
    trade = run.result.trades[0]
    assert {
        inputs.names[run.people[trade.first.actor]],
        inputs.names[run.people[trade.second.actor]],
    } <= {"Ann", "Bo", "Cy"}


def _benchmark() -> ModuleType:
    path = PROJECT_ROOT / "benchmarks" / "forecast_deu.py"
    spec = importlib.util.spec_from_file_location("forecast_deu", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("forecast_deu", module)
    spec.loader.exec_module(module)
    return module


def _deu_errors(data: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Absolute errors of the default and the compromise model, and each issue's proposal."""
    bench = _benchmark()
    issues = [
        i for i in bench.read_deu(data / "forecasting" / "deu3-dev.tsv") if i.outcome is not None
    ]
    assert len(issues) == 180
    default = np.array(
        [
            abs(
                bench.default_forecast(i.positions, i.capabilities, i.saliences).outcome - i.outcome
            )
            for i in issues
        ]
    )
    baseline = np.array(
        [
            abs(bench.compromise(i.positions, i.capabilities, i.saliences).outcome - i.outcome)
            for i in issues
        ]
    )
    return default, baseline, [i.proposal for i in issues]


def test_the_default_forecasts_edge_over_the_compromise_model_is_within_noise(
    data: Path,
) -> None:
    """In sample the default is 0.9 points better; resampling proposals, that could be 0."""
    default, baseline, proposals = _deu_errors(data)
    assert np.mean(baseline) == pytest.approx(20.48, abs=0.01)
    assert np.mean(default) < 20.5
    assert np.mean(default) == pytest.approx(19.57, abs=0.01)
    edge = bootstrap_by_group(default - baseline, proposals)
    assert edge.mean == pytest.approx(-0.92, abs=0.01)
    assert edge.low < 0.0 < edge.high


def test_the_80_percent_range_holds_about_80_percent_of_held_out_outcomes(data: Path) -> None:
    """Each proposal left out in turn, its range taken from the other proposals' errors."""
    default, baseline, proposals = _deu_errors(data)
    for key, errors in (("default", default), ("compromise", baseline)):
        held_out = grouped_coverage(errors, proposals, LEVEL)
        assert 0.75 <= held_out.coverage <= 0.85, key
        # the width the app shows is the one measured on the whole file
        assert conformal_half_width(errors, LEVEL) == pytest.approx(
            RANGE_HALF_WIDTHS[key], abs=0.05
        )


def test_every_forecast_comes_with_its_range_in_words(uow: Maker) -> None:
    _campaign(uow, [("Ann", 90, 1.0, 0.5), ("Bo", 10, 0.1, 0.5), ("Cy", 60, 0.5, 0.5)])
    (issue,) = forecast_campaign(uow(), "Case", lens=Lens(DAY)).issues
    assert issue.default is not None and issue.low is not None and issue.high is not None
    assert issue.low == pytest.approx(max(0.0, issue.default - RANGE_HALF_WIDTHS["default"]))
    assert issue.high == pytest.approx(min(100.0, issue.default + RANGE_HALF_WIDTHS["default"]))
    assert issue.sureness.startswith("8 in 10 past EU decisions ended within 29 points")
    assert f"Likely between {issue.low:.0f} and {issue.high:.0f}." in issue.summary
    for model in issue.models:
        if model.outcome is not None:
            assert model.low is not None and model.high is not None
            assert 0.0 <= model.low <= model.outcome <= model.high <= 100.0, model
