"""An edit form carries the record's stored version, and its save checks that version in
the same statement that writes: of two people who opened the same favour, the second to
save is told someone else changed it, and nothing of theirs overwrites the first."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from tests.faces.web.small_network import Network


def _form_version(client: TestClient, favour: int) -> str:
    page = client.get(f"/favours/{favour}/edit").text
    found = re.search(r'name="version" value="([^"]+)"', page)
    assert found is not None, "the edit form carries a version"
    return found[1]


def test_the_second_of_two_editors_is_told_and_changes_nothing(
    client: TestClient, settings: Settings, network: Network
) -> None:
    first = _form_version(client, network.favour)
    second = _form_version(client, network.favour)
    assert first == second and first.startswith("v")  # the store's version
    saved = client.post(
        f"/favours/{network.favour}/edit",
        data={
            "person": "Ann",
            "direction": "given",
            "description": "Lent a room",
            "version": first,
        },
    )
    assert saved.status_code == 303, saved.text[:500]
    late = client.post(
        f"/favours/{network.favour}/edit",
        data={"person": "Ann", "direction": "given", "description": "Old text", "version": second},
    )
    assert late.status_code == 409 and "changed by someone else" in late.text
    with unit_of_work_factory(settings)(settings.workspace) as uow:
        assert uow.favours.get(network.favour).description == "Lent a room"
    assert _form_version(client, network.favour) != first  # a fresh form is at the new one
