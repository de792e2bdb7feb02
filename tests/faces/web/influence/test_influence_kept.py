"""On a large network the Influence page never waits for the brokers or the communities:
it shows the rest at once with a plain note for each, they are worked out in the
background and fetched into the page; after a change it shows the last brokers worked out
with their date (once the groups are), and never works anything out while it waits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from allies.background.soon import wait_here
from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.domain import Tie, TieKind
from allies.services.influence import kept as kept_analyses
from allies.services.influence.kept import wait_refreshed
from allies.web.pages import influence as page
from tests.faces.web.small_network import Network


@pytest.fixture(autouse=True)
def _no_work_left() -> Iterator[None]:
    """No background work of a test goes on into the next one."""
    yield
    assert wait_refreshed(timeout=120) and wait_here(timeout=120)


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat the small network as a large one (brokers not worked out while waiting)."""
    monkeypatch.setattr(page, "INLINE_BROKERS", 1)
    monkeypatch.setattr(page, "INLINE_PEOPLE", 1)


def test_the_page_waits_for_nothing_and_fills_in_by_itself(
    client: TestClient, network: Network, settings: Settings, large: None
) -> None:
    first = client.get("/influence")  # nothing worked out: not even read while it waits
    assert first.status_code == 200
    assert "Working out who listens to whom" in first.text
    assert 'hx-get="/influence/ready"' in first.text and 'id="ranking-table"' not in first.text
    assert wait_refreshed(timeout=60)
    ready = client.get("/influence/ready", headers={"HX-Request": "true"})
    assert ready.status_code == 200 and ready.headers["HX-Refresh"] == "true"
    html = client.get("/influence").text
    assert 'id="ranking-table"' in html and 'id="community-list"' in html
    assert 'id="brokers-table"' in html and "hx-get" not in html.split('id="brokers"')[1][:200]
    assert 'data-remote="/suggest/people"' in html  # people fetched as typed


def test_the_brokers_and_groups_come_from_the_background(
    client: TestClient, network: Network, settings: Settings, large: None
) -> None:
    uow = unit_of_work_factory(settings)(settings.workspace)
    assert page.influence.load_influence_network(uow).graph.n  # the graph kept, no more
    first = client.get("/influence").text
    assert 'id="ranking-table"' in first  # the rest at once
    assert "Working out who links the groups" in first
    assert 'hx-get="/influence/brokers?seed=0"' in first and 'id="brokers-table"' not in first
    assert "Working out which groups listen mostly to each other" in first
    assert 'hx-get="/influence/communities?seed=0"' in first
    assert 'id="community-list"' not in first
    assert wait_refreshed(timeout=60)

    groups = client.get("/influence/communities", params={"seed": 0})
    assert groups.status_code == 200
    assert 'id="community-list"' in groups.text and "hx-get" not in groups.text
    part = client.get("/influence/brokers", params={"seed": 0})
    assert part.status_code == 200
    assert 'id="brokers-table"' in part.text and "Working out" not in part.text
    assert "As worked out on" not in part.text  # of the network as it is

    with unit_of_work_factory(settings)(settings.workspace) as uow:  # the network changes
        uow.ties.add(Tie(network.cy, network.ann, TieKind.TRUSTS, weight=0.7))
        uow.commit()
    # While the views are looked at, no background run may start (on a network this small
    # it would be done before the next request): they must answer without the work.
    with kept_analyses._running:
        changed = client.get("/influence").text  # answered at once
        assert "Working out who listens to whom" in changed
        brokers = client.get("/influence/brokers").text  # not worked out while it waits:
        assert "Working out who links" in brokers or "before the latest changes" in brokers
    client.get("/influence")  # asks for the background work again, now that it can run
    assert wait_refreshed(timeout=60)
    assert "As worked out on" not in client.get("/influence").text


def test_the_brokers_of_before_a_change_are_shown_marked_and_fetched_again(
    client: TestClient, network: Network, settings: Settings, large: None
) -> None:
    client.get("/influence")
    assert wait_refreshed(timeout=60)
    with unit_of_work_factory(settings)(settings.workspace) as uow:  # the network changes
        uow.ties.add(Tie(network.cy, network.ann, TieKind.TRUSTS, weight=0.7))
        uow.commit()
    uow = unit_of_work_factory(settings)(settings.workspace)
    network_now = page.influence.load_influence_network(uow)
    page.influence.communities_in(network_now)  # the groups of today are worked out first
    changed = client.get("/influence/brokers", params={"seed": 0}).text
    assert 'id="brokers-table"' in changed and "before the latest changes" in changed
    assert 'hx-get="/influence/brokers?seed=0"' in changed  # fetched again until current
    assert wait_refreshed(timeout=60)
    current = client.get("/influence/brokers", params={"seed": 0}).text
    assert 'id="brokers-table"' in current and "hx-get" not in current
