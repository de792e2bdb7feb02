"""Dates inside request bodies are bounded once, in the schemas (issue 21): a year 0001 or
9999 is a 422 naming the field, on SQLite and PostgreSQL, never a 500 or a stored day the
analyses cannot count to."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from allies.config import Settings
from allies.web import create_app
from tests.faces.web.small_network import Network, build_network


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def setup(request: pytest.FixtureRequest) -> tuple[TestClient, Network]:
    if request.param == "sqlite":
        return request.getfixturevalue("client"), request.getfixturevalue("network")
    url = request.getfixturevalue("postgres_database_url")
    settings = Settings(database_url=url, workspace=f"d-{uuid.uuid4().hex[:8]}")
    return TestClient(create_app(settings), follow_redirects=False), build_network(settings)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"])
def test_a_day_out_of_range_is_422_naming_the_field(
    setup: tuple[TestClient, Network], day: str
) -> None:
    client, network = setup
    cases = [
        ("post", "/api/v1/favours", {"person_id": network.ann, "direction": "given",
                                     "description": "Memo", "occurred_on": day}, "occurred_on"),
        ("patch", f"/api/v1/promises/{network.promise}", {"due_on": day}, "due_on"),
        ("post", "/api/v1/campaigns", {"name": f"C {day}", "decision_on": day}, "decision_on"),
    ]  # fmt: skip
    for method, path, body, field in cases:
        answer = getattr(client, method)(path, json=body)
        assert answer.status_code == 422, (path, answer.text)
        problem = answer.json()
        assert field in str(problem["field"]) and "1900-01-01 and 2199-12-31" in problem["detail"]


def test_a_day_in_range_is_kept(setup: tuple[TestClient, Network]) -> None:
    client, network = setup
    answer = client.patch(f"/api/v1/promises/{network.promise}", json={"due_on": "2199-12-31"})
    assert answer.status_code == 200 and answer.json()["due_on"] == "2199-12-31"
