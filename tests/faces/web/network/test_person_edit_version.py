"""The person form carries the version it was filled in from: a stale save is refused
and keeps what was typed, instead of overwriting someone else's change."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.network.people import edit_person, show_person
from tests.faces.web.small_network import Network


def _version(html: str) -> str:
    found = re.search(r'<input type="hidden" name="version" value="(\d+)">', html)
    assert found, "the edit form carries no version"
    return found.group(1)


def test_a_stale_edit_is_refused_and_a_fresh_one_saved(
    client: TestClient, network: Network, settings: Settings
) -> None:
    form = client.get(f"/people/{network.bo}/edit")
    read = _version(form.text)
    factory = unit_of_work_factory(settings)
    edit_person(factory(settings.workspace), f"#{network.bo}", {"title": "Treasurer"})

    stale = client.post(
        f"/people/{network.bo}/edit",
        data={"name": "Bo Chen", "title": "Chief of staff", "version": read},
    )
    assert stale.status_code == 409
    assert "changed by someone else" in stale.text
    assert 'value="Chief of staff"' in stale.text  # what was typed is kept
    stored = show_person(factory(settings.workspace), f"#{network.bo}")
    assert stored.person.title == "Treasurer"

    fresh = _version(client.get(f"/people/{network.bo}/edit").text)
    assert int(fresh) == int(read) + 1
    saved = client.post(
        f"/people/{network.bo}/edit",
        data={"name": "Bo Chen", "title": "Chief of staff", "version": fresh},
    )
    assert saved.status_code == 303
    assert show_person(factory(settings.workspace), f"#{network.bo}").person.title == (
        "Chief of staff"
    )
