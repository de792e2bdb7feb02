"""``allies campaign new|list|show|edit|forecast|remove`` and ``allies stance set|list|history``."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.faces.cli.invoke import Invoke


@pytest.fixture
def campaign(small_network: Invoke) -> Invoke:
    """A two-issue campaign decided by Maria Lopez, with stances on both issues."""
    small_network(
        "campaign",
        "new",
        "Analytics platform",
        "--issue",
        "Scope: own tools .. one platform @ 85",
        "--issue",
        "Funding: charged back .. central @ 70",
        "--decider",
        "Maria Lopez",
        "--decide-on",
        "2026-06-30",
    )
    for who, scope, funding in (("Maria Lopez", 40, 30), ("Bo Chen", 80, 60), ("me", 85, 70)):
        small_network("stance", "set", who, "-i", "scope", "-p", str(scope), "-s", "0.8")
        small_network("stance", "set", who, "-i", "Funding", "-p", str(funding), "-s", "0.5")
    return small_network


def test_new_campaign_is_listed(campaign: Invoke) -> None:
    out = campaign("campaign", "list").stdout
    assert "Analytics platform" in out and "Maria Lopez" in out and "2026-06-30" in out
    rows = json.loads(campaign("campaign", "list", "-f", "json").stdout)
    assert rows[0]["issues"] == ["Scope", "Funding"] and rows[0]["stakeholders"] == 3


def test_show_sets_stances_against_my_position(campaign: Invoke) -> None:
    out = campaign("campaign", "show").stdout  # the active campaign
    assert "Scope: 0 = own tools, 100 = one platform; I want 85" in out
    assert "against me" in out and "on board" in out
    data = json.loads(campaign("campaign", "show", "Analytics", "-f", "json").stdout)
    scope = data["table"]["issues"][0]
    maria = next(r for r in scope["rows"] if r["name"] == "Maria Lopez")
    assert (maria["to_target"], maria["side"], maria["is_decider"]) == (-45, "against me", True)
    assert maria["capability_source"] == "influence"


def test_forecast_shows_every_model_and_the_distance_to_my_position(campaign: Invoke) -> None:
    out = campaign("campaign", "forecast").stdout
    for label in ("default", "compromise", "weighted median", "Friedkin-Johnsen", "expected"):
        assert label in out
    assert "exchange (Stokman-Van Oosten)" in out
    assert "points from my 85" in out and "Scholz" in out
    assert "likely range" in out and "Likely between" in out and "How sure: 8 in 10" in out
    data = json.loads(campaign("campaign", "forecast", "-i", "Funding", "-f", "json").stdout)
    (funding,) = data["issues"]
    default = funding["models"][0]
    assert default["model"] == "default"
    assert default["to_desired"] == pytest.approx(default["outcome"] - 70)
    assert default["low"] <= default["outcome"] <= default["high"]
    rows = list(csv.DictReader(io.StringIO(campaign("campaign", "forecast", "-f", "csv").stdout)))
    assert {r["model"] for r in rows} >= {"default", "compromise", "exchange"}
    bad = campaign("campaign", "forecast", "-i", "Nothing", ok=False)
    assert "no issue" in bad.output


def test_stance_history_keeps_every_stance(campaign: Invoke) -> None:
    campaign("stance", "set", "Maria Lopez", "-i", "Scope", "-p", "55", "--on", "2026-05-01")
    campaign("stance", "set", "Maria Lopez", "-i", "Scope", "-p", "60", "--capability", "0.9")
    out = campaign("stance", "history", "Maria Lopez", "-i", "scope").stdout
    assert out.count("Scope") == 3 and "0.9" in out
    rows = json.loads(campaign("stance", "history", "Maria", "-f", "json").stdout)
    scope = [r for r in rows if r["issue"] == "Scope"]
    assert [r["position"] for r in scope] == [55, 40, 60]  # by the day they were seen
    assert scope[-1]["salience"] == 0.8  # carried over
    listed = json.loads(campaign("stance", "list", "-i", "Scope", "-f", "json").stdout)
    assert next(r for r in listed if r["name"] == "Maria Lopez")["position"] == 60
    derived = campaign(
        "stance", "set", "Maria Lopez", "-i", "Scope", "-p", "60", "--capability", "influence"
    )
    assert "capability from influence" in derived.stdout


def test_stance_errors_say_what_to_do(campaign: Invoke) -> None:
    assert "no issue" in campaign("stance", "set", "Bo Chen", "-p", "5", ok=False).output
    out = campaign(
        "stance", "set", "Bo Chen", "-i", "Scope", "-p", "5", "--capability", "lots", ok=False
    )
    assert "'influence'" in out.output
    assert (
        "Did you mean"
        in campaign("stance", "set", "Bo Chenn", "-i", "Scope", "-p", "5", ok=False).output
    )


def test_edit_and_remove(campaign: Invoke) -> None:
    campaign(
        "campaign",
        "edit",
        "active",
        "--add-decider",
        "Bo Chen",
        "--issue",
        "Scope",
        "--desired",
        "90",
    )
    campaign("campaign", "edit", "active", "--add-issue", "Timing: this year .. next year @ 20")
    data = json.loads(campaign("campaign", "show", "-f", "json").stdout)
    assert data["summary"]["deciders"] == ["Maria Lopez", "Bo Chen"]
    assert [t["desired"] for t in data["table"]["issues"]] == [90, 70, 20]
    assert "--issue" in campaign("campaign", "edit", "active", "--desired", "3", ok=False).output
    campaign("campaign", "edit", "active", "--status", "won")
    assert "No campaign is active" in campaign("campaign", "show", ok=False).output
    campaign("campaign", "remove", "Analytics", "--yes")
    assert "No campaigns yet" in campaign("campaign", "list").stdout
