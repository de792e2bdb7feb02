"""Hostile text against every write of the API, on SQLite and on PostgreSQL: a NUL character
or a megabyte in any text field is refused with 422 naming the field, never a server error.

Both stores must keep the same texts, so that any workspace moves between them: PostgreSQL
refuses a NUL character that SQLite would keep, and neither should hold a megabyte name.
The request bodies are built from the OpenAPI document, so a new endpoint is covered too.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from allies.config import Settings
from allies.errors import InvalidInput
from allies.services.network.people import add_person
from allies.services.vocabulary import NAME_MAX, TEXT_MAX
from allies.web import create_app
from tests.faces.web.small_network import Network, build_network

#: The hostile values: a NUL character inside a name, and a megabyte of text.
HOSTILE = {"nul": "Ann\x00Lee", "megabyte": "x" * 1_000_000}

pytestmark = pytest.mark.slow


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest) -> Iterator[tuple[Settings, Network]]:
    """Settings on a fresh workspace of each store, holding the small network."""
    if request.param == "sqlite":
        url: str = request.getfixturevalue("database_url")
    else:
        url = request.getfixturevalue("postgres_database_url")
    settings = Settings(database_url=url, workspace=f"hostile-{uuid.uuid4().hex[:10]}")
    yield settings, build_network(settings)


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with a ``$ref`` followed and a nullable ``anyOf`` reduced to its type."""
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return _resolve(document, option)
    return schema


def _plain(document: dict[str, Any], schema: dict[str, Any]) -> object:
    """A well-formed value for ``schema`` (the body's other fields stay valid)."""
    schema = _resolve(document, schema)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "string":
        return "2026-01-05" if schema.get("format") == "date" else "plain"
    if kind == "integer":
        return 1
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if kind == "object":
        return {}
    return None


def _text_fields(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, bool]:
    """The body's text fields, each with whether it is a list of texts."""
    found: dict[str, bool] = {}
    for name, field in _resolve(document, schema).get("properties", {}).items():
        field = _resolve(document, field)
        if field.get("type") == "string" and "enum" not in field and "format" not in field:
            found[name] = False
        elif field.get("type") == "array":
            items = _resolve(document, field.get("items", {}))
            if items.get("type") == "string" and "enum" not in items:
                found[name] = True
    return found


def _writes(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, body schema) of /api/v1 that takes a JSON body."""
    found = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if path.startswith("/api/v1") and body:
                found.append((method.upper(), path, body["schema"]))
    return found


def _cases(document: dict[str, Any], network: Network) -> Iterator[tuple[str, str, dict]]:
    """(method, url, body) with one hostile text field each, the others well-formed."""
    for method, path, schema in _writes(document):
        url = path
        for segment in path.split("/"):
            if segment.startswith("{"):
                url = url.replace(segment, str(network.ann))
        resolved = _resolve(document, schema)
        plain = {
            name: _plain(document, field)
            for name, field in resolved.get("properties", {}).items()
            if name in resolved.get("required", [])
        }
        for name, many in _text_fields(document, schema).items():
            for value in HOSTILE.values():
                yield method, url, {**plain, name: [value] if many else value}


def test_no_text_field_of_any_write_gives_a_server_error(store: tuple[Settings, Network]) -> None:
    settings, network = store
    app = create_app(settings)
    document = app.openapi()
    checked = 0
    with TestClient(app, follow_redirects=False) as client:
        for method, url, body in _cases(document, network):
            answer = client.request(method, url, json=body)
            assert answer.status_code != 500, (method, url, answer.text[:300])
            if method == "POST":
                hostile = next(
                    k
                    for k, v in body.items()
                    if v in HOSTILE.values()
                    or (isinstance(v, list) and v and v[0] in HOSTILE.values())
                )
                assert answer.status_code == 422, (method, url, hostile, answer.text[:300])
                assert hostile in answer.text, (method, url, answer.text[:300])
            checked += 1
    assert checked > 100  # every write with a text field was reached


def test_the_limits_are_stated_in_the_openapi_document(store: tuple[Settings, Network]) -> None:
    settings, _ = store
    document = create_app(settings).openapi()
    person = document["components"]["schemas"]["PersonCreate"]["properties"]
    assert person["name"]["maxLength"] == NAME_MAX == 300
    assert person["notes"]["maxLength"] == TEXT_MAX == 20_000
    assert person["tags"]["items"]["maxLength"] == NAME_MAX


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_every_store_refuses_the_same_text_below_the_api(
    store: tuple[Settings, Network], value: str
) -> None:
    """The command line, the pages and imports reach the services directly: the domain
    refuses the text there too, naming the field, on both stores alike."""
    from allies.bootstrap import unit_of_work_factory

    settings, _ = store
    factory = unit_of_work_factory(settings)
    with pytest.raises(InvalidInput) as refused:
        add_person(factory(settings.workspace), value)
    assert refused.value.field == "name"
    with pytest.raises(InvalidInput) as refused:
        add_person(factory(settings.workspace), "Dee", notes=value.replace("x", "\x00", 1))
    assert refused.value.field == "notes"
