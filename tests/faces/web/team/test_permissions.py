"""Every endpoint of /api/v1, read from the OpenAPI document, tried by those who must not
get in: nobody (401), a viewer writing (403), and the owner of another workspace asking
for this one's records (404). None of them ever gets a byte of the workspace's data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.faces.web.team_setup import Team, unsafe_headers

pytestmark = pytest.mark.postgres

UNSAFE = {"post", "put", "patch", "delete"}


@dataclass(frozen=True)
class Operation:
    """One method on one path of the OpenAPI document."""

    method: str
    path: str
    spec: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations(document: dict[str, Any]) -> Iterator[Operation]:
    """Every operation under /api/v1."""
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            if path.startswith("/api/v1") and method in UNSAFE | {"get"}:
                yield Operation(method, path, spec)


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return _resolve(options[0], document) if options else {"type": "null"}
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0], document)
    return schema


def example(schema: dict[str, Any], document: dict[str, Any], name: str = "") -> Any:
    """A small value that satisfies ``schema`` (required properties only)."""
    schema = _resolve(schema, document)
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {
            key: example(properties[key], document, key)
            for key in schema.get("required", [])
            if key in properties
        }
    if kind == "array":
        return [example(schema.get("items", {}), document, name)] if schema.get("minItems") else []
    if kind == "integer":
        if "maximum" in schema:
            return schema["maximum"]
        return max(int(schema.get("minimum", 1)), 1)
    if kind == "number":
        low, high = schema.get("minimum", 0), schema.get("maximum", 1)
        return (low + high) / 2
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2026-03-01"
    if schema.get("format") == "date-time":
        return "2026-03-01T09:00:00Z"
    return "Person " + name if "person" in name or name in ("name", "source", "target") else "x"


@pytest.fixture(scope="module")
def alpha_ids(team: Team) -> dict[str, int]:
    """An id of each kind of record in workspace alpha."""
    with team.factory("alpha") as uow:
        alliance = next(a for a in uow.alliances.list() if a.milestones and a.responsibilities)
        campaign = uow.campaigns.list()[0]
        first = {
            "person_id": team.person,
            "organisation_id": uow.organisations.list()[0].id,
            "unit_id": uow.units.list()[0].id,
            "tie_id": uow.ties.list()[0].id,
            "observation_id": uow.observations.list()[0].id,
            "interaction_id": uow.interactions.list()[0].id,
            "favour_id": uow.favours.list()[0].id,
            "promise_id": uow.promises.list()[0].id,
            "cadence_id": uow.cadences.list()[0].id,
            "campaign_id": campaign.id,
            "issue_id": campaign.issues[0].id,
            "alliance_id": alliance.id,
            "responsibility_id": alliance.responsibilities[0].id,
            "milestone_id": alliance.milestones[0].id,
            "conflict_id": (alliance.conflicts or [None])[0].id if alliance.conflicts else 1,
            "goal_id": uow.goals.list()[0].id,
            "note_id": team.private_note,
        }
    return {key: int(value or 1) for key, value in first.items()}


def request_for(
    client: TestClient,
    operation: Operation,
    document: dict[str, Any],
    ids: dict[str, int],
    headers: dict[str, str],
) -> Any:
    """Call the operation with alpha's ids in the path and a small valid body."""
    path, query = operation.path, {}
    for parameter in operation.spec.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "path":
            schema = _resolve(parameter["schema"], document)
            integer = schema.get("type") == "integer"
            value = ids.get(name, 1) if integer else example(schema, document)
            path = path.replace("{" + name + "}", str(value))
        elif parameter["in"] == "query" and parameter.get("required"):
            query[name] = example(parameter["schema"], document, name)
    body = None
    content = operation.spec.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body = example(content["application/json"]["schema"], document)
    return client.request(operation.method.upper(), path, params=query, json=body, headers=headers)


def _leaks(text: str, team: Team) -> list[str]:
    return [name for name in team.alpha_names if name in text]


def test_without_a_session_every_endpoint_is_401(team: Team, alpha_ids: dict[str, int]) -> None:
    client = team.client()
    document = client.get("/api/v1/openapi.json").json()
    seen = 0
    for operation in operations(document):
        if operation.path == "/api/v1/openapi.json":
            continue
        response = request_for(client, operation, document, alpha_ids, {})
        assert response.status_code == 401, str(operation)
        assert not _leaks(response.text, team), str(operation)
        seen += 1
    assert seen > 100


@pytest.mark.parametrize("how", ["session", "token"])
def test_a_viewer_cannot_write_anywhere(team: Team, alpha_ids: dict[str, int], how: str) -> None:
    if how == "session":
        client = team.client("cy")
        headers = unsafe_headers(client)
    else:
        client = team.client()
        headers = {"Authorization": f"Bearer {team.tokens['cy']}"}
    document = client.get("/api/v1/openapi.json").json()
    writes = [op for op in operations(document) if op.method in UNSAFE]
    assert len(writes) > 50
    for operation in writes:
        response = request_for(client, operation, document, alpha_ids, headers)
        assert response.status_code == 403, str(operation)
        assert not _leaks(response.text, team), str(operation)
    assert client.get("/api/v1/people", headers=headers).json()["total"] > 10  # reads are fine


def test_another_workspaces_owner_gets_404_and_never_data(
    team: Team, alpha_ids: dict[str, int]
) -> None:
    client = team.client()
    headers = {"Authorization": f"Bearer {team.tokens['dee']}"}
    document = client.get("/api/v1/openapi.json").json()
    by_id = statuses = 0
    for operation in operations(document):
        response = request_for(client, operation, document, alpha_ids, headers)
        assert response.status_code < 500, (str(operation), response.text[:300])
        assert not _leaks(response.text, team), str(operation)
        named = {p["name"] for p in operation.spec.get("parameters", []) if p["in"] == "path"}
        if named & set(alpha_ids):
            by_id += 1
            allowed = {404} if operation.method in ("get", "delete") else {404, 422}
            assert response.status_code in allowed, (str(operation), response.status_code)
            statuses += response.status_code == 404
    assert by_id > 60 and statuses >= by_id * 0.9
