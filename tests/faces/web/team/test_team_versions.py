"""The team's records over the API and in the forms: who I am here (my membership), a
relationship's owner and a meeting given to a member answer their version as ``ETag`` and
honour ``If-Match`` (412 on a stale one), and each form carries the version it was filled
in from: a stale save shows calmly what is saved now and overwrites nothing. On the
single-user app (SQLite) and on the team server (PostgreSQL)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.campaigns.editing import create_campaign
from allies.services.team import accounts
from allies.services.team.members import join
from tests.faces.web.small_network import Network
from tests.faces.web.team_setup import Team, csrf_of, unsafe_headers


def _hidden_version(page: str, action: str) -> str:
    """The version the form posting to ``action`` carries."""
    form = page.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    found = re.search(r'name="version" value="([0-9]+)"', form)
    assert found, f"no version in the form of {action}"
    return found.group(1)


def _two_members(settings: Settings, network: Network) -> tuple[str, str]:
    """Two members of the single-user workspace, Bo and Cy."""
    factory = unit_of_work_factory(settings)
    tail = settings.workspace[-6:]
    names = (f"b{tail}", f"c{tail}")
    for name, person in zip(names, (network.bo, network.cy), strict=True):
        accounts.add_user(factory, name, "a long password 1")
        accounts.grant(factory, settings.workspace, name, "editor")
        join(factory, settings.workspace, name, person=f"#{person}")
    return names


def test_a_stale_owner_over_the_api_and_in_the_form(
    client: TestClient, network: Network, settings: Settings
) -> None:
    bo, cy = _two_members(settings, network)
    path = f"/api/v1/people/{network.ann}/owner"
    read = client.get(path)
    assert read.status_code == 200 and read.headers["ETag"] == '"0"'
    assert read.json() == {"person": "Ann Lee", "owner": None}
    first = client.put(path, json={"username": bo}, headers={"If-Match": '"0"'})
    assert first.status_code == 200 and first.headers["ETag"] == '"1"'
    late = client.put(path, json={"username": cy}, headers={"If-Match": '"0"'})
    assert late.status_code == 412 and "changed by someone else" in late.json()["detail"]
    assert client.get(path).json()["owner"] == bo
    unreadable = client.put(path, json={"username": cy}, headers={"If-Match": '"bo"'})
    assert unreadable.status_code == 412
    # The person page's owner form, filled in at version 1 ...
    section = client.get(f"/people/{network.ann}/team").text
    assert _hidden_version(section, "/team/owners") == "1"
    # ... while someone gives the relationship back to nobody.
    assert client.put(path, json={"username": None}).headers["ETag"] == '"2"'
    stale = client.post(
        "/team/owners",
        data={
            "person": f"#{network.ann}",
            "username": cy,
            "back": f"/people/{network.ann}",
            "version": "1",
        },
    )
    assert stale.status_code == 409
    assert "changed by someone else meanwhile: it is now nobody" in stale.text
    assert "Nothing was saved over it" in stale.text
    assert client.get(path).json()["owner"] is None  # nothing overwritten
    assert _hidden_version(stale.text, "/team/owners") == "2"  # to save again on purpose
    again = client.post(
        "/team/owners",
        data={"person": f"#{network.ann}", "username": cy, "version": "2"},
    )
    assert again.status_code == 303 and client.get(path).json()["owner"] == cy


def test_a_stale_meeting_over_the_api_and_in_the_coverage_form(
    client: TestClient, network: Network, settings: Settings
) -> None:
    bo, cy = _two_members(settings, network)
    campaign = create_campaign(
        unit_of_work_factory(settings)(settings.workspace),
        "Budget",
        issues=["Size"],
        deciders=[f"#{network.ann}"],
    )
    path = f"/api/v1/campaigns/{campaign.id}/assignments/{network.ann}"
    read = client.get(path)
    assert read.status_code == 200 and read.headers["ETag"] == '"0"'
    assert read.json()["username"] is None
    section = client.get(f"/campaigns/{campaign.id}/coverage").text
    assert _hidden_version(section, f"/campaigns/{campaign.id}/assignments") == "0"
    given = client.put(path, json={"username": bo}, headers={"If-Match": '"0"'})
    assert given.status_code == 200 and given.headers["ETag"] == '"1"'
    assert given.json()["username"] == bo
    late = client.put(path, json={"username": cy}, headers={"If-Match": '"0"'})
    assert late.status_code == 412
    stale = client.post(
        f"/campaigns/{campaign.id}/assignments",
        data={"person": f"#{network.ann}", "username": cy, "version": "0"},
    )
    assert stale.status_code == 409
    assert f"changed by someone else meanwhile: it is now {bo}" in stale.text
    assert client.get(path).json()["username"] == bo  # nothing overwritten
    assert _hidden_version(stale.text, f"/campaigns/{campaign.id}/assignments") == "1"
    back = client.put(path, json={"username": None}, headers={"If-Match": '"1"'})
    assert back.status_code == 200 and back.json() is None and back.headers["ETag"] == '"2"'
    # A form without a version (an old page) still saves, on what is stored now.
    plain = client.post(
        f"/campaigns/{campaign.id}/assignments",
        data={"person": f"#{network.ann}", "username": cy},
    )
    assert plain.status_code == 303 and client.get(path).json()["username"] == cy


@pytest.mark.postgres
def test_who_i_am_over_the_api_and_in_the_form_on_the_team_server(team: Team) -> None:
    ann, bo = team.client("ann"), team.client("bo")
    with team.factory("alpha") as uow:
        people = sorted((p.id or 0, p.name) for p in uow.people.list() if not p.is_me)
    (first, _), (second, second_name), (third, _) = people[0], people[1], people[2]
    read = bo.get("/api/v1/team/me")
    assert read.status_code == 200
    tag = read.headers["ETag"]
    saved = bo.put(
        "/api/v1/team/me",
        json={"person_id": first},
        headers={**unsafe_headers(bo), "If-Match": tag},
    )
    assert saved.status_code == 200 and saved.headers["ETag"] != tag
    late = bo.put(
        "/api/v1/team/me",
        json={"person_id": third},
        headers={**unsafe_headers(bo), "If-Match": tag},
    )
    assert late.status_code == 412
    assert bo.get("/api/v1/team/me").json()["person_id"] == first
    # The form, filled in now; meanwhile Bo says who he is from another device.
    page = bo.get("/team").text
    version = _hidden_version(page, "/team/me")
    moved = bo.put("/api/v1/team/me", json={"person_id": second}, headers=unsafe_headers(bo))
    assert moved.status_code == 200
    stale = bo.post(
        "/team/me",
        data={"person": f"#{third}", "version": version, "csrf_token": csrf_of(page)},
    )
    assert stale.status_code == 409
    assert "changed meanwhile" in stale.text and "Nothing was saved over it" in stale.text
    assert f'You are <a href="/people/{second}">{second_name}</a>' in stale.text
    assert bo.get("/api/v1/team/me").json()["person_id"] == second
    # Ann's membership is hers: Bo's stale tag never touches it.
    assert ann.get("/api/v1/team/me").status_code == 200


@pytest.mark.postgres
def test_a_stale_owner_and_meeting_on_the_team_server(team: Team) -> None:
    ann, bo = team.client("ann"), team.client("bo")
    path = f"/api/v1/people/{team.person}/owner"
    tag = ann.get(path).headers["ETag"]
    mine = bo.put(path, json={"username": "bo"}, headers={**unsafe_headers(bo), "If-Match": tag})
    assert mine.status_code == 200
    late = ann.put(path, json={"username": "ann"}, headers={**unsafe_headers(ann), "If-Match": tag})
    assert late.status_code == 412 and ann.get(path).json()["owner"] == "bo"
    page = ann.get("/team").text
    section = ann.get(f"/people/{team.person}/team").text
    version = _hidden_version(section, "/team/owners")
    bo.put(path, json={"username": None}, headers=unsafe_headers(bo))
    stale = ann.post(
        "/team/owners",
        data={
            "person": f"#{team.person}",
            "username": "ann",
            "version": version,
            "csrf_token": csrf_of(page),
        },
    )
    assert stale.status_code == 409 and "it is now nobody" in stale.text
    assert ann.get(path).json()["owner"] is None
    with team.factory("alpha") as uow:
        campaign = uow.campaigns.list()[0].id
    meeting = f"/api/v1/campaigns/{campaign}/assignments/{team.person}"
    tag = ann.get(meeting).headers["ETag"]
    given = ann.put(
        meeting, json={"username": "bo"}, headers={**unsafe_headers(ann), "If-Match": tag}
    )
    assert given.status_code == 200
    late = bo.put(
        meeting, json={"username": "ann"}, headers={**unsafe_headers(bo), "If-Match": tag}
    )
    assert late.status_code == 412 and ann.get(meeting).json()["username"] == "bo"
