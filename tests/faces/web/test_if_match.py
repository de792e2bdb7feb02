"""Every editable record answers an ``ETag`` (its stored version) and honours
``If-Match``: an edit sent with the tag of a read someone else's change has since
overtaken is refused (412 Precondition Failed), one sent with the current tag goes
through."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from allies.web.api.concurrency import CHECKED
from tests.faces.web.small_network import Network

#: For each collection: how to find (or make) a record, and two different edits of it.
Make = Callable[[TestClient, Network], int]


def _made(client: TestClient, path: str, body: dict[str, Any]) -> int:
    answer = client.post(path, json=body)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


KINDS: dict[str, tuple[Make, dict[str, Any], dict[str, Any]]] = {
    "organisations": (lambda c, n: n.acme, {"notes": "one"}, {"notes": "two"}),
    "units": (lambda c, n: n.legal, {"name": "Law"}, {"name": "Counsel"}),
    "ties": (lambda c, n: n.tie, {"weight": 0.5}, {"weight": 0.6}),
    "observations": (lambda c, n: n.observation, {"note": "one"}, {"note": "two"}),
    "interactions": (lambda c, n: n.interaction, {"summary": "one"}, {"summary": "two"}),
    "favours": (lambda c, n: n.favour, {"description": "one"}, {"description": "two"}),
    "promises": (lambda c, n: n.promise, {"description": "one"}, {"description": "two"}),
    "cadences": (lambda c, n: n.cadence, {"ideal_days": 10}, {"ideal_days": 12}),
    "campaigns": (
        lambda c, n: _made(c, "/api/v1/campaigns", {"name": "Budget"}),
        {"description": "one"},
        {"description": "two"},
    ),
    "alliances": (
        lambda c, n: _made(c, "/api/v1/alliances", {"name": "Reformers"}),
        {"purpose": "one"},
        {"purpose": "two"},
    ),
    "goals": (
        lambda c, n: _made(c, "/api/v1/goals", {"title": "Pass the budget"}),
        {"status": "reached"},
        {"status": "dropped"},
    ),
    "affiliations": (
        lambda c, n: _made(
            c, "/api/v1/affiliations", {"person_id": n.ann, "organisation_id": n.acme}
        ),
        {"role": "one"},
        {"role": "two"},
    ),
    "organisation_ties": (
        lambda c, n: _made(
            c,
            "/api/v1/organisation_ties",
            {
                "source_id": _made(c, "/api/v1/organisations", {"name": "Fund"}),
                "kind": "funds",
                "target_id": n.acme,
            },
        ),
        {"note": "one"},
        {"note": "two"},
    ),
    "notes": (
        lambda c, n: _made(c, f"/api/v1/people/{n.ann}/notes", {"body": "First thoughts"}),
        {"body": "one"},
        {"body": "two"},
    ),
}


def test_every_guarded_collection_is_tested() -> None:
    assert set(KINDS) == set(CHECKED)


@pytest.mark.parametrize("collection", sorted(KINDS))
def test_a_stale_if_match_is_refused_and_a_current_one_accepted(
    client: TestClient, network: Network, collection: str
) -> None:
    make, first, second = KINDS[collection]
    path = f"/api/v1/{collection}/{make(client, network)}"
    read = client.get(path)
    assert read.status_code == 200, read.text
    stale = read.headers["ETag"]

    changed = client.patch(path, json=first, headers={"If-Match": stale})
    assert changed.status_code == 200, changed.text
    current = changed.headers["ETag"]
    assert current != stale
    assert client.get(path).headers["ETag"] == current  # the same tag as a fresh read

    assert re.fullmatch(r'"[0-9]+"', stale) and int(current.strip('"')) > int(stale.strip('"'))
    refused = client.patch(path, json=second, headers={"If-Match": stale})
    assert refused.status_code == 412, refused.text
    assert "changed by someone else" in refused.json()["detail"]
    assert client.get(path).headers["ETag"] == current  # nothing was written

    if collection != "goals":  # goals are not deleted through the API
        assert client.delete(path, headers={"If-Match": stale}).status_code == 412
        assert client.get(path).status_code == 200

    accepted = client.patch(path, json=second, headers={"If-Match": current})
    assert accepted.status_code == 200, accepted.text
    assert client.patch(path, json=first, headers={"If-Match": "*"}).status_code == 200
    odd = client.patch(path, json=first, headers={"If-Match": '"not-a-version"'})
    assert odd.status_code == 412 and odd.json()["field"] == "If-Match"


def _form_version(html: str) -> str:
    found = re.search(r'<input type="hidden" name="version" value="(v?[0-9a-f]+)">', html)
    assert found, "the edit form carries no version"
    return found.group(1)


@pytest.mark.parametrize("path", ["/favours", "/organisations"])
def test_an_edit_form_filled_in_before_another_change_is_refused(
    client: TestClient, network: Network, path: str
) -> None:
    record = network.favour if path == "/favours" else network.acme
    edit = f"{path}/{record}/edit"
    form = client.get(edit)
    read = _form_version(form.text)
    field, theirs, mine = (
        ("description", "Reviewed the memo twice", "Read her memo")
        if path == "/favours"
        else ("notes", "Their notes", "My notes")
    )
    collection = f"/api/v1{path}/{record}"
    assert client.patch(collection, json={field: theirs}).status_code == 200

    values = {**_filled(form.text), field: mine, "version": read}
    stale = client.post(edit, data=values)
    assert stale.status_code == 409
    assert "changed by someone else" in stale.text
    assert f'value="{mine}"' in stale.text or f">{mine}</textarea>" in stale.text
    assert client.get(collection).json()[field] == theirs

    fresh = _form_version(client.get(edit).text)
    assert fresh != read
    saved = client.post(edit, data={**values, "version": fresh})
    assert saved.status_code == 303, saved.text
    assert client.get(collection).json()[field] == mine


def _filled(html: str) -> dict[str, str]:
    """The values an edit form was filled in with (text inputs, text areas, selects)."""
    values = dict(re.findall(r'<input id="[^"]+" name="([^"]+)" value="([^"]*)"', html))
    values.update(re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', html))
    for name, options in re.findall(
        r'<select id="[^"]+" name="([^"]+)".*?>(.*?)</select>', html, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        values[name] = chosen.group(1) if chosen else ""
    return values


def test_the_openapi_document_states_if_match_and_etag(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for collection in CHECKED:
        (path,) = [p for p in paths if re.fullmatch(rf"/api/v1/{collection}/\{{\w+\}}", p)]
        patch = paths[path]["patch"]
        assert "If-Match" in [p["name"] for p in patch["parameters"]]
        assert "ETag" in patch["responses"]["200"]["headers"]
