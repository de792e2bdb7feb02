"""``allies campaign plan`` lists the trades offered together, one coherent set (issue 19)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.faces.cli.invoke import Invoke

#: (who, issue, position, salience): Ann's trade and Cy's contradict each other.
STANCES = [
    ("me", "Scope", "80", "0.9"),
    ("me", "Funding", "70", "0.2"),
    ("Ann Lee", "Scope", "30", "0.2"),
    ("Ann Lee", "Funding", "20", "0.9"),
    ("Bo Chen", "Scope", "25", "0.3"),
    ("Bo Chen", "Funding", "40", "0.8"),
    ("Cy Diaz", "Scope", "35", "0.9"),
    ("Cy Diaz", "Funding", "30", "0.1"),
]


def test_the_plan_offers_one_coherent_set_of_trades(allies: Invoke, tmp_path: Path) -> None:
    allies("person", "add", "Dana Ruiz", "--me")
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz", "Iris Vega"):
        allies("person", "add", name)
    for decider in ("Ann Lee", "Bo Chen", "Cy Diaz"):
        allies("tie", "add", decider, "listens_to", "Iris Vega", "--weight", "0.9")
    allies(
        "campaign",
        "new",
        "Platform",
        "--issue",
        "Scope: own tools .. one platform @ 80",
        "--issue",
        "Funding: none .. full @ 70",
        "--decider",
        "Ann Lee, Bo Chen, Cy Diaz",
    )
    for who, issue, position, salience in STANCES:
        allies("stance", "set", who, "--issue", issue, "-p", position, "-s", salience)
    start = (date.today() + timedelta(days=1)).isoformat()
    md = tmp_path / "plan.md"
    out = allies("campaign", "plan", "--k", "4", "--start", start, "--markdown", str(md)).stdout
    assert "Trades offered together" in out
    offered = out.split("Trades offered together", 1)[1]
    assert "Ann Lee: Give ground on Funding" in offered and "Cy Diaz:" not in offered
    data = json.loads(allies("campaign", "plan", "--k", "4", "-f", "json").stdout)
    assert [t["name"] for t in data["group_trades"]] == ["Ann Lee"]
    both = {t["name"] for t in data["trades"]["trades"] if t["has_trade"]}
    assert {"Ann Lee", "Cy Diaz"} <= both  # each alone has one; together only Ann's
    assert "## Trades offered together" in md.read_text(encoding="utf-8")
