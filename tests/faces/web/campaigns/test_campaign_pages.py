"""Campaign pages (list, campaign with forecasts and charts, stance editor) and the
``/api/v1/campaigns`` endpoints."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


@pytest.fixture
def campaign_id(client: TestClient, network: Network) -> int:
    """A two-issue campaign decided by Bo, with Ann's and Bo's stances."""
    made = client.post(
        "/api/v1/campaigns",
        json={
            "name": "Audit reform",
            "issues": [
                {
                    "name": "Scope",
                    "low_label": "none",
                    "high_label": "all units",
                    "desired_position": 80,
                },
                {"name": "Timing", "desired_position": 30},
            ],
            "decider_ids": [network.bo],
            "decision_on": "2026-09-30",
        },
    )
    assert made.status_code == 201, made.text
    body = made.json()
    stances = [
        {"person_id": network.ann, "issue": "Scope", "position": 70, "salience": 0.9},
        {
            "person_id": network.bo,
            "issue": "Scope",
            "position": 20,
            "salience": 0.6,
            "capability": 0.9,
        },
        {"person_id": network.me, "issue_id": body["issues"][0]["id"], "position": 80},
        {"person_id": network.bo, "issue": "Timing", "position": 60, "salience": 0.7},
    ]
    saved = client.post(f"/api/v1/campaigns/{body['id']}/stances/batch", json={"stances": stances})
    assert saved.status_code == 200 and len(saved.json()) == 4
    return int(body["id"])


def test_campaign_list_page_and_creating_one(client: TestClient, network: Network) -> None:
    page = client.get("/campaigns")
    assert page.status_code == 200 and 'aria-current="page">Campaigns' in page.text
    assert "No campaigns yet" in page.text
    made = client.post(
        "/campaigns",
        data={
            "name": "Office move",
            "issues": "Site: remote .. on site @ 20\nBudget @ 60",
            "deciders": f"Bo Chen (#{network.bo})",
            "decide_on": "in 4 weeks",
        },
    )
    assert made.status_code == 303
    shown = client.get(made.headers["location"])
    assert shown.status_code == 200 and "<h1>Office move</h1>" in shown.text
    assert "0 = remote · 100 = on site · I want 20" in shown.text
    assert "Office move" in client.get("/campaigns").text


def test_a_bad_campaign_form_says_why(client: TestClient, network: Network) -> None:
    page = client.post("/campaigns", data={"name": "X", "deciders": "Nobody Known"})
    assert page.status_code == 422 and "That was not saved." in page.text
    assert "Nobody called &#39;Nobody Known&#39;" in page.text


def test_campaign_page_shows_forecasts_side_by_side_and_the_charts(
    client: TestClient, campaign_id: int
) -> None:
    html = client.get(f"/campaigns/{campaign_id}").text
    table = html[
        html.index('id="forecast-table"') : html.index(
            "</table>", html.index('id="forecast-table"')
        )
    ]
    for words in ("Best guess", "weight in the room", "middle of the room", "sway", "bargain"):
        assert words in table  # plain words lead
    how = html[html.index("<summary>How this is computed</summary>") :]
    for name in ("Friedkin-Johnsen", "Scholz", "Stokman-Van Oosten"):
        assert name not in table and name in how  # the models' names sit behind it
    assert "Scope" in table and "Timing" in table and "I want 80" in table
    assert 'id="grid-' in html and 'id="spread-' in html  # one of each per issue
    assert html.count("<svg") == 4
    assert "manage closely" in html and "keep informed" in html
    assert re.search(r'<circle class="dot against-me decider"', html)  # Bo
    assert "Ann Lee (decider)" not in html and "Bo Chen (decider)" in html
    assert 'class="desired"' in html and 'class="forecast"' in html
    assert "Scholz" in html and " style=" not in html and "<script>" not in html
    assert 'class="range"' in table and "How sure: 8 in 10" in html


def test_editing_stances_in_the_table_records_only_changes(
    client: TestClient, network: Network, campaign_id: int
) -> None:
    editor = client.get(f"/campaigns/{campaign_id}/stances").text
    fields = dict(re.findall(r'name="(s-\d+-[\w]+-\w+)"[^>]*value="([^"]*)"', editor))
    scope_id = re.search(rf'name="s-(\d+)-p{network.ann}-was"', editor)
    assert scope_id
    ann_key = f"s-{scope_id[1]}-p{network.ann}-"
    fields[ann_key + "position"] = "75"
    fields[f"s-{scope_id[1]}-new0-person"] = f"Cy Diaz (#{network.cy})"
    fields[f"s-{scope_id[1]}-new0-position"] = "10"
    saved = client.post(f"/campaigns/{campaign_id}/stances", data={**fields, "note": "workshop"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("?saved=stances")
    history = client.get(
        f"/api/v1/campaigns/{campaign_id}/stances/history", params={"person_id": network.ann}
    ).json()
    assert [r["position"] for r in history] == [70, 75] and history[-1]["note"] == "workshop"
    bo = client.get(
        f"/api/v1/campaigns/{campaign_id}/stances/history", params={"person_id": network.bo}
    ).json()
    assert len(bo) == 2  # unchanged rows add nothing
    page = client.get(saved.headers["location"]).text
    assert "Stances recorded." in page and "Cy Diaz" in page


def test_a_bad_stance_table_changes_nothing(
    client: TestClient, network: Network, campaign_id: int
) -> None:
    editor = client.get(f"/campaigns/{campaign_id}/stances").text
    scope = re.search(r'name="s-(\d+)-new0-person"', editor)
    assert scope
    data = {
        f"s-{scope[1]}-new0-person": "Cy Diaz",
        f"s-{scope[1]}-new0-position": "40",
        f"s-{scope[1]}-new1-person": "Ann Lee",
        f"s-{scope[1]}-new1-position": "140",
    }
    page = client.post(f"/campaigns/{campaign_id}/stances", data=data)
    assert page.status_code == 422 and "That was not saved." in page.text and "140" in page.text
    stances = client.get(f"/api/v1/campaigns/{campaign_id}/stances").json()
    assert all(r["name"] != "Cy Diaz" for t in stances["issues"] for r in t["rows"])


def test_changing_the_campaign_on_its_page(
    client: TestClient, network: Network, campaign_id: int
) -> None:
    issues = client.get(f"/api/v1/campaigns/{campaign_id}").json()["issues"]
    data = {
        "name": "Audit reform",
        "decide_on": "2026-10-15",
        "status": "active",
        "deciders": f"Bo Chen (#{network.bo}), Ann Lee",
        "issue-0-id": str(issues[0]["id"]),
        "issue-0-name": issues[0]["name"],
        "issue-0-low": issues[0]["low_label"],
        "issue-0-high": issues[0]["high_label"],
        "issue-0-want": "90",
    }
    assert client.post(f"/campaigns/{campaign_id}", data=data).status_code == 303
    body = client.get(f"/api/v1/campaigns/{campaign_id}").json()
    assert body["decision_on"] == "2026-10-15" and [d["name"] for d in body["deciders"]] == [
        "Bo Chen",
        "Ann Lee",
    ]
    assert body["issues"][0]["desired_position"] == 90
    added = client.post(f"/campaigns/{campaign_id}/issues", data={"issue": "Budget @ 50"})
    assert added.status_code == 303
    assert len(client.get(f"/api/v1/campaigns/{campaign_id}").json()["issues"]) == 3


def test_api_forecast_charts_and_stances(
    client: TestClient, network: Network, campaign_id: int
) -> None:
    forecast = client.get(f"/api/v1/campaigns/{campaign_id}/forecast").json()
    scope = forecast["issues"][0]
    assert scope["issue"] == "Scope" and scope["models"][0]["model"] == "default"
    assert scope["to_desired"] == pytest.approx(scope["default"] - 80)
    assert "Friedkin-Johnsen" in forecast["method"]
    assert scope["low"] <= scope["default"] <= scope["high"]
    assert scope["models"][0]["low"] == scope["low"] and scope["sureness"].startswith("8 in 10")
    assert "80%" in forecast["range_note"]
    charts = client.get(f"/api/v1/campaigns/{campaign_id}/charts", params={"issue": "Scope"}).json()
    points = {p["name"]: p for p in charts["issues"][0]["points"]}
    assert points["Bo Chen"]["quadrant"] == "manage closely" and points["Bo Chen"]["is_decider"]
    assert points["Me Myself"]["is_me"]
    table = client.get(
        f"/api/v1/campaigns/{campaign_id}/stances", params={"issue": "Timing"}
    ).json()
    assert [r["name"] for r in table["issues"][0]["rows"]] == ["Bo Chen"]
    one = client.post(
        f"/api/v1/campaigns/{campaign_id}/stances",
        json={"person_id": network.cy, "issue": "Timing", "position": 15, "on": "2026-01-05"},
    )
    assert one.status_code == 201 and one.json()["recorded_on"] == "2026-01-05"
    assert one.json()["capability"] is None and one.json()["salience"] == 0.5


def test_api_crud_and_errors(client: TestClient, network: Network, campaign_id: int) -> None:
    listed = client.get("/api/v1/campaigns").json()
    assert [c["name"] for c in listed] == ["Audit reform"]
    patched = client.patch(
        f"/api/v1/campaigns/{campaign_id}", json={"status": "won", "decision_on": None}
    )
    assert patched.json()["status"] == "won" and patched.json()["decision_on"] is None
    issue_id = patched.json()["issues"][1]["id"]
    renamed = client.patch(
        f"/api/v1/campaigns/{campaign_id}/issues/{issue_id}",
        json={"name": "When", "high_label": "later"},
    )
    assert renamed.json()["issues"][1]["name"] == "When"
    absent = client.patch(f"/api/v1/campaigns/{campaign_id}/issues/1000000000", json={})
    assert absent.status_code == 404
    assert client.post("/api/v1/campaigns", json={"name": "audit reform"}).status_code == 409
    bad = client.post(
        f"/api/v1/campaigns/{campaign_id}/stances", json={"person_id": network.ann, "position": 120}
    )
    assert bad.status_code == 422
    unknown = client.post(
        f"/api/v1/campaigns/{campaign_id}/stances",
        json={"person_id": network.ann, "issue": "Nothing", "position": 20},
    )
    assert unknown.status_code == 422 and "no issue" in unknown.json()["detail"]
    assert client.delete(f"/api/v1/campaigns/{campaign_id}").status_code == 204
    assert client.get(f"/api/v1/campaigns/{campaign_id}").status_code == 404
    assert client.get(f"/campaigns/{campaign_id}").status_code == 404


def test_the_api_is_documented(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/campaigns", "/api/v1/campaigns/{campaign_id}/forecast"} <= set(paths)
