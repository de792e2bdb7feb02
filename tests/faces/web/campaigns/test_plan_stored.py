"""The plan page, its API and the home page read the day's stored plan; "Plan again" and
``?replan=true`` plan anew; the home page never plans while it is being looked at."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from allies.web.pages.agenda import home
from tests.faces.web.campaigns.test_plan_pages import campaign_id
from tests.faces.web.small_network import Network

__all__ = ["campaign_id"]  # the fixture, shared with the plan page's tests


def test_the_plan_page_reads_the_days_plan_back_until_planned_again(
    client: TestClient, campaign_id: int
) -> None:
    first = client.get(f"/campaigns/{campaign_id}/plan?k=2")
    assert first.status_code == 200, first.text
    assert "Planned just now" in first.text and "Plan again" in first.text
    again = client.get(f"/campaigns/{campaign_id}/plan?k=2")
    assert "Today&#39;s plan, made at" in again.text or "Today's plan, made at" in again.text
    assert 'name="replan" value="true"' in again.text and 'name="k" value="2"' in again.text
    fresh = client.get(f"/campaigns/{campaign_id}/plan?k=2&replan=true")
    assert fresh.status_code == 200 and "Planned just now" in fresh.text


def test_the_plan_api_says_when_the_plan_was_made_and_plans_again_when_asked(
    client: TestClient, campaign_id: int
) -> None:
    first = client.get(f"/api/v1/campaigns/{campaign_id}/plan?k=2").json()
    again = client.get(f"/api/v1/campaigns/{campaign_id}/plan?k=2").json()
    fresh = client.get(f"/api/v1/campaigns/{campaign_id}/plan?k=2&replan=true").json()
    assert not first["reused"] and again["reused"] and not fresh["reused"]
    assert again["planned_at"] == first["planned_at"] != fresh["planned_at"]
    assert again["steps"] == first["steps"]
    meetings = client.get(f"/api/v1/campaigns/{campaign_id}/meetings?k=2").json()
    assert client.get(f"/api/v1/campaigns/{campaign_id}/meetings?k=2").json() == {
        **meetings,
        "approach": {**meetings["approach"], "reused": True},
    }
    bad = client.get(f"/api/v1/campaigns/{campaign_id}/plan?replan=perhaps")
    assert bad.status_code in (400, 422)


def test_the_home_page_plans_in_the_background_and_says_so(
    client: TestClient, network: Network, campaign_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[Any, str]] = []
    monkeypatch.setattr(home, "plan_day_soon", lambda settings, ws: started.append((settings, ws)))
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="planning-note"' in page.text and len(started) == 1
    settings, workspace = started[0]
    from allies.background.day_plans import plan_day_now

    assert plan_day_now(settings, workspace) == 1
    page = client.get("/")
    assert 'id="planning-note"' not in page.text and len(started) == 1
