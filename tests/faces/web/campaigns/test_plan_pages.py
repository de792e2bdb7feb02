"""The plan page of a campaign, its downloads, a person's trades and the plan endpoints."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from allies.interchange.ics import read_calendar
from tests.faces.web.small_network import Network


@pytest.fixture
def campaign_id(client: TestClient, network: Network) -> int:
    """Two issues decided by Bo, who cares more about Timing; Ann listens to Bo."""
    made = client.post(
        "/api/v1/campaigns",
        json={
            "name": "Audit reform",
            "issues": [
                {"name": "Scope", "desired_position": 80},
                {"name": "Timing", "desired_position": 30},
            ],
            "decider_ids": [network.bo],
        },
    )
    assert made.status_code == 201, made.text
    body = made.json()
    stances = [
        {"person_id": network.me, "issue": "Scope", "position": 80, "salience": 0.9},
        {"person_id": network.me, "issue": "Timing", "position": 30, "salience": 0.3},
        {"person_id": network.bo, "issue": "Scope", "position": 20, "salience": 0.3},
        {"person_id": network.bo, "issue": "Timing", "position": 70, "salience": 0.9},
        {"person_id": network.ann, "issue": "Scope", "position": 50, "salience": 0.5},
    ]
    saved = client.post(f"/api/v1/campaigns/{body['id']}/stances/batch", json={"stances": stances})
    assert saved.status_code == 200, saved.text
    return int(body["id"])


def test_plan_page_shows_steps_meetings_and_trades(client: TestClient, campaign_id: int) -> None:
    page = client.get(f"/campaigns/{campaign_id}/plan?k=2&per_week=2")
    assert page.status_code == 200, page.text
    text = page.text
    assert "Plan: Audit reform" in text and 'id="plan-steps"' in text
    assert "Bo Chen" in text and "Meetings" in text and 'id="trade-table"' in text
    assert "<script>" not in text and "style=" not in text  # the strict CSP holds
    assert f"/campaigns/{campaign_id}/plan.ics?k=2" in text


def test_the_re_plan_form_takes_a_blank_or_worded_start(
    client: TestClient, campaign_id: int
) -> None:
    blank = client.get(f"/campaigns/{campaign_id}/plan?k=1&per_week=3&start=&model=ic")
    assert blank.status_code == 200, blank.text
    later = client.get(f"/campaigns/{campaign_id}/plan?k=1&start=2026-12-07")
    assert later.status_code == 200 and "Mon 2026-12-07" in later.text
    assert client.get(f"/campaigns/{campaign_id}/plan?start=nonsense").status_code == 422


def test_plan_downloads_parse_back(client: TestClient, campaign_id: int) -> None:
    ics = client.get(f"/campaigns/{campaign_id}/plan.ics?k=2")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    events = read_calendar(ics.content)
    assert events and all(e.on.weekday() < 5 for e in events)
    md = client.get(f"/campaigns/{campaign_id}/plan.md?k=2")
    assert md.status_code == 200 and md.text.startswith("# Plan: Audit reform")


def test_person_page_loads_their_trades(
    client: TestClient, network: Network, campaign_id: int
) -> None:
    page = client.get(f"/people/{network.bo}")
    assert f'hx-get="/people/{network.bo}/trades"' in page.text
    fragment = client.get(f"/people/{network.bo}/trades")
    assert fragment.status_code == 200
    assert "Audit reform" in fragment.text and "Give ground on Timing" in fragment.text
    nobody = client.get(f"/people/{network.cy}/trades")
    assert "nothing to trade" in nobody.text


def test_plan_endpoints_answer_as_json(client: TestClient, campaign_id: int) -> None:
    plan = client.get(f"/api/v1/campaigns/{campaign_id}/plan?k=2")
    assert plan.status_code == 200, plan.text
    body = plan.json()
    assert body["method"] == "celf" and body["steps"][0]["person_id"]
    meetings = client.get(f"/api/v1/campaigns/{campaign_id}/meetings?k=2&per_week=1")
    assert meetings.status_code == 200
    assert all(
        m["kind"] in ("pre-brief", "one-on-one", "group") for m in meetings.json()["meetings"]
    )
    trades = client.get(f"/api/v1/campaigns/{campaign_id}/trades").json()
    bo = next(t for t in trades["trades"] if t["name"] == "Bo Chen")
    assert bo["has_trade"] and bo["give_issue"] == "Timing" and bo["get_issue"] == "Scope"
    assert client.get("/api/v1/campaigns/1000000000/plan").status_code == 404
