"""A missing record is named in plain words by the API and the pages: its kind and id,
and what to do next as facts (API) or a link (pages), never a command line.

The record endpoints are read from the OpenAPI document, so a new one is checked too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network

MISSING = 999999

#: The list page each kind of record links to when one is missing.
LIST_PAGES = {
    "person": "/people",
    "organisation": "/organisations",
    "unit": "/units",
    "tie": "/ties",
    "observation": "/observations",
    "interaction": "/interactions",
    "favour": "/favours",
    "promise": "/promises",
    "cadence": "/cadences",
    "campaign": "/campaigns",
    "alliance": "/alliances",
    "goal": "/goals",
    "survey": "/surveys",
}
#: What a command line would leave in a text: a command of ours, or an option.
COMMAND_TEXT = re.compile(r"allies |--[a-z]|`")


def _kind(parameter: str) -> str:
    """``favour_id`` -> ``favour``; ``organisation_tie_id`` -> ``organisation tie``."""
    return parameter.removesuffix("_id").replace("_", " ")


def _record_operations(document: dict[str, Any], method: str) -> list[tuple[str, str]]:
    """``(path with the id filled in, kind)`` of every operation with one ``{…_id}`` in
    its path and no required query parameter."""
    found = []
    for path, operations in document["paths"].items():
        operation = operations.get(method)
        parameters = re.findall(r"\{([^}]+)\}", path)
        if operation is None or len(parameters) != 1 or not parameters[0].endswith("_id"):
            continue
        required_query = [
            p for p in operation.get("parameters", []) if p["in"] == "query" and p.get("required")
        ]
        if required_query or "requestBody" in operation:
            continue
        found.append((path.replace(f"{{{parameters[0]}}}", str(MISSING)), _kind(parameters[0])))
    return found


def _error_section(html: str) -> str:
    """The error part of a page (what the error handler wrote)."""
    match = re.search(r'<section class="error-page">(.*?)</section>', html, re.S)
    assert match is not None, html
    return match[1]


@pytest.fixture
def document(client: TestClient) -> dict[str, Any]:
    """The app's OpenAPI document."""
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    return dict(answer.json())


@pytest.mark.parametrize("method", ["get", "delete"])
def test_the_api_names_a_missing_record_by_kind_and_id(
    client: TestClient, network: Network, document: dict[str, Any], method: str
) -> None:
    operations = _record_operations(document, method)
    kinds = {kind for _, kind in operations}
    assert {"favour", "promise", "unit", "observation", "interaction"} <= kinds
    if method == "get":
        assert set(LIST_PAGES) <= kinds
    for url, kind in operations:
        answer = client.request(method.upper(), url)
        assert answer.status_code == 404, (url, answer.text)
        body = answer.json()
        assert body["detail"] == f"No {kind} #{MISSING}.", url
        assert body["kind"] == kind and body["id"] == MISSING, url
        assert body["next"] == {"action": "list", "kind": kind, "options": {}}, url
        assert body["field"] is None
        assert not COMMAND_TEXT.search(answer.text), (url, answer.text)


def test_a_missing_promise_is_a_promise(client: TestClient, network: Network) -> None:
    for method, url in [
        ("GET", f"/api/v1/promises/{MISSING}"),
        ("PATCH", f"/api/v1/promises/{MISSING}"),
        ("DELETE", f"/api/v1/promises/{MISSING}"),
        ("POST", f"/api/v1/promises/{MISSING}/settle"),
    ]:
        body: dict[str, Any] = {"outcome": "kept"} if method == "POST" else {}
        answer = client.request(method, url, json=body if method != "GET" else None)
        assert answer.status_code == 404, (method, answer.text)
        assert answer.json()["detail"] == f"No promise #{MISSING}.", method
        assert "commitment" not in answer.text.casefold()


def test_the_pages_name_a_missing_record_and_link_to_its_list(
    client: TestClient, network: Network, document: dict[str, Any]
) -> None:
    covered: set[str] = set()
    for url, kind in _record_operations(document, "get"):
        page_url = url.removeprefix("/api/v1")
        for candidate in (page_url, f"{page_url}/edit"):
            answer = client.get(candidate)
            if answer.status_code == 405 or "There is no page at this address" in answer.text:
                continue  # the API has this address, the pages do not
            assert answer.status_code == 404, (candidate, answer.text)
            section = _error_section(answer.text)
            assert f"No {kind} #{MISSING}." in section, candidate
            assert f'<a href="{LIST_PAGES[kind]}">' in section, (candidate, section)
            assert not COMMAND_TEXT.search(section), (candidate, section)
            assert "--" not in answer.text and "allies " not in answer.text, candidate
            covered.add(kind)
            break
    assert covered == set(LIST_PAGES)


def test_no_one_marked_as_me_links_to_adding_a_person(client: TestClient) -> None:
    answer = client.get(f"/api/v1/health/{MISSING}")
    assert answer.status_code == 404
    body = answer.json()
    assert body["next"] == {"action": "add", "kind": "person", "options": {"me": True}}
    assert not COMMAND_TEXT.search(answer.text), answer.text
    page = client.get(f"/goals/{MISSING}")
    assert page.status_code == 404
    section = _error_section(page.text)
    assert "Nobody is marked as you yet" in section
    assert '<a href="/people/new">Add a person</a>' in section
    assert not COMMAND_TEXT.search(section), section
