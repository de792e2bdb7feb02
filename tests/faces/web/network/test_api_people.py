"""The people endpoints of the REST API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


def test_list_pages_and_filters(client: TestClient, network: Network) -> None:
    everyone = client.get("/api/v1/people").json()
    assert everyone["total"] == 4
    assert [p["name"] for p in everyone["items"]] == ["Ann Lee", "Bo Chen", "Cy Diaz", "Me Myself"]
    page = client.get("/api/v1/people", params={"limit": 2, "offset": 2}).json()
    assert [p["name"] for p in page["items"]] == ["Cy Diaz", "Me Myself"]
    assert page["next_offset"] is None
    first = client.get("/api/v1/people", params={"limit": 2}).json()
    assert first["next_offset"] == 2
    found = client.get("/api/v1/people", params={"q": "ann"}).json()
    assert [p["name"] for p in found["items"]] == ["Ann Lee"]
    finance = client.get("/api/v1/people", params={"unit": "Finance"}).json()
    assert {p["name"] for p in finance["items"]} == {"Bo Chen", "Cy Diaz"}
    tagged = client.get("/api/v1/people", params={"tag": "ally"}).json()
    assert [p["name"] for p in tagged["items"]] == ["Ann Lee"]
    above = client.get("/api/v1/people", params={"level": "above"}).json()
    assert [p["name"] for p in above["items"]] == ["Bo Chen"]
    recent = client.get("/api/v1/people", params={"contacted_within_days": 7}).json()
    assert [p["name"] for p in recent["items"]] == ["Ann Lee"]
    stale = client.get("/api/v1/people", params={"not_contacted_within_days": 7}).json()
    assert "Ann Lee" not in {p["name"] for p in stale["items"]}
    by_contact = client.get("/api/v1/people", params={"sort": "last-contact"}).json()
    assert by_contact["items"][0]["name"] == "Ann Lee"


def test_list_rejects_bad_paging_naming_the_field(client: TestClient, network: Network) -> None:
    response = client.get("/api/v1/people", params={"limit": 0})
    assert response.status_code == 422
    assert response.json()["field"] == "limit"
    response = client.get("/api/v1/people", params={"sort": "shoe size"})
    assert response.status_code == 422
    assert response.json()["field"] == "sort"


def test_get_one_with_ties_and_timeline(client: TestClient, network: Network) -> None:
    ann = client.get(f"/api/v1/people/{network.ann}").json()
    assert ann["name"] == "Ann Lee"
    assert ann["organisation"] == "Acme" and ann["unit"] == "Legal"
    assert ann["ties_out"][0]["person"] == "Bo Chen"
    assert ann["ties_in"][0]["person"] == "Me Myself"
    assert {e["kind"] for e in ann["timeline"]} == {"interaction", "favour", "promise"}


def test_unknown_person_is_404(client: TestClient, network: Network) -> None:
    for method in ("get", "patch", "delete"):
        kwargs = {"json": {"title": "x"}} if method == "patch" else {}
        response = getattr(client, method)("/api/v1/people/1000000000", **kwargs)
        assert response.status_code == 404, method
        assert "1000000000" in response.json()["detail"]
    assert client.get("/api/v1/people/abc").status_code == 404


def test_create_update_delete(client: TestClient, network: Network) -> None:
    created = client.post(
        "/api/v1/people",
        json={
            "name": "Dee Evans",
            "organisation": "City",
            "unit": "Planning",
            "emails": ["dee@city.test"],
            "tags": ["council"],
            "level": "external",
        },
    )
    assert created.status_code == 201
    dee = created.json()
    assert dee["organisation"] == "City" and dee["level"] == "external"
    changed = client.patch(
        f"/api/v1/people/{dee['id']}", json={"title": "Planner", "level": None, "tags": ["a", "b"]}
    )
    assert changed.status_code == 200
    assert changed.json()["title"] == "Planner"
    assert changed.json()["level"] is None
    assert changed.json()["tags"] == ["a", "b"]
    assert client.delete(f"/api/v1/people/{dee['id']}").status_code == 204
    assert client.get(f"/api/v1/people/{dee['id']}").status_code == 404


def test_create_validation_names_the_field(client: TestClient, network: Network) -> None:
    missing = client.post("/api/v1/people", json={"title": "No name"})
    assert missing.status_code == 422
    assert missing.json()["field"] == "name"
    bad_level = client.post("/api/v1/people", json={"name": "X", "level": "sideways"})
    assert bad_level.status_code == 422 and bad_level.json()["field"] == "level"
    bad_mail = client.post("/api/v1/people", json={"name": "Y", "emails": ["nope"]})
    assert bad_mail.status_code == 422 and bad_mail.json()["field"] == "emails"
    unknown = client.post("/api/v1/people", json={"name": "Z", "shoe": 42})
    assert unknown.status_code == 422 and unknown.json()["field"] == "shoe"
    duplicate = client.post("/api/v1/people", json={"name": "Ann Lee"})
    assert duplicate.status_code == 409


def test_delete_with_records_needs_a_choice(client: TestClient, network: Network) -> None:
    refused = client.delete(f"/api/v1/people/{network.ann}")
    assert refused.status_code == 409
    assert "tie" in refused.json()["detail"]
    bad_target = client.delete(f"/api/v1/people/{network.ann}", params={"reassign_to": 10**9})
    assert bad_target.status_code == 422 and bad_target.json()["field"] == "reassign_to"
    moved = client.delete(f"/api/v1/people/{network.ann}", params={"reassign_to": network.cy})
    assert moved.status_code == 204
    cy = client.get(f"/api/v1/people/{network.cy}").json()
    assert any(t["person"] == "Bo Chen" for t in cy["ties_out"])


def test_merge(client: TestClient, network: Network) -> None:
    dup = client.post(
        "/api/v1/people", json={"name": "A. Lee", "emails": ["a.lee@home.test"]}
    ).json()
    merged = client.post(f"/api/v1/people/{network.ann}/merge", json={"duplicate_id": dup["id"]})
    assert merged.status_code == 200
    assert merged.json()["removed_id"] == dup["id"]
    ann = client.get(f"/api/v1/people/{network.ann}").json()
    assert "a.lee@home.test" in ann["emails"]
    missing = client.post(f"/api/v1/people/{network.ann}/merge", json={"duplicate_id": 10**9})
    assert missing.status_code == 422 and missing.json()["field"] == "duplicate_id"
    absent = client.post("/api/v1/people/1000000000/merge", json={"duplicate_id": 1})
    assert absent.status_code == 404
