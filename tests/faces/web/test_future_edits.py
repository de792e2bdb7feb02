"""A favour or an observation records something that happened: changing its day to one
after today is refused like recording it there, with a message beside the day (web edit
forms) or naming the field (API), and the record keeps its day."""

from __future__ import annotations

import html
from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network

FUTURE = "can't be in the future — it records something that happened"


def test_a_favour_edited_to_next_week_is_refused_beside_the_day(
    client: TestClient, network: Network
) -> None:
    before = client.get(f"/api/v1/favours/{network.favour}").json()["occurred_on"]
    page = client.post(
        f"/favours/{network.favour}/edit",
        data={
            "person": "Ann Lee",
            "direction": "given",
            "description": "Reviewed her memo",
            "size": "medium",
            "on": "next week",
        },
    )
    assert page.status_code == 422, page.text[:300]
    text = html.unescape(page.text)
    assert FUTURE in text and 'id="favour-on-error"' in page.text
    assert "Reviewed her memo" in text  # what was typed is kept
    assert client.get(f"/api/v1/favours/{network.favour}").json()["occurred_on"] == before


def test_an_observation_edited_to_tomorrow_is_refused_beside_the_day(
    client: TestClient, network: Network
) -> None:
    page = client.post(
        f"/observations/{network.observation}/edit",
        data={"subject": "Cy Diaz", "kind": "deferred_to", "object": "Bo Chen", "on": "tomorrow"},
    )
    assert page.status_code == 422, page.text[:300]
    assert FUTURE in html.unescape(page.text) and 'id="observation-on-error"' in page.text


def test_the_api_refuses_a_future_day_on_patch(client: TestClient, network: Network) -> None:
    later = (date.today() + timedelta(days=3)).isoformat()
    for path, key in (
        (f"/api/v1/favours/{network.favour}", "occurred_on"),
        (f"/api/v1/observations/{network.observation}", "observed_on"),
    ):
        before = client.get(path).json()[key]
        sent = client.patch(path, json={key: later})
        assert sent.status_code == 422, sent.text
        assert FUTURE in sent.json()["detail"]
        assert client.get(path).json()[key] == before
    today = date.today().isoformat()
    assert client.patch(path, json={"observed_on": today}).status_code == 200


def test_the_api_names_its_own_field_for_a_future_day(client: TestClient, network: Network) -> None:
    """POST and PATCH of favours, observations and interactions: the 422 names the API's
    field (``occurred_on``, ``observed_on``), and nothing is recorded or changed."""
    later = (date.today() + timedelta(days=3)).isoformat()
    made = {
        "/api/v1/favours": (
            {"person_id": network.ann, "direction": "given", "description": "A lift"},
            "occurred_on",
        ),
        "/api/v1/observations": (
            {"subject_id": network.cy, "kind": "deferred_to", "object_id": network.bo},
            "observed_on",
        ),
        "/api/v1/interactions": (
            {"participant_ids": [network.ann], "summary": "Tea"},
            "occurred_on",
        ),
    }
    for path, (body, key) in made.items():
        before = client.get(path).json()["total"]
        sent = client.post(path, json={**body, key: later})
        assert sent.status_code == 422, sent.text
        assert sent.json()["field"] == key and FUTURE in sent.json()["detail"]
        assert client.get(path).json()["total"] == before
    for path, key in (
        (f"/api/v1/favours/{network.favour}", "occurred_on"),
        (f"/api/v1/observations/{network.observation}", "observed_on"),
        (f"/api/v1/interactions/{network.interaction}", "occurred_on"),
    ):
        before = client.get(path).json()[key]
        sent = client.patch(path, json={key: later})
        assert sent.status_code == 422, sent.text
        assert sent.json()["field"] == key and FUTURE in sent.json()["detail"]
        assert client.get(path).json()[key] == before
