"""Issue 19 on the web: support counted one way (the campaign page, the stance API and the
plan agree) and the trades offered together are one coherent set (API and plan page)."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


@pytest.fixture
def campaign_id(client: TestClient, network: Network) -> int:
    """Deciders Ann, Bo and Cy; Ann's best trade and Cy's contradict each other; Bo is
    within 10 points of me on Scope alone, so on board."""
    made = client.post(
        "/api/v1/campaigns",
        json={
            "name": "Platform",
            "issues": [
                {"name": "Scope", "desired_position": 80},
                {"name": "Funding", "desired_position": 70},
            ],
            "decider_ids": [network.ann, network.bo, network.cy],
        },
    )
    assert made.status_code == 201, made.text
    body = made.json()
    stances = [
        {"person_id": network.me, "issue": "Scope", "position": 80, "salience": 0.9},
        {"person_id": network.me, "issue": "Funding", "position": 70, "salience": 0.2},
        {"person_id": network.ann, "issue": "Scope", "position": 30, "salience": 0.2},
        {"person_id": network.ann, "issue": "Funding", "position": 20, "salience": 0.9},
        {"person_id": network.bo, "issue": "Scope", "position": 72, "salience": 0.5},
        {"person_id": network.bo, "issue": "Funding", "position": 64, "salience": 0.3},
        {"person_id": network.cy, "issue": "Scope", "position": 35, "salience": 0.9},
        {"person_id": network.cy, "issue": "Funding", "position": 30, "salience": 0.1},
    ]
    saved = client.post(f"/api/v1/campaigns/{body['id']}/stances/batch", json={"stances": stances})
    assert saved.status_code == 200, saved.text
    return int(body["id"])


def test_support_is_one_count_on_the_api_the_page_and_the_plan(
    client: TestClient, campaign_id: int, network: Network
) -> None:
    table = client.get(f"/api/v1/campaigns/{campaign_id}/stances").json()
    assert table["on_board"] == [network.bo] and table["stakeholders"] == 3
    sides = {r["name"]: r["side"] for r in table["issues"][0]["rows"]}
    assert sides["Bo Chen"] == "on board" and sides["Ann Lee"] == "against me"
    plan = client.get(f"/api/v1/campaigns/{campaign_id}/plan?k=1").json()
    assert {o["person_id"] for o in plan["on_board"]} - {network.me} == {network.bo}
    page = client.get(f"/campaigns/{campaign_id}")
    assert page.status_code == 200, page.text
    assert "On board: <strong>1 of 3</strong>" in page.text
    assert "with me" not in page.text and "2 on board, 0 undecided, 2 against" in page.text


def test_the_trades_offered_together_hold_together(
    client: TestClient, campaign_id: int, network: Network
) -> None:
    meetings = client.get(f"/api/v1/campaigns/{campaign_id}/meetings?k=4")
    assert meetings.status_code == 200, meetings.text
    body = meetings.json()
    alone = {t["person_id"]: t for t in body["trades"]["trades"] if t["has_trade"]}
    assert {network.ann, network.cy} <= set(alone)
    assert alone[network.cy]["give_issue"] == alone[network.ann]["get_issue"]
    assert [t["person_id"] for t in body["group_trades"]] == [network.ann]
    page = client.get(f"/campaigns/{campaign_id}/plan?k=4")
    assert page.status_code == 200, page.text
    block = page.text.split('id="group-trades"', 1)[1].split("</div>", 1)[0]
    assert html.unescape(block).count(alone[network.ann]["text"]) == 1 and "Cy Diaz" not in block
