"""A request that adds or changes a record of the network is one service call: one
transaction, checks, write and the answer's names and profile read together.

Counted on the store's own engine (see :mod:`tests.faces.web.traffic`): every BEGIN the
request sends is seen.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network
from tests.faces.web.traffic import Traffic, traffic

__all__ = ["traffic"]  # the fixture, used by name


def _requests(network: Network) -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """Each POST and PATCH of the network's routers: method, path, body, what it answers."""
    tie, seen = f"/api/v1/ties/{network.tie}", f"/api/v1/observations/{network.observation}"
    return [
        (
            "POST",
            "/api/v1/people",
            {"name": "Dee Ford", "organisation": "Acme", "tags": ["new"]},
            {"name": "Dee Ford", "organisation": "Acme", "tags": ["new"]},
        ),
        (
            "PATCH",
            f"/api/v1/people/{network.cy}",
            {"title": "Controller", "unit": "Legal"},
            {"title": "Controller", "unit": "Legal", "name": "Cy Diaz"},
        ),
        ("POST", "/api/v1/organisations", {"name": "Beta Ltd"}, {"name": "Beta Ltd"}),
        (
            "PATCH",
            f"/api/v1/organisations/{network.acme}",
            {"notes": "Our employer"},
            {"name": "Acme", "notes": "Our employer"},
        ),
        (
            "POST",
            "/api/v1/units",
            {"name": "Contracts", "organisation_id": network.acme, "parent_id": network.legal},
            {"organisation": "Acme", "parent": "Legal", "people": 0},
        ),
        (
            "PATCH",
            f"/api/v1/units/{network.legal}",
            {"name": "Legal & Risk", "organisation_id": None},
            {"name": "Legal & Risk", "organisation_id": None, "people": 1},
        ),
        (
            "POST",
            "/api/v1/ties",
            {
                "source_id": network.cy,
                "kind": "trusts",
                "target_id": network.ann,
                "valid_from": "2025-01-01",
            },
            {"source": "Cy Diaz", "target": "Ann Lee", "valid_from": "2025-01-01"},
        ),
        (
            "PATCH",
            tie,
            {"target_id": network.cy, "valid_to": "2030-01-01"},
            {"source": "Ann Lee", "target": "Cy Diaz", "valid_to": "2030-01-01"},
        ),
        (
            "POST",
            "/api/v1/observations",
            {
                "subject_id": network.ann,
                "kind": "deferred_to",
                "object_id": network.cy,
                "observed_on": "2026-01-05",
            },
            {"subject": "Ann Lee", "object": "Cy Diaz", "observed_on": "2026-01-05"},
        ),
        (
            "PATCH",
            seen,
            {"object_id": network.ann, "observed_on": "2026-01-06"},
            {"subject": "Cy Diaz", "object": "Ann Lee", "observed_on": "2026-01-06"},
        ),
        (
            "POST",
            f"/api/v1/people/{network.bo}/merge",
            {"duplicate_id": network.cy},
            {"removed_id": network.cy, "kept_id": network.bo},
        ),
    ]


@pytest.mark.parametrize("which", range(11))
def test_each_change_to_the_network_is_one_transaction(
    client: TestClient, network: Network, traffic: Traffic, which: int
) -> None:
    method, path, body, expected = _requests(network)[which]
    traffic.reset()
    response = client.request(method, path, json=body)
    assert response.status_code in (200, 201), response.text
    answer = response.json()
    assert {key: answer[key] for key in expected} == expected
    assert traffic.begins == 1, traffic.statements


def test_an_id_naming_nobody_names_its_field_in_one_transaction(
    client: TestClient, network: Network, traffic: Traffic
) -> None:
    refused = [
        ("POST", "/api/v1/ties", {"source_id": network.ann, "kind": "trusts", "target_id": 9999}),
        ("PATCH", f"/api/v1/observations/{network.observation}", {"subject_id": 9999}),
        ("POST", "/api/v1/units", {"name": "Audit", "organisation_id": 9999}),
        ("PATCH", f"/api/v1/units/{network.legal}", {"organisation_id": 9999}),
        ("POST", f"/api/v1/people/{network.bo}/merge", {"duplicate_id": 9999}),
    ]
    fields = ["target_id", "subject_id", "organisation_id", "organisation_id", "duplicate_id"]
    for count, ((method, path, body), field) in enumerate(zip(refused, fields, strict=True)):
        response = client.request(method, path, json=body)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == field
        assert traffic.begins == count + 1


def test_deleting_a_person_and_moving_their_records_is_one_transaction(
    client: TestClient, network: Network, traffic: Traffic
) -> None:
    response = client.delete(f"/api/v1/people/{network.cy}", params={"reassign_to": network.bo})
    assert response.status_code == 204, response.text
    assert traffic.begins == 1
    missing = client.delete("/api/v1/people/9999", params={"delete_related": True})
    assert missing.status_code == 404
    unknown = client.delete(f"/api/v1/people/{network.bo}", params={"reassign_to": 9999})
    assert unknown.status_code == 422
    assert unknown.json()["field"] == "reassign_to"
    assert traffic.begins == 3
