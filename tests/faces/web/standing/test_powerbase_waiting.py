"""The power-base page of a large network never waits for the report: it shows the one
kept for the records as they are, else the newest one kept saying when it was worked out,
else a note; the background work is asked for the current one, and /powerbase/ready
reloads the page once it is kept."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from allies.background.soon import wait_here
from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.domain import Interaction, InteractionKind
from tests.faces.web.small_network import Network

HTMX = {"HX-Request": "true"}


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shared network's four people count as a large network."""
    monkeypatch.setattr("allies.web.pages.standing.powerbase.INLINE_PEOPLE", 2)


def _kept_rows(settings: Settings) -> int:
    with unit_of_work_factory(settings)(settings.workspace) as uow:
        return len(uow.analysis_cache.newest("powerbase"))


def test_first_view_says_it_is_worked_out_then_fills_in(
    client: TestClient, network: Network, settings: Settings, large: None
) -> None:
    page = client.get("/powerbase")
    assert page.status_code == 200
    assert "Working out where you stand" in page.text and 'id="findings"' not in page.text
    assert 'hx-get="/powerbase/ready"' in page.text
    assert wait_here(60)  # the background work the page asked for (a thread of this app)
    assert _kept_rows(settings) == 1
    ready = client.get("/powerbase/ready", headers=HTMX)
    assert ready.status_code == 200 and ready.headers.get("HX-Refresh") == "true"
    assert client.get("/powerbase/ready").status_code == 303  # opened by hand: the page
    full = client.get("/powerbase").text
    assert 'id="findings"' in full and "powerbase-waiting" not in full


def test_after_a_change_the_earlier_report_shows_with_when(
    client: TestClient, network: Network, settings: Settings, large: None
) -> None:
    client.get("/powerbase")
    assert wait_here(60)
    with unit_of_work_factory(settings)(settings.workspace) as uow:
        uow.interactions.add(
            Interaction(
                occurred_on=date.today(),
                participant_ids=[network.ann],
                kind=InteractionKind.CALL,
                summary="Call",
            )
        )
        uow.commit()
    page = client.get("/powerbase")
    assert page.status_code == 200 and 'id="findings"' in page.text
    assert "before your latest changes" in page.text and "today" in page.text
    assert wait_here(60)
    assert client.get("/powerbase/ready", headers=HTMX).headers.get("HX-Refresh") == "true"
    assert "before your latest changes" not in client.get("/powerbase").text


def test_a_small_network_is_worked_out_while_the_page_waits(
    client: TestClient, network: Network
) -> None:
    page = client.get("/powerbase")
    assert 'id="findings"' in page.text and "powerbase-waiting" not in page.text
    assert client.get("/powerbase/ready", headers=HTMX).headers.get("HX-Refresh") == "true"
