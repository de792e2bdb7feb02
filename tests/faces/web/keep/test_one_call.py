"""A request that changes a record of the routine is one service call: one transaction,
each table read once.

Counted on the store's own engine (see :mod:`tests.faces.web.traffic`): every BEGIN and
every statement the request sends is seen.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network
from tests.faces.web.traffic import Traffic, traffic

__all__ = ["traffic"]  # the fixture, used by name


def test_patching_a_favour_is_one_transaction(
    client: TestClient, network: Network, traffic: Traffic
) -> None:
    response = client.patch(
        f"/api/v1/favours/{network.favour}",
        json={
            "person_id": network.cy,
            "description": "Lent the projector",
            "occurred_on": "2026-01-05",
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["person_id"], body["person"]) == (network.cy, "Cy Diaz")
    assert (body["description"], body["occurred_on"]) == ("Lent the projector", "2026-01-05")
    assert traffic.begins == 1, traffic.statements
    assert traffic.whole_reads_of("people") == 1, traffic.statements


def test_a_favour_patch_that_fails_still_names_the_field_in_one_transaction(
    client: TestClient, network: Network, traffic: Traffic
) -> None:
    response = client.patch(f"/api/v1/favours/{network.favour}", json={"person_id": 9999})
    assert response.status_code == 422
    assert "person_id" in response.text
    assert traffic.begins == 1
    missing = client.patch("/api/v1/favours/9999", json={"description": "x"})
    assert missing.status_code == 404
    assert traffic.begins == 2


def _creations(network: Network) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Each POST that adds a record of the routine: its path, its body, what it answers."""
    return [
        (
            "/api/v1/favours",
            {"person_id": network.bo, "direction": "received", "description": "Lent a room"},
            {"person_id": network.bo, "person": "Bo Chen"},
        ),
        (
            "/api/v1/interactions",
            {
                "participant_ids": [network.bo, network.cy],
                "summary": "Budget",
                "initiator_id": network.cy,
            },
            {"kind": "group_meeting", "initiator_id": network.cy, "initiated_by_me": False},
        ),
        (
            "/api/v1/promises",
            {"description": "Share the figures", "promisee_id": network.cy},
            {"promiser_id": network.me, "promisee": "Cy Diaz", "status": "open"},
        ),
        (
            "/api/v1/cadences",
            {"person_id": network.bo, "ideal_days": 10},
            {"person": "Bo Chen", "max_days": 20},
        ),
        (
            f"/api/v1/promises/{network.promise}/settle",
            {"outcome": "release"},
            {"promisee": "Ann Lee", "status": "released"},
        ),
    ]


@pytest.mark.parametrize("which", range(5))
def test_each_post_of_the_routine_is_one_transaction(
    client: TestClient, network: Network, traffic: Traffic, which: int
) -> None:
    path, body, expected = _creations(network)[which]
    traffic.reset()
    response = client.post(path, json=body)
    assert response.status_code in (200, 201), response.text
    answer = response.json()
    assert {key: answer[key] for key in expected} == expected
    assert traffic.begins == 1, traffic.statements
    assert traffic.whole_reads_of("people") == 1, traffic.statements


def test_a_post_naming_nobody_names_the_field_in_one_transaction(
    client: TestClient, network: Network, traffic: Traffic
) -> None:
    response = client.post(
        "/api/v1/interactions", json={"participant_ids": [network.bo, 9999], "summary": "x"}
    )
    assert response.status_code == 422
    assert "participant_ids" in response.text
    assert traffic.begins == 1
    outsider = client.post(
        "/api/v1/interactions",
        json={"participant_ids": [network.bo], "initiator_id": network.cy},
    )
    assert outsider.status_code == 422
    assert "initiator_id" in outsider.text
    assert traffic.begins == 2


def _edits(network: Network) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Each PATCH of a record of the routine: its path, its body, what it answers."""
    return [
        (
            f"/api/v1/interactions/{network.interaction}",
            {"participant_ids": [network.cy], "initiated_by": "them"},
            {"initiator_id": network.cy, "participants": [{"id": network.cy, "name": "Cy Diaz"}]},
        ),
        (
            f"/api/v1/promises/{network.promise}",
            {"promisee_id": network.bo, "due_on": None},
            {"promisee": "Bo Chen", "due_on": None},
        ),
        (
            f"/api/v1/cadences/{network.cadence}",
            {"ideal_days": 21, "snoozed_until": "2030-01-01"},
            {"person": "Ann Lee", "ideal_days": 21, "snoozed_until": "2030-01-01"},
        ),
    ]


@pytest.mark.parametrize("which", range(3))
def test_each_patch_of_the_routine_is_one_transaction(
    client: TestClient, network: Network, traffic: Traffic, which: int
) -> None:
    path, body, expected = _edits(network)[which]
    traffic.reset()
    response = client.patch(path, json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert {key: answer[key] for key in expected} == expected
    assert traffic.begins == 1, traffic.statements
