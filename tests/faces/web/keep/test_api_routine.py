"""The interaction, favour, promise and cadence endpoints of the REST API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


def test_interactions(client: TestClient, network: Network) -> None:
    listed = client.get("/api/v1/interactions").json()
    assert listed["total"] == 1
    assert listed["items"][0]["participants"] == [{"id": network.ann, "name": "Ann Lee"}]
    group = client.post(
        "/api/v1/interactions",
        json={
            "participant_ids": [network.bo, network.cy],
            "summary": "Budget",
            "tone": 2,
            "initiated_by": "me",
        },
    )
    assert group.status_code == 201
    meeting = group.json()
    assert meeting["kind"] == "group_meeting" and meeting["initiated_by_me"] is True
    with_bo = client.get("/api/v1/interactions", params={"person_id": network.bo}).json()
    assert [i["id"] for i in with_bo["items"]] == [meeting["id"]]
    calls = client.get("/api/v1/interactions", params={"kind": "call"}).json()
    assert calls["total"] == 0
    assert client.get(f"/api/v1/interactions/{meeting['id']}").json()["summary"] == "Budget"
    changed = client.patch(
        f"/api/v1/interactions/{meeting['id']}",
        json={"participant_ids": [network.bo], "kind": "call", "initiator_id": network.bo},
    ).json()
    assert [p["name"] for p in changed["participants"]] == ["Bo Chen"]
    assert changed["kind"] == "call" and changed["initiator_id"] == network.bo
    bad_tone = client.post(
        "/api/v1/interactions", json={"participant_ids": [network.bo], "tone": 5}
    )
    assert bad_tone.status_code == 422 and bad_tone.json()["field"] == "tone"
    nobody = client.post("/api/v1/interactions", json={"participant_ids": []})
    assert nobody.status_code == 422 and nobody.json()["field"] == "participant_ids"
    ghost = client.post("/api/v1/interactions", json={"participant_ids": [999]})
    assert ghost.status_code == 422 and ghost.json()["field"] == "participant_ids"
    outsider = client.post(
        "/api/v1/interactions", json={"participant_ids": [network.bo], "initiator_id": network.cy}
    )
    assert outsider.status_code == 422 and outsider.json()["field"] == "initiator_id"
    assert client.delete(f"/api/v1/interactions/{meeting['id']}").status_code == 204
    assert client.get(f"/api/v1/interactions/{meeting['id']}").status_code == 404


def test_favours(client: TestClient, network: Network) -> None:
    listed = client.get("/api/v1/favours").json()
    assert listed["total"] == 1 and listed["items"][0]["person"] == "Ann Lee"
    created = client.post(
        "/api/v1/favours",
        json={
            "person_id": network.ann,
            "direction": "received",
            "description": "Intro",
            "size": "large",
        },
    )
    assert created.status_code == 201
    favour = created.json()
    received = client.get("/api/v1/favours", params={"direction": "received"}).json()
    assert [f["id"] for f in received["items"]] == [favour["id"]]
    balances = client.get("/api/v1/favours/balances").json()
    assert balances == [
        {"person_id": network.ann, "name": "Ann Lee", "given": 3, "received": 9, "balance": -6}
    ]
    changed = client.patch(f"/api/v1/favours/{favour['id']}", json={"size": "small"}).json()
    assert changed["size"] == "small"
    assert client.get(f"/api/v1/favours/{favour['id']}").json()["description"] == "Intro"
    bad = client.post(
        "/api/v1/favours",
        json={"person_id": network.ann, "direction": "sideways", "description": "x"},
    )
    assert bad.status_code == 422 and bad.json()["field"] == "direction"
    empty = client.post(
        "/api/v1/favours", json={"person_id": network.ann, "direction": "given", "description": ""}
    )
    assert empty.status_code == 422 and empty.json()["field"] == "description"
    assert client.delete(f"/api/v1/favours/{favour['id']}").status_code == 204
    assert client.get(f"/api/v1/favours/{favour['id']}").status_code == 404


def test_promises(client: TestClient, network: Network) -> None:
    listed = client.get("/api/v1/promises").json()
    assert listed["total"] == 1
    mine = listed["items"][0]
    assert mine["promiser"] == "Me Myself" and mine["promisee"] == "Ann Lee"
    theirs = client.post(
        "/api/v1/promises",
        json={
            "description": "Share the numbers",
            "promiser_id": network.bo,
            "due_on": "2099-01-01",
        },
    )
    assert theirs.status_code == 201
    promise = theirs.json()
    assert promise["promisee"] == "Me Myself"
    assert client.get("/api/v1/promises", params={"person_id": network.bo}).json()["total"] == 1
    changed = client.patch(f"/api/v1/promises/{promise['id']}", json={"due_on": None}).json()
    assert changed["due_on"] is None
    settled = client.post(f"/api/v1/promises/{promise['id']}/settle", json={"outcome": "done"})
    assert settled.status_code == 200 and settled.json()["status"] == "kept"
    again = client.post(f"/api/v1/promises/{promise['id']}/settle", json={"outcome": "broken"})
    assert again.status_code == 409
    kept = client.get("/api/v1/promises", params={"status": "kept"}).json()
    assert [p["id"] for p in kept["items"]] == [promise["id"]]
    bad_outcome = client.post(f"/api/v1/promises/{mine['id']}/settle", json={"outcome": "maybe"})
    assert bad_outcome.status_code == 422 and bad_outcome.json()["field"] == "outcome"
    early = client.post(
        "/api/v1/promises",
        json={
            "description": "x",
            "promisee_id": network.bo,
            "made_on": "2026-02-01",
            "due_on": "2026-01-01",
        },
    )
    assert early.status_code == 422 and early.json()["field"] == "due_on"
    assert client.get(f"/api/v1/promises/{mine['id']}").json()["status"] == "open"
    assert client.delete(f"/api/v1/promises/{mine['id']}").status_code == 204
    assert client.get(f"/api/v1/promises/{mine['id']}").status_code == 404
    assert client.post("/api/v1/promises/999/settle", json={"outcome": "done"}).status_code == 404


def test_cadences(client: TestClient, network: Network) -> None:
    listed = client.get("/api/v1/cadences").json()
    assert listed["total"] == 1 and listed["items"][0]["person"] == "Ann Lee"
    tagged = client.post("/api/v1/cadences", json={"tag": "ally", "ideal_days": 30})
    assert tagged.status_code == 201
    cadence = tagged.json()
    assert cadence["max_days"] == 60
    tier = client.post("/api/v1/cadences", json={"tier": "inner", "ideal_days": 7, "max_days": 10})
    assert tier.json()["tier"] == "inner"
    changed = client.patch(
        f"/api/v1/cadences/{cadence['id']}", json={"ideal_days": 20, "snoozed_until": "2099-01-01"}
    ).json()
    assert changed["ideal_days"] == 20 and changed["snoozed_until"] == "2099-01-01"
    too_short = client.patch(f"/api/v1/cadences/{cadence['id']}", json={"max_days": 5})
    assert too_short.status_code == 422 and too_short.json()["field"] == "max_days"
    two_scopes = client.post("/api/v1/cadences", json={"tag": "x", "tier": "key", "ideal_days": 5})
    assert two_scopes.status_code == 422 and two_scopes.json()["field"] == "scope"
    zero = client.post("/api/v1/cadences", json={"tag": "x", "ideal_days": 0})
    assert zero.status_code == 422 and zero.json()["field"] == "ideal_days"
    assert client.get(f"/api/v1/cadences/{cadence['id']}").json()["tag"] == "ally"
    assert client.delete(f"/api/v1/cadences/{cadence['id']}").status_code == 204
    assert client.get(f"/api/v1/cadences/{cadence['id']}").status_code == 404
