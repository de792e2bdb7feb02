"""``allies campaign plan`` reads the day's stored plan back and ``--replan`` plans anew."""

from __future__ import annotations

import json

from tests.faces.cli.campaigns.test_campaign_plan_cli import campaign
from tests.faces.cli.invoke import Invoke

__all__ = ["campaign"]  # the fixture, shared with the plan command's tests


def test_the_days_plan_is_read_back_and_replan_plans_anew(campaign: Invoke) -> None:
    def plan(*extra: str) -> dict[str, object]:
        out = campaign("campaign", "plan", "--k", "2", "-f", "json", *extra).stdout
        approach: dict[str, object] = json.loads(out)["approach"]
        return approach

    first, again = plan(), plan()
    assert first["reused"] is False and again["reused"] is True
    assert again["planned_at"] == first["planned_at"] and again["steps"] == first["steps"]
    fresh = plan("--replan")
    assert fresh["reused"] is False and fresh["planned_at"] != first["planned_at"]
    shown = campaign("campaign", "plan", "--k", "2").stdout
    assert "Today's plan, made at" in shown and "--replan" in shown
    assert "samples that chose the plan" in shown or "simulations" in shown
