"""Query strings are checked once, at the edge (issue 21): a NUL, invalid UTF-8 or an
over-long value is a 422 naming the parameter, on the API and the pages alike, and the
OpenAPI document states the bound; never a 500 on PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from allies.config import Settings
from allies.web import create_app
from allies.web.schemas.query import QUERY_VALUE_MAX

HOSTILE = [
    ("q=ann%00lee", "must not contain a NUL"),
    ("tag=%ff%fe", "must be valid UTF-8"),
    ("q=" + "a" * (QUERY_VALUE_MAX + 1), f"at most {QUERY_VALUE_MAX} characters"),
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_client(request: pytest.FixtureRequest) -> TestClient:
    if request.param == "sqlite":
        client: TestClient = request.getfixturevalue("client")
        return client
    url = request.getfixturevalue("postgres_database_url")
    settings = Settings(database_url=url, workspace=f"q-{uuid.uuid4().hex[:8]}")
    return TestClient(create_app(settings), follow_redirects=False)


@pytest.mark.parametrize(("query", "problem"), HOSTILE)
@pytest.mark.parametrize("path", ["/api/v1/people", "/api/v1/search", "/people", "/interactions"])
def test_a_hostile_query_is_422_naming_the_parameter(
    any_client: TestClient, path: str, query: str, problem: str
) -> None:
    answer = any_client.get(f"{path}?{query}")
    assert answer.status_code == 422, answer.text
    name = query.partition("=")[0]
    if path.startswith("/api/"):
        body = answer.json()
        assert body["field"] == name and problem in body["detail"]
    else:
        assert f"&#x27;{name}&#x27;" in answer.text and problem in answer.text


def test_a_fair_query_goes_through(client: TestClient) -> None:
    assert client.get("/api/v1/people?q=ann&tag=board").status_code == 200
    assert client.get("/people?q=" + "a" * QUERY_VALUE_MAX).status_code == 200


def test_the_openapi_document_states_the_bound(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    strings = [
        p["schema"]
        for methods in paths.values()
        for operation in methods.values()
        for p in operation.get("parameters", [])
        if p.get("in") == "query" and p.get("schema", {}).get("type") == "string"
    ]
    assert strings and all(s["maxLength"] <= QUERY_VALUE_MAX for s in strings)
