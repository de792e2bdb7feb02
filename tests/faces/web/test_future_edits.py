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
