"""The hand-written edit forms of campaigns, alliances and goals carry the version they
were drawn from (issue 21): opened, then changed by someone else through the API, then
saved, the form comes back 409 with a plain message saying what the other person changed,
what was typed kept, and the record left as the other person saved it. On SQLite and on
PostgreSQL."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from allies.config import Settings
from allies.web import create_app
from tests.faces.web.small_network import Network, build_network


@dataclass
class World:
    """A client on a store holding the small network."""

    client: TestClient
    network: Network


@pytest.fixture(params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest) -> Iterator[World]:
    """The app on the session's SQLite file or on a fresh PostgreSQL database, in a
    workspace of its own holding the small network."""
    fixture = "database_url" if request.param == "sqlite" else "postgres_database_url"
    url = request.getfixturevalue(fixture)
    settings = Settings(database_url=url, workspace=f"t-{uuid.uuid4().hex[:8]}")
    network = build_network(settings)
    with TestClient(create_app(settings), follow_redirects=False) as client:
        yield World(client, network)


def form_fields(page: str, action: str) -> dict[str, str]:
    """The fields of the form posting to ``action``: inputs, text areas, chosen options."""
    start = page.index(f'action="{action}"')
    form = page[start : page.index("</form>", start)]
    values = {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form)
    }
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        values[html.unescape(name)] = html.unescape(body)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"\s+selected', body)
        values[html.unescape(name)] = html.unescape(chosen[1]) if chosen else ""
    return values


def _campaign(client: TestClient, network: Network) -> int:
    made = client.post(
        "/api/v1/campaigns",
        json={
            "name": "Audit reform",
            "issues": [{"name": "Scope", "desired_position": 80}],
            "decider_ids": [network.bo],
        },
    )
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_a_stale_campaign_form_is_refused_and_keeps_the_text(world: World) -> None:
    client, network = world.client, world.network
    campaign = _campaign(client, network)
    sent = form_fields(client.get(f"/campaigns/{campaign}").text, f"/campaigns/{campaign}")
    assert sent["version"] == "v1" and "Audit reform" in sent["drawn"]
    other = client.patch(f"/api/v1/campaigns/{campaign}", json={"name": "Audit overhaul"})
    assert other.status_code == 200, other.text
    sent |= {"name": "My better name", "description": "Typed with care"}
    late = client.post(f"/campaigns/{campaign}", data=sent)
    assert late.status_code == 409, late.text[:300]
    text = html.unescape(late.text)
    assert "Someone else changed this campaign since you opened it" in text
    assert "the name is now “Audit overhaul” (it was “Audit reform”)" in text
    assert "Your text is kept below" in text
    again = form_fields(late.text, f"/campaigns/{campaign}")
    assert again["name"] == "My better name" and again["description"] == "Typed with care"
    stored = client.get(f"/api/v1/campaigns/{campaign}").json()
    assert stored["name"] == "Audit overhaul" and stored["description"] == ""
    # the form now carries the version stored: saving again is a deliberate choice
    assert again["version"] == "v2"
    assert client.post(f"/campaigns/{campaign}", data=again).status_code == 303
    assert client.get(f"/api/v1/campaigns/{campaign}").json()["name"] == "My better name"


def test_a_campaign_form_with_a_mistake_keeps_the_version_it_was_drawn_from(
    world: World,
) -> None:
    client, network = world.client, world.network
    campaign = _campaign(client, network)
    sent = form_fields(client.get(f"/campaigns/{campaign}").text, f"/campaigns/{campaign}")
    client.patch(f"/api/v1/campaigns/{campaign}", json={"name": "Audit overhaul"})
    wrong = client.post(f"/campaigns/{campaign}", data=sent | {"name": ""})
    assert wrong.status_code == 422
    kept = form_fields(wrong.text, f"/campaigns/{campaign}")
    assert kept["version"] == "v1"  # a mistake does not launder a stale form
    late = client.post(f"/campaigns/{campaign}", data=kept | {"name": "Fixed"})
    assert late.status_code == 409
    assert client.get(f"/api/v1/campaigns/{campaign}").json()["name"] == "Audit overhaul"


def _alliance(client: TestClient, network: Network) -> int:
    made = client.post(
        "/api/v1/alliances", json={"name": "Audit allies", "person_ids": [network.ann]}
    )
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_a_stale_agreement_form_is_refused_and_keeps_the_text(world: World) -> None:
    client, network = world.client, world.network
    alliance = _alliance(client, network)
    action = f"/alliances/{alliance}/agreement"
    sent = form_fields(client.get(f"/alliances/{alliance}").text, action)
    assert sent["version"] == "v1"
    other = client.put(f"/api/v1/alliances/{alliance}/agreement", json={"agreed": "Share the data"})
    assert other.status_code == 200, other.text
    late = client.post(action, data=sent | {"agreed": "Meet monthly", "divided": "Half each"})
    assert late.status_code == 409, late.text[:300]
    text = html.unescape(late.text)
    assert "Someone else changed this alliance since you opened it" in text
    assert "What is agreed is now “Share the data” (it was empty)" in text
    again = form_fields(late.text, action)
    assert again["agreed"] == "Meet monthly" and again["divided"] == "Half each"
    stored = client.get(f"/api/v1/alliances/{alliance}").json()
    assert stored["agreement"]["agreed"] == "Share the data"
    assert stored["agreement"]["divided"] == ""


def test_stale_check_in_and_status_forms_are_refused(world: World) -> None:
    client, network = world.client, world.network
    alliance = _alliance(client, network)
    page = client.get(f"/alliances/{alliance}").text
    cadence = form_fields(page, f"/alliances/{alliance}/cadence")
    status = form_fields(page, f"/alliances/{alliance}/status")
    assert cadence["version"] == status["version"] == "v1"
    client.patch(f"/api/v1/alliances/{alliance}", json={"checkin_ideal_days": 7})
    late = client.post(f"/alliances/{alliance}/cadence", data=cadence | {"every": "45"})
    assert late.status_code == 409
    assert "is now “7” (it was “30”)" in html.unescape(late.text)
    assert form_fields(late.text, f"/alliances/{alliance}/cadence")["every"] == "45"
    late = client.post(f"/alliances/{alliance}/status", data=status | {"status": "ended"})
    assert late.status_code == 409 and "Someone else saved this alliance" in late.text
    assert "choose again" in late.text
    stored = client.get(f"/api/v1/alliances/{alliance}").json()
    assert stored["checkin_ideal_days"] == 7 and stored["status"] != "ended"
    # an addition is not refused: it overwrites nothing
    added = client.post(f"/alliances/{alliance}/goal", data={"goal": "Pass the audit"})
    assert added.status_code == 303


def test_a_stale_goal_status_form_is_refused(world: World) -> None:
    client = world.client
    made = client.post("/api/v1/goals", json={"title": "Lead the audit"})
    assert made.status_code in (200, 201), made.text
    goal = int(made.json()["id"])
    sent = form_fields(client.get(f"/goals/{goal}").text, f"/goals/{goal}/status")
    assert sent["version"] == "v1"
    assert client.patch(f"/api/v1/goals/{goal}", json={"status": "reached"}).status_code == 200
    late = client.post(f"/goals/{goal}/status", data=sent | {"status": "dropped"})
    assert late.status_code == 409, late.text[:300]
    assert "its status is now “reached” (it was “open”)" in html.unescape(late.text)
    assert client.get(f"/api/v1/goals/{goal}").json()["status"] == "reached"


def _table_fields(page: str) -> dict[str, str]:
    return {
        html.unescape(k): html.unescape(v)
        for k, v in re.findall(r'name="(s-\d+-\w+-\w+)"[^>]*value="([^"]*)"', page)
    }


def test_a_stance_row_changed_by_someone_else_is_refused_beside_it(world: World) -> None:
    client, network = world.client, world.network
    campaign = _campaign(client, network)
    first = {"person_id": network.ann, "issue": "Scope", "position": 70}
    client.post(f"/api/v1/campaigns/{campaign}/stances/batch", json={"stances": [first]})
    editor = client.get(f"/campaigns/{campaign}/stances").text
    fields = _table_fields(editor)
    scope = re.search(rf'name="s-(\d+)-p{network.ann}-was"', editor)
    assert scope is not None
    ann = f"s-{scope[1]}-p{network.ann}-"
    assert fields[ann + "was"].startswith("70|")
    other = {"person_id": network.ann, "issue": "Scope", "position": 20}
    client.post(f"/api/v1/campaigns/{campaign}/stances/batch", json={"stances": [other]})
    late = client.post(
        f"/campaigns/{campaign}/stances",
        data={
            **fields,
            ann + "position": "85",
            f"s-{scope[1]}-new0-person": "Bo Chen",
            f"s-{scope[1]}-new0-position": "30",
        },
    )
    assert late.status_code == 409, late.text[:500]
    text = html.unescape(late.text)
    assert "Someone else recorded a new stance for Ann Lee since you opened the table" in text
    assert "the table: position 20 (it was 70). Your numbers are kept" in text
    assert f'id="{ann}position-error"' in late.text  # beside the row's cell
    kept = _table_fields(late.text)
    assert kept[ann + "position"] == "85" and kept[f"s-{scope[1]}-new0-person"] == "Bo Chen"
    history = client.get(
        f"/api/v1/campaigns/{campaign}/stances/history", params={"person_id": network.ann}
    ).json()
    assert [r["position"] for r in history] == [70, 20]  # nothing recorded over theirs
    bo = client.get(
        f"/api/v1/campaigns/{campaign}/stances/history", params={"person_id": network.bo}
    ).json()
    assert bo == []  # all or nothing
    # the table is drawn afresh for that row: saving again records the typed numbers
    assert kept[ann + "was"].startswith("20|")
    saved = client.post(f"/campaigns/{campaign}/stances", data=kept)
    assert saved.status_code == 303, saved.text[:500]


def test_every_problem_of_the_stance_table_is_shown_at_once(world: World) -> None:
    client, network = world.client, world.network
    campaign = _campaign(client, network)
    editor = client.get(f"/campaigns/{campaign}/stances").text
    scope = re.search(r'name="s-(\d+)-new0-person"', editor)
    assert scope is not None
    row = f"s-{scope[1]}-new"
    data = {
        f"{row}0-person": "Nobody Known",
        f"{row}0-position": "40",
        f"{row}1-person": "Ann Lee",
        f"{row}1-position": "140",
        f"{row}1-salience": "lots",
        f"{row}2-position": "50",
        "on": "someday soon",
    }
    page = client.post(f"/campaigns/{campaign}/stances", data=data)
    assert page.status_code == 422
    for cell in ("0-person", "1-position", "1-salience", "2-person"):
        assert f'id="{row}{cell}-error"' in page.text, cell
    assert 'id="stances-on-error"' in page.text
    assert "5 cells need a look" in page.text
    assert _table_fields(page.text)[f"{row}1-salience"] == "lots"
    stances = client.get(f"/api/v1/campaigns/{campaign}/stances").json()
    assert all(not t["rows"] for t in stances["issues"])
