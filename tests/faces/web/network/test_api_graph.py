"""The graph and path endpoints, the OpenAPI document and the error shapes."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from allies.domain import Tie
from allies.services.network.map import strongest_chain
from tests.faces.web.small_network import Network


def test_graph_has_every_person_and_tie(client: TestClient, network: Network) -> None:
    graph = client.get("/api/v1/graph").json()
    assert len(graph["nodes"]) == 4
    assert len(graph["edges"]) == 2
    assert graph["sized_by"] == "influence"
    assert graph["units"] == ["Finance", "Legal"]
    bo = next(n for n in graph["nodes"] if n["name"] == "Bo Chen")
    assert bo["size"] == 1.0  # Ann listens to him and Cy deferred to him
    assert {e["kind"] for e in graph["edges"]} == {"listens_to", "knows"}


def test_graph_of_an_empty_workspace(client: TestClient) -> None:
    graph = client.get("/api/v1/graph").json()
    assert graph == {
        "nodes": [],
        "edges": [],
        "units": [],
        "kinds": [],
        "sized_by": "in-degree",
        "groups": [],
        "campaign": "",
        "campaigns": [],
        "level": "everyone",
        "by": "group",
        "people": 0,
        "ties": 0,
        "clusters": [],
        "links": [],
        "sides": [],
        "opened": [],
        "focus": None,
        "circle": [],
        "left_out": 0,
    }


def test_strongest_path(client: TestClient, network: Network) -> None:
    path = client.get("/api/v1/paths", params={"target": network.bo}).json()
    assert path["person_ids"] == [network.me, network.ann, network.bo]
    assert abs(path["strength"] - 0.9 * 0.8) < 1e-9
    from_cy = client.get("/api/v1/paths", params={"target": network.bo, "source": network.cy})
    assert from_cy.status_code == 404  # Cy has no ties
    assert client.get("/api/v1/paths", params={"target": 999}).status_code == 404
    missing = client.get("/api/v1/paths")
    assert missing.status_code == 422 and missing.json()["field"] == "target"


def test_strongest_chain_prefers_strong_over_short() -> None:
    ties = [
        Tie(1, 2, "knows", weight=0.2, id=1),
        Tie(1, 3, "trusts", weight=0.9, id=2),
        Tie(3, 2, "works_with", weight=0.9, id=3),
        Tie(4, 5, "knows", weight=0.9, id=4, valid_to=date(2000, 1, 1)),
    ]
    chain, strength = strongest_chain(ties, 1, 2, as_of=date(2026, 1, 1)) or ([], 0)
    assert [pid for pid, _ in chain] == [1, 3, 2]
    assert abs(strength - 0.81) < 1e-9
    assert strongest_chain(ties, 4, 5, as_of=date(2026, 1, 1)) is None  # expired tie
    back, _ = strongest_chain(ties, 2, 1, as_of=date(2026, 1, 1)) or ([], 0)
    assert [pid for pid, _ in back] == [2, 3, 1]  # ties work both ways for introductions


KEEP_PATHS = {
    f"/api/v1/{path}"
    for path in (
        "health",
        "health/cooling",
        "health/{person_id}",
        "checkins",
        "checkins/{person_id}/snooze",
        "reliability",
        "reliability/{person_id}",
        "favour-nudges",
        "promises-due",
        "today",
        "week",
        "program",
        "program/{day}",
        "alliances",
        "alliances/{alliance_id}",
        "alliances/{alliance_id}/health",
        "alliances/{alliance_id}/status",
        "alliances/{alliance_id}/partners",
        "alliances/{alliance_id}/goals",
        "alliances/{alliance_id}/agreement",
        "alliances/{alliance_id}/responsibilities",
        "alliances/{alliance_id}/responsibilities/{responsibility_id}/complete",
        "alliances/{alliance_id}/milestones",
        "alliances/{alliance_id}/milestones/{milestone_id}/reached",
        "alliances/{alliance_id}/milestones/{milestone_id}/celebrated",
        "alliances/{alliance_id}/conflicts",
        "alliances/{alliance_id}/conflicts/{conflict_id}/discussed",
        "alliances/{alliance_id}/conflicts/{conflict_id}/resolved",
    )
}

#: Campaigns, their issues and stances, forecasts and chart data.
CAMPAIGN_PATHS = {
    f"/api/v1/campaigns{path}"
    for path in (
        "",
        "/{campaign_id}",
        "/{campaign_id}/issues",
        "/{campaign_id}/issues/{issue_id}",
        "/{campaign_id}/stances",
        "/{campaign_id}/stances/batch",
        "/{campaign_id}/stances/history",
        "/{campaign_id}/forecast",
        "/{campaign_id}/charts",
    )
}

#: Where you stand: the power base, goals and self-assessments.
STANDING_PATHS = {
    f"/api/v1/{path}"
    for path in (
        "powerbase",
        "goals",
        "goals/steps",
        "goals/{goal_id}",
        "goals/{goal_id}/needs",
        "assessments",
        "assessments/questions",
        "assessments/latest",
    )
}

RESOURCES = (
    "people",
    "organisations",
    "units",
    "ties",
    "observations",
    "interactions",
    "favours",
    "promises",
    "cadences",
)


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    for resource in RESOURCES:
        assert set(paths[f"/api/v1/{resource}"]) == {"get", "post"}, resource
        item = next(p for p in paths if p.startswith(f"/api/v1/{resource}/{{"))
        assert set(paths[item]) == {"get", "patch", "delete"}, resource
    assert "/api/v1/graph" in paths and "/api/v1/paths" in paths
    assert "/api/v1/promises/{promise_id}/settle" in paths
    assert "/api/v1/people/{person_id}/merge" in paths
    expected = {f"/api/v1/{r}" for r in RESOURCES} | {
        "/api/v1/graph",
        "/api/v1/paths",
        "/api/v1/favours/balances",
        "/api/v1/promises/{promise_id}/settle",
        "/api/v1/people/{person_id}/merge",
    }
    expected |= {p for p in paths if p.count("/") == 4 and p.endswith("_id}")}
    expected |= {
        f"/api/v1/influence/{name}"
        for name in ("influencers", "brokers", "communities", "path", "confidants", "why")
    }
    expected |= KEEP_PATHS | CAMPAIGN_PATHS | STANDING_PATHS
    missing = expected - set(paths)
    assert not missing, f"endpoints missing from the OpenAPI document: {sorted(missing)}"
    assert all(p.startswith("/api/v1/") for p in paths)  # pages stay out of the API


def test_unknown_api_address_is_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_responses_carry_a_content_security_policy(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
