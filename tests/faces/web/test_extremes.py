"""Well-formed extremes at the API: a negative seed, days at the ends of the calendar and an
offset of 2**63 are refused with 422 naming the parameter, never a server error; and the
accepted ranges are stated in the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from allies.config import Settings
from allies.services.paging import MAX_OFFSET
from allies.web import create_app
from tests.faces.web.small_network import Network

#: Days no analysis can count from: the first and the last of Python's calendar.
EXTREME_DAYS = ["0001-01-01", "9999-12-31"]


def _document() -> dict[str, Any]:
    return create_app(Settings(database_url="sqlite://")).openapi()


def _query_params(kind: str) -> list[tuple[str, str]]:
    """(path, parameter) of every GET of /api/v1 with a query parameter of this kind."""
    found = []
    for path, methods in _document()["paths"].items():
        for parameter in methods.get("get", {}).get("parameters", []):
            schema = parameter.get("schema", {})
            options = schema.get("anyOf", [schema])
            if parameter["in"] == "query" and any(
                (kind == "date" and option.get("format") == "date")
                or (kind == "offset" and parameter["name"] == "offset")
                or (kind == "seed" and parameter["name"] == "seed")
                for option in options
            ):
                found.append((path, parameter["name"]))
    return found


def _url(path: str, network: Network) -> str:
    for segment in path.split("/"):
        if segment.startswith("{"):
            path = path.replace(segment, str(network.ann))
    return path


DATES = _query_params("date")
OFFSETS = _query_params("offset")
SEEDS = _query_params("seed")


def test_the_extremes_are_found() -> None:
    assert ("/api/v1/health", "as_of") in DATES
    assert ("/api/v1/today", "as_of") in DATES
    assert ("/api/v1/people", "offset") in OFFSETS
    assert ("/api/v1/campaigns/{campaign_id}/plan", "seed") in SEEDS


@pytest.mark.parametrize(("path", "name"), DATES)
def test_a_day_at_the_end_of_the_calendar_is_refused(
    client: TestClient, network: Network, path: str, name: str
) -> None:
    for day in EXTREME_DAYS:
        answer = client.get(_url(path, network), params={name: day})
        assert answer.status_code == 422, (path, name, day, answer.text[:300])
        assert name in answer.text and "1900-01-01 and 2199-12-31" in answer.text


@pytest.mark.parametrize(("path", "name"), OFFSETS)
def test_an_offset_beyond_any_list_is_refused(
    client: TestClient, network: Network, path: str, name: str
) -> None:
    for offset in (2**63, MAX_OFFSET + 1, -1):
        answer = client.get(_url(path, network), params={name: offset})
        assert answer.status_code == 422, (path, offset, answer.text[:300])
        assert "offset" in answer.text
    assert client.get(_url(path, network), params={name: MAX_OFFSET}).status_code == 200


@pytest.mark.parametrize(("path", "name"), SEEDS)
def test_a_negative_or_huge_seed_is_refused(
    client: TestClient, network: Network, path: str, name: str
) -> None:
    for seed in (-1, 2**32, 2**63):
        answer = client.get(_url(path, network), params={name: seed})
        assert answer.status_code == 422, (path, seed, answer.text[:300])
        assert "seed" in answer.text


def test_the_ranges_are_stated_in_the_openapi_document() -> None:
    paths = _document()["paths"]
    people = {p["name"]: p for p in paths["/api/v1/people"]["get"]["parameters"]}
    assert people["offset"]["schema"]["minimum"] == 0
    assert people["offset"]["schema"]["maximum"] == MAX_OFFSET
    plan = {
        p["name"]: p for p in paths["/api/v1/campaigns/{campaign_id}/plan"]["get"]["parameters"]
    }
    assert plan["seed"]["schema"]["minimum"] == 0
    assert plan["seed"]["schema"]["maximum"] == 2**32 - 1
    health = {p["name"]: p for p in paths["/api/v1/health"]["get"]["parameters"]}
    assert "between 1900-01-01 and 2199-12-31" in health["as_of"]["description"]


@pytest.mark.parametrize("seed", [-1, 2**32])
def test_the_influence_page_refuses_a_seed_out_of_range(
    client: TestClient, network: Network, seed: int
) -> None:
    answer = client.get("/influence", params={"seed": seed})
    assert answer.status_code == 422
    assert "seed" in answer.text


def test_a_body_that_is_not_json_is_named(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/people", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422 and answer.json()["field"] == "body"
    assert "not valid JSON" in answer.json()["detail"]
