"""``PUT /api/v1/captures/{key}``: what a phone kept while offline arrives once. A first
sending answers 201, a repeat 200 with the same record, a refusal 409 with the reason and
nothing stored; on a team server a session needs its CSRF header and a viewer may not."""

from __future__ import annotations

import uuid
from typing import get_args

from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.domain.captures import CAPTURE_KINDS
from allies.domain.captures import CaptureStatus as DomainStatus
from allies.web.schemas.keep.captures import CaptureKind, CaptureStatus
from tests.faces.web.small_network import Network
from tests.faces.web.team_setup import Team, unsafe_headers

API = "/api/v1/captures"


def _interactions(settings: Settings) -> list[str]:
    with unit_of_work_factory(settings)(settings.workspace) as uow:
        return [i.summary for i in uow.interactions.list()]


def test_a_meeting_sent_twice_is_stored_once(
    client: TestClient, settings: Settings, network: Network
) -> None:
    key = str(uuid.uuid4())
    body = {
        "kind": "meeting",
        "fields": {"people": "Ann", "summary": "Kept offline", "on": "today"},
    }
    first = client.put(f"{API}/{key}", json=body)
    assert first.status_code == 201, first.text
    answer = first.json()
    assert answer["outcome"] == "stored" and answer["first"] and answer["record_id"]
    assert answer["message"] == "The meeting with Ann is stored."
    again = client.put(f"{API}/{key}", json=body)
    assert again.status_code == 200 and again.json()["outcome"] == "already-stored"
    assert again.json()["record_id"] == answer["record_id"]
    assert _interactions(settings).count("Kept offline") == 1


def test_every_kind_can_be_captured(
    client: TestClient, settings: Settings, network: Network
) -> None:
    sent = {
        "observation": {"subject": "Ann", "kind": "deferred_to", "object": "Bo", "on": "today"},
        "favour": {"person": "Bo", "direction": "given", "description": "Lent the projector"},
        "promise": {"by": "me", "to": "Cy", "description": "Send the memo", "due": "in 3 days"},
        "note": {"person_id": str(network.ann), "body": "Prefers mornings"},
    }
    for kind, fields in sent.items():
        answer = client.put(f"{API}/{uuid.uuid4()}", json={"kind": kind, "fields": fields})
        assert answer.status_code == 201, (kind, answer.text)
    note = client.get(f"/api/v1/people/{network.ann}/notes").json()
    assert any(n["body"] == "Prefers mornings" for n in note)


def test_a_refusal_says_why_and_stores_nothing(
    client: TestClient, settings: Settings, network: Network
) -> None:
    before = _interactions(settings)
    body = {"kind": "meeting", "fields": {"people": "Zed Gone", "summary": "Lost person"}}
    refused = client.put(f"{API}/{uuid.uuid4()}", json=body)
    assert refused.status_code == 409
    assert refused.json()["outcome"] == "refused" and "Zed Gone" in refused.json()["message"]
    assert _interactions(settings) == before


def test_a_key_is_checked_and_names_one_capture(client: TestClient, network: Network) -> None:
    body = {"kind": "meeting", "fields": {"people": "Ann", "summary": "One"}}
    assert client.put(f"{API}/same-key-1", json=body).status_code == 201
    other = client.put(f"{API}/same-key-1", json={**body, "fields": {"people": "Bo"}})
    assert other.status_code == 409 and "another capture" in other.json()["detail"]
    bad = client.put(f"{API}/bad*key", json=body)  # a path that names nothing: 404
    assert bad.status_code == 404 and bad.json()["field"] == "key"
    unknown = client.put(f"{API}/k-unknown", json={"kind": "dance", "fields": {}})
    assert unknown.status_code == 422 and unknown.json()["field"] == "kind"


def test_on_a_team_server_a_session_sends_its_token_and_a_viewer_may_not(team: Team) -> None:
    body = {"kind": "meeting", "fields": {"people": team.alpha_names[0], "summary": "Team capture"}}
    editor = team.client("bo")
    assert editor.put(f"{API}/{uuid.uuid4()}", json=body).status_code == 403  # no CSRF header
    sent = editor.put(f"{API}/{uuid.uuid4()}", json=body, headers=unsafe_headers(editor))
    assert sent.status_code == 201, sent.text
    viewer = team.client("cy")
    refused = viewer.put(f"{API}/{uuid.uuid4()}", json=body, headers=unsafe_headers(viewer))
    assert refused.status_code == 403


def test_the_api_names_the_kinds_and_outcomes_the_domain_does() -> None:
    assert get_args(CaptureKind) == CAPTURE_KINDS
    assert set(get_args(CaptureStatus)) == set(get_args(DomainStatus))
