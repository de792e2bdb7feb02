"""The organisation, unit, tie and observation endpoints of the REST API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


def test_organisations(client: TestClient, network: Network) -> None:
    listed = client.get("/api/v1/organisations").json()
    assert listed["total"] == 1
    acme = listed["items"][0]
    assert acme["name"] == "Acme" and acme["people"] == 3 and acme["units"] == ["Finance", "Legal"]
    assert client.get("/api/v1/organisations", params={"q": "zzz"}).json()["total"] == 0
    created = client.post("/api/v1/organisations", json={"name": "City", "kind": "council"})
    assert created.status_code == 201
    city = created.json()
    assert client.get(f"/api/v1/organisations/{city['id']}").json()["kind"] == "council"
    renamed = client.patch(f"/api/v1/organisations/{city['id']}", json={"name": "City Hall"})
    assert renamed.json()["name"] == "City Hall"
    clash = client.patch(f"/api/v1/organisations/{city['id']}", json={"name": "acme"})
    assert clash.status_code == 409
    assert client.post("/api/v1/organisations", json={"name": "Acme"}).status_code == 409
    assert client.post("/api/v1/organisations", json={"name": ""}).json()["field"] == "name"
    assert client.delete(f"/api/v1/organisations/{city['id']}").status_code == 204
    assert client.get(f"/api/v1/organisations/{city['id']}").status_code == 404
    assert client.delete(f"/api/v1/organisations/{acme['id']}").status_code == 409
    detached = client.delete(f"/api/v1/organisations/{acme['id']}", params={"detach": True})
    assert detached.status_code == 204
    assert client.get(f"/api/v1/people/{network.ann}").json()["organisation"] == ""


def test_units(client: TestClient, network: Network) -> None:
    units = client.get("/api/v1/units").json()["items"]
    assert {u["name"] for u in units} == {"Finance", "Legal"}
    finance = next(u for u in units if u["name"] == "Finance")
    assert finance["people"] == 2
    org_id = finance["organisation_id"]
    assert client.get("/api/v1/units", params={"organisation_id": 999}).json()["total"] == 0
    created = client.post(
        "/api/v1/units",
        json={"name": "Payroll", "organisation_id": org_id, "parent_id": finance["id"]},
    )
    assert created.status_code == 201
    payroll = created.json()
    assert payroll["parent"] == "Finance" and payroll["organisation"] == "Acme"
    assert client.get(f"/api/v1/units/{payroll['id']}").json()["name"] == "Payroll"
    moved = client.patch(f"/api/v1/units/{payroll['id']}", json={"parent_id": None, "name": "Pay"})
    assert moved.json()["parent_id"] is None and moved.json()["name"] == "Pay"
    bad = client.post("/api/v1/units", json={"name": "X", "organisation_id": 999})
    assert bad.status_code == 422 and bad.json()["field"] == "organisation_id"
    bad_parent = client.post("/api/v1/units", json={"name": "X", "parent_id": 999})
    assert bad_parent.status_code == 422 and bad_parent.json()["field"] == "parent_id"
    assert client.delete(f"/api/v1/units/{payroll['id']}").status_code == 204
    assert client.get(f"/api/v1/units/{payroll['id']}").status_code == 404
    assert client.delete(f"/api/v1/units/{finance['id']}").status_code == 409


def test_ties(client: TestClient, network: Network) -> None:
    listed = client.get("/api/v1/ties").json()
    assert listed["total"] == 2
    only = client.get("/api/v1/ties", params={"kind": "listens_to"}).json()["items"]
    assert [(t["source"], t["target"]) for t in only] == [("Ann Lee", "Bo Chen")]
    of_bo = client.get("/api/v1/ties", params={"person_id": network.bo}).json()
    assert of_bo["total"] == 1
    assert client.get("/api/v1/ties", params={"person_id": 999}).status_code == 404
    created = client.post(
        "/api/v1/ties",
        json={"source_id": network.cy, "kind": "trusts", "target_id": network.bo, "weight": 0.7},
    )
    assert created.status_code == 201
    tie = created.json()
    assert tie["source"] == "Cy Diaz" and tie["kind"] == "trusts"
    assert client.get(f"/api/v1/ties/{tie['id']}").json()["weight"] == 0.7
    changed = client.patch(
        f"/api/v1/ties/{tie['id']}", json={"weight": 0.2, "valid_from": "2026-01-01"}
    ).json()
    assert changed["weight"] == 0.2 and changed["valid_from"] == "2026-01-01"
    cleared = client.patch(f"/api/v1/ties/{tie['id']}", json={"valid_from": None}).json()
    assert cleared["valid_from"] is None
    too_heavy = client.post(
        "/api/v1/ties",
        json={"source_id": network.cy, "kind": "knows", "target_id": network.bo, "weight": 2},
    )
    assert too_heavy.status_code == 422 and too_heavy.json()["field"] == "weight"
    self_tie = client.post(
        "/api/v1/ties", json={"source_id": network.cy, "kind": "knows", "target_id": network.cy}
    )
    assert self_tie.status_code == 422 and self_tie.json()["field"] == "target"
    ghost = client.post(
        "/api/v1/ties", json={"source_id": network.cy, "kind": "knows", "target_id": 999}
    )
    assert ghost.status_code == 422 and ghost.json()["field"] == "target_id"
    bad_kind = client.post(
        "/api/v1/ties", json={"source_id": network.cy, "kind": "loves", "target_id": network.bo}
    )
    assert bad_kind.status_code == 422 and bad_kind.json()["field"] == "kind"
    assert client.delete(f"/api/v1/ties/{tie['id']}").status_code == 204
    assert client.get(f"/api/v1/ties/{tie['id']}").status_code == 404
    assert client.patch("/api/v1/ties/1000000000", json={"weight": 0.1}).status_code == 404
    assert client.delete("/api/v1/ties/1000000000").status_code == 404


def test_observations(client: TestClient, network: Network) -> None:
    listed = client.get("/api/v1/observations").json()
    assert listed["total"] == 1
    assert listed["items"][0]["subject"] == "Cy Diaz"
    assert client.get("/api/v1/observations", params={"kind": "opposed"}).json()["total"] == 0
    of_ann = client.get("/api/v1/observations", params={"person_id": network.ann}).json()
    assert of_ann["total"] == 0
    created = client.post(
        "/api/v1/observations",
        json={
            "subject_id": network.ann,
            "kind": "sought_advice_from",
            "object_id": network.bo,
            "context": "Budget meeting",
        },
    )
    assert created.status_code == 201
    seen = created.json()
    assert seen["observed_on"]  # today by default
    assert client.get(f"/api/v1/observations/{seen['id']}").json()["context"] == "Budget meeting"
    changed = client.patch(
        f"/api/v1/observations/{seen['id']}", json={"strength": 0.5, "observed_on": "2026-01-02"}
    ).json()
    assert changed["strength"] == 0.5 and changed["observed_on"] == "2026-01-02"
    since = client.get("/api/v1/observations", params={"since": "2026-01-03"}).json()
    assert seen["id"] not in [o["id"] for o in since["items"]]
    bad = client.post(
        "/api/v1/observations",
        json={
            "subject_id": network.ann,
            "kind": "deferred_to",
            "object_id": network.bo,
            "strength": -1,
        },
    )
    assert bad.status_code == 422 and bad.json()["field"] == "strength"
    assert client.delete(f"/api/v1/observations/{seen['id']}").status_code == 204
    assert client.get(f"/api/v1/observations/{seen['id']}").status_code == 404
