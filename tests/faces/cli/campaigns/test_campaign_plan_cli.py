"""``allies campaign plan`` and ``allies campaign trades`` on a small network."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from allies.interchange.ics import read_calendar
from tests.faces.cli.invoke import Invoke


@pytest.fixture
def campaign(allies: Invoke) -> Invoke:
    """Two deciders who listen to Iris; Iris trusts Sam, whom I listen to; Sue backs me."""
    allies("person", "add", "Dana Ruiz", "--me")
    for name in ("Maria Lopez", "Bo Chen", "Iris Vega", "Sam Holt", "Sue Park"):
        allies("person", "add", name, "--values", f"{name.split()[0]} values candour")
    for decider in ("Maria Lopez", "Bo Chen"):
        allies("tie", "add", decider, "listens_to", "Iris Vega", "--weight", "0.9")
    allies("tie", "add", "Iris Vega", "trusts", "Sam Holt", "--weight", "0.8")
    allies("tie", "add", "Dana Ruiz", "listens_to", "Sam Holt", "--weight", "0.9")
    allies("tie", "add", "Sue Park", "listens_to", "Dana Ruiz", "--weight", "0.5")
    allies(
        "campaign",
        "new",
        "Analytics platform",
        "--issue",
        "Scope: own tools .. one platform @ 80",
        "--decider",
        "Maria Lopez, Bo Chen",
    )
    for who, position, salience in (
        ("Maria Lopez", "30", "0.2"),
        ("Bo Chen", "25", "0.2"),
        ("me", "80", "0.6"),
        ("Sue Park", "80", "0.6"),
    ):
        allies("stance", "set", who, "-p", position, "-s", salience, "--capability", "0.8")
    return allies


def test_plan_lists_the_approaches_and_meetings(campaign: Invoke, tmp_path: Path) -> None:
    ics, md = tmp_path / "plan.ics", tmp_path / "plan.md"
    start = (date.today() + timedelta(days=1)).isoformat()
    out = campaign(
        "campaign",
        "plan",
        "--k",
        "2",
        "--per-week",
        "2",
        "--start",
        start,
        "--ics",
        str(ics),
        "--markdown",
        str(md),
    ).stdout
    assert "Approach plan: Analytics platform" in out and "Iris Vega" in out
    assert "Meetings" in out and "one-on-one" in out and "pre-brief" in out
    events = read_calendar(ics.read_bytes())
    assert events and all(e.on.weekday() < 5 for e in events)
    assert md.read_text(encoding="utf-8").startswith("# Plan: Analytics platform")


def test_plan_as_json_and_re_planned_after_a_logged_meeting(campaign: Invoke) -> None:
    data = json.loads(campaign("campaign", "plan", "active", "--k", "2", "-f", "json").stdout)
    steps = data["approach"]["steps"]
    assert steps[0]["name"] == "Iris Vega"
    assert {m["kind"] for m in data["meetings"]} >= {"pre-brief", "one-on-one"}
    campaign("log", "Iris Vega", "--kind", "one-on-one", "--tone", "2")
    again = json.loads(campaign("campaign", "plan", "--k", "2", "-f", "json").stdout)
    assert "Iris Vega" not in [s["name"] for s in again["approach"]["steps"]]
    assert [a["name"] for a in again["approach"]["approached"]] == ["Iris Vega"]
    campaign("stance", "set", "Iris Vega", "-p", "78", "-s", "0.5")
    third = json.loads(campaign("campaign", "plan", "--k", "2", "-f", "json").stdout)
    assert "Iris Vega" in [o["name"] for o in third["approach"]["on_board"]]


def test_trades_on_a_single_issue_point_to_what_they_value(campaign: Invoke) -> None:
    out = campaign("campaign", "trades").stdout
    assert "single issue" in out and "Maria values candour" in out
    rows = json.loads(campaign("campaign", "trades", "-f", "json").stdout)
    assert rows["single_issue"] is True


def test_plan_refuses_an_unknown_campaign(campaign: Invoke) -> None:
    result = campaign("campaign", "plan", "Nothing like it", ok=False)
    assert "No campaign" in result.output
