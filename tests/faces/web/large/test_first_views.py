"""On a large network the first view of Today, a campaign's plan and the map answers at
once with what is cheap, asks the background work for the rest and gets it by itself:
Today adds the campaign meetings once planned, the plan page sends the browser to the
plan once made (an older plan shown marked until then), the map's data answers 202 with
Retry-After until the map is drawn. Nothing slow runs while the page waits.

The small network stands in for a large one: each page's size threshold is set to one
person. Each test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from allies.background.soon import wait_here
from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.domain import Tie, TieKind
from allies.services.influence.kept import wait_refreshed
from allies.services.network import map_view
from allies.web.pages.agenda import today
from allies.web.pages.campaigns import plan
from tests.faces.web.campaigns.test_plan_pages import campaign_id
from tests.faces.web.small_network import Network

__all__ = ["campaign_id"]  # the fixture, shared with the plan page's tests


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh SQLite store, or a fresh PostgreSQL database, for the test."""
    name = "sqlite_store_url" if request.param == "sqlite" else "postgres_database_url"
    yield request.getfixturevalue(name)


@pytest.fixture(autouse=True)
def _no_work_left() -> Iterator[None]:
    """No background work of a test goes on into the next one."""
    yield
    assert wait_refreshed(timeout=120) and wait_here(timeout=120)


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat the small network as a large one."""
    monkeypatch.setattr(today, "INLINE_PLANS_UP_TO", 1)
    monkeypatch.setattr(plan, "INLINE_PLAN_UP_TO", 1)
    monkeypatch.setattr(map_view, "INLINE_UP_TO", 1)


def _campaign_lines(html: str) -> int:
    return len(re.findall(r'class="agenda-line section-campaign"', html))


def test_the_week_answers_at_once_and_adds_the_campaign_meetings_once_planned(
    client: TestClient, campaign_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    inline = _campaign_lines(client.get("/week").text)  # small: planned while it waits
    assert inline > 0
    monkeypatch.setattr(today, "INLINE_PLANS_UP_TO", 1)
    # another campaign, not planned yet: the page does not plan it while it waits
    made = client.post(
        "/api/v1/campaigns",
        json={"name": "Second", "issues": [{"name": "Scope", "desired_position": 80}]},
    )
    assert made.status_code == 201
    first = client.get("/week")
    assert first.status_code == 200
    assert 'id="planning-note"' in first.text and 'hx-get="/today/planning?days=7"' in first.text
    assert "Working out today's campaign meetings" in first.text
    assert 'id="agenda-lines"' in first.text
    assert wait_here(timeout=120)
    ready = client.get("/today/planning", params={"days": 7}, headers={"HX-Request": "true"})
    assert ready.status_code == 200
    assert 'hx-swap-oob="true"' in ready.text and "hx-get" not in ready.text
    assert _campaign_lines(ready.text) == inline
    again = client.get("/week").text
    assert 'id="planning-note"' not in again and _campaign_lines(again) == inline


def test_the_plan_page_answers_at_once_and_sends_the_browser_to_the_plan_once_made(
    client: TestClient, network: Network, campaign_id: int, large: None
) -> None:
    page = f"/campaigns/{campaign_id}/plan"
    first = client.get(page, params={"k": 2})
    assert first.status_code == 200
    html = first.text
    assert "Plan: Audit reform" in html and 'max="50" value="2"' in html  # the cheap part
    assert "Working out today's plan" in html and 'id="plan-steps"' not in html
    assert f'hx-get="/campaigns/{campaign_id}/plan/ready?k=2&amp;per_week=3' in html
    assert wait_here(timeout=120)
    ready = client.get(f"{page}/ready", params={"k": 2}, headers={"HX-Request": "true"})
    assert ready.status_code == 200
    assert ready.headers["HX-Redirect"] == f"{page}?k=2&per_week=3&model=lt&threshold=0.6"
    shown = client.get(ready.headers["HX-Redirect"]).text
    assert 'id="plan-steps"' in shown and "Working out" not in shown
    assert "Today&#39;s plan, made at" in shown or "Today's plan, made at" in shown

    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    with unit_of_work_factory(settings)(settings.workspace) as uow:  # the network changes
        uow.ties.add(Tie(network.cy, network.bo, TieKind.TRUSTS, weight=0.7))
        uow.commit()
    changed = client.get(page, params={"k": 2}).text  # the plan of before, marked
    assert 'id="plan-previous"' in changed and "before the latest changes" in changed
    assert 'id="plan-steps"' in changed and "Working out today's plan" in changed
    assert "previous=1" in changed
    assert wait_here(timeout=120)
    htmx = {"HX-Request": "true"}
    assert "HX-Redirect" in client.get(f"{page}/ready", params={"k": 2}, headers=htmx).headers
    by_hand = client.get(f"{page}/ready", params={"k": 2}, follow_redirects=False)
    assert by_hand.status_code == 303 and by_hand.headers["location"].startswith(page)


def test_a_campaign_with_nothing_to_plan_does_not_keep_the_page_waiting(
    client: TestClient, network: Network, large: None
) -> None:
    made = client.post("/api/v1/campaigns", json={"name": "Empty", "issues": []})
    assert made.status_code == 201, made.text
    number = made.json()["id"]
    first = client.get(f"/campaigns/{number}/plan")
    assert first.status_code == 200 and "Working out today's plan" in first.text
    assert wait_here(timeout=120)
    said = client.get(f"/campaigns/{number}/plan/ready", headers={"HX-Request": "true"})
    assert said.status_code == 200
    if "HX-Redirect" in said.headers:  # planned, with nothing to do: the plan says so
        shown = client.get(said.headers["HX-Redirect"]).text
        assert "Working out" not in shown and 'id="approach"' in shown
    else:  # could not be planned: the page says why and stops asking
        assert "This plan could not be made" in said.text and "hx-get" not in said.text


def test_the_maps_data_answers_202_until_the_map_is_drawn(
    client: TestClient, network: Network, large: None
) -> None:
    first = client.get("/api/v1/graph")
    assert first.status_code == 202
    assert first.headers["Retry-After"] == "3"
    body = first.json()
    assert body["drawing"] is True and "being drawn" in body["detail"]
    assert wait_refreshed(timeout=120)
    drawn = client.get("/api/v1/graph")
    assert drawn.status_code == 200 and len(drawn.json()["nodes"]) == network_size(drawn.json())


def network_size(graph: dict[str, object]) -> int:
    """How many people the answer says the network holds."""
    people = graph["people"]
    assert isinstance(people, int)
    return people
