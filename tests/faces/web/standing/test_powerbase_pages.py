"""Where you stand in the browser and over the API: power base, goals, self-assessment."""

from __future__ import annotations

from fastapi.testclient import TestClient

from allies.services.standing.assessment import ITEMS
from tests.faces.web.small_network import Network

# The shared network: I know Ann (0.9) and met her yesterday; Bo (Finance) is above me,
# Cy (Finance) below; Ann listens to Bo, Cy deferred to Bo.


def test_power_base_page_shows_findings_and_charts(client: TestClient, network: Network) -> None:
    page = client.get("/powerbase")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Where you stand</h1>" in html and 'aria-current="page">Where you stand' in html
    findings = html[html.index('id="findings"') : html.index('id="composition"')]
    assert "You have no ally above you" in findings
    assert f'href="/people/{network.bo}">Bo Chen' in findings
    assert findings.count('class="finding finding-') >= 2
    assert html.count("<svg") >= 4  # composition (2 + organisations), strength, sphere
    assert 'class="seg seg-' in html and 'class="dot level-' in html
    assert " style=" not in html and "<script>" not in html
    assert "personalised PageRank" in html and "Burt" in html


def test_power_base_page_without_me_explains(client: TestClient) -> None:
    page = client.get("/powerbase")
    assert page.status_code == 200 and "Nobody is marked as you" in page.text
    assert 'href="/people/new"' in page.text


def test_goals_are_created_planned_and_extended_in_the_browser(
    client: TestClient, network: Network
) -> None:
    assert "No goals yet" in client.get("/goals").text
    made = client.post(
        "/goals",
        data={
            "title": "Lead the audit",
            "need": "Approve the plan",
            "holder": f"Bo Chen (#{network.bo})",
        },
    )
    assert made.status_code == 303
    goal_url = made.headers["location"]
    plan = client.get(goal_url).text
    assert "<h1>Lead the audit</h1>" in plan
    key = plan[plan.index('id="key-people"') :]
    assert "Bo Chen" in key and "decides &#39;Approve the plan&#39;" in key
    assert "Ask Ann Lee to introduce you to Bo Chen" in key  # Ann knows me and listens to Bo
    steps = plan[plan.index('id="steps"') : plan.index('id="key-title"')]
    assert "ask for an introduction to Bo Chen" in steps
    added = client.post(f"{goal_url}/need", data={"description": "A room", "kind": "resource"})
    assert added.status_code == 303 and "A room" in client.get(goal_url).text
    bad = client.post(f"{goal_url}/need", data={"description": "X", "holder": "Nobody Known"})
    assert bad.status_code == 404 and "Nobody called" in bad.text and 'role="alert"' in bad.text
    listed = client.get("/goals").text
    assert 'id="goal-table"' in listed and "Lead the audit" in listed
    done = client.post(f"{goal_url}/status", data={"status": "reached"})
    assert done.status_code == 303 and ">reached<" in client.get(goal_url).text
    assert client.post("/goals", data={"title": ""}).status_code == 422
    assert client.get("/goals/1000000000").status_code == 404


def test_goal_steps_show_on_today(client: TestClient, network: Network) -> None:
    client.post("/goals", data={"title": "Audit", "need": "Sign off", "holder": "Bo Chen"})
    today = client.get("/today").text
    assert "Audit: Bo Chen decides" in today


def test_self_assessment_form_scores_and_keeps_progress(
    client: TestClient, network: Network
) -> None:
    page = client.get("/assessment").text
    assert page.count('type="radio"') == 7 * len(ITEMS) and "Ferris" in page
    partial = client.post("/assessment", data={ITEMS[0].key: "5"})
    assert partial.status_code == 422 and "17 of 18 are still open" in partial.text
    assert 'value="5" checked' in partial.text  # what was typed is kept
    for score, day in (("3", "2026-01-05"), ("5", "2026-04-05")):
        answers = {item.key: score for item in ITEMS} | {"on": day}
        assert client.post("/assessment", data=answers).status_code == 303
    shown = client.get("/assessment?saved=1").text
    assert "Scored and kept." in shown and "+2.00" in shown
    assert "polyline" in shown  # the progress chart


def test_report_download_is_one_file(client: TestClient, network: Network) -> None:
    got = client.get("/powerbase/report.html")
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    assert "<style>" in got.text and "Where Me Myself stands" in got.text


def test_api_powerbase_goals_and_assessments(client: TestClient, network: Network) -> None:
    base = client.get("/api/v1/powerbase").json()
    assert base["me"]["name"] == "Me Myself" and base["findings"]
    assert {r["group"] for r in base["by_level"]} >= {"above", "peer", "below"}
    made = client.post(
        "/api/v1/goals",
        json={"title": "Audit", "needs": [{"description": "Sign off", "holder_id": network.bo}]},
    )
    assert made.status_code == 201
    plan = made.json()
    assert plan["needs"][0]["holder"] == "Bo Chen"
    assert any(k["name"] == "Bo Chen" for k in plan["key_people"])
    more = client.post(f"/api/v1/goals/{plan['id']}/needs", json={"description": "Budget"})
    assert more.status_code == 201 and len(more.json()["needs"]) == 2
    assert client.get("/api/v1/goals").json()[0]["title"] == "Audit"
    assert client.get("/api/v1/goals/steps").json()[0]["goal"] == "Audit"
    closed = client.patch(f"/api/v1/goals/{plan['id']}", json={"status": "dropped"})
    assert closed.json()["status"] == "dropped"
    assert client.get("/api/v1/goals/404").status_code == 404
    assert client.post("/api/v1/goals", json={"title": "X", "colour": 1}).status_code == 422
    questions = client.get("/api/v1/assessments/questions").json()
    answers = {q["key"]: 4 for q in questions}
    taken = client.post("/api/v1/assessments", json={"answers": answers})
    assert taken.status_code == 201 and taken.json()["overall"] == 4.0
    assert len(client.get("/api/v1/assessments").json()) == 1
    assert client.get("/api/v1/assessments/latest").json()["overall"] == 4.0
    bad = client.post("/api/v1/assessments", json={"answers": {ITEMS[0].key: 9}})
    assert bad.status_code == 422
    spec = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/powerbase", "/api/v1/goals", "/api/v1/assessments"} <= set(spec)
