"""Undoing a merge from the REST API and from the person's page."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


def _merge_a_duplicate(client: TestClient, network: Network) -> int:
    dup = client.post(
        "/api/v1/people", json={"name": "A. Lee", "emails": ["a.lee@home.test"]}
    ).json()
    merged = client.post(f"/api/v1/people/{network.ann}/merge", json={"duplicate_id": dup["id"]})
    assert merged.status_code == 200
    return int(dup["id"])


def test_the_api_splits_a_merge(client: TestClient, network: Network) -> None:
    assert client.post(f"/api/v1/people/{network.ann}/split").status_code == 409
    old = _merge_a_duplicate(client, network)
    split = client.post(f"/api/v1/people/{network.ann}/split")
    assert split.status_code == 200, split.text
    body = split.json()
    assert body["kept_id"] == network.ann and body["restored_id"] != old
    assert body["taken_back"] == ["emails"]
    back = client.get(f"/api/v1/people/{body['restored_id']}").json()
    assert back["name"] == "A. Lee" and back["emails"] == ["a.lee@home.test"]
    ann = client.get(f"/api/v1/people/{network.ann}").json()
    assert "a.lee@home.test" not in ann["emails"]
    assert client.post("/api/v1/people/1000000000/split").status_code == 404


def test_the_person_page_offers_to_split_a_merge(client: TestClient, network: Network) -> None:
    assert 'id="split-form"' not in client.get(f"/people/{network.ann}").text
    _merge_a_duplicate(client, network)
    page = client.get(f"/people/{network.ann}").text
    assert 'id="split-form"' in page and "Split off A. Lee" in page
    done = client.post(f"/people/{network.ann}/split", data={})
    assert done.status_code == 303
    after = client.get(done.headers["location"]).text
    assert 'id="split-done"' in after and 'id="split-form"' not in after
