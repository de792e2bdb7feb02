"""On a large network the Influence page never waits for the brokers: it shows the rest at
once with a plain note, the brokers are worked out in the background and fetched into the
page; after a change it shows the last ones worked out with their date."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.domain import Tie, TieKind
from allies.services.influence.kept import wait_refreshed
from allies.web.pages import influence as page
from tests.faces.web.small_network import Network


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat the small network as a large one (brokers not worked out while waiting)."""
    monkeypatch.setattr(page, "INLINE_BROKERS", 1)
    monkeypatch.setattr(page, "INLINE_PEOPLE", 1)


def test_the_brokers_come_from_the_background(
    client: TestClient, network: Network, settings: Settings, large: None
) -> None:
    first = client.get("/influence")
    assert first.status_code == 200
    html = first.text
    assert 'id="ranking-table"' in html and 'id="community-list"' in html  # the rest at once
    assert "Working out who links the groups" in html
    assert 'hx-get="/influence/brokers?seed=0"' in html and 'id="brokers-table"' not in html
    assert 'data-remote="/suggest/people"' in html  # people fetched as typed
    assert wait_refreshed(timeout=60)

    part = client.get("/influence/brokers", params={"seed": 0})
    assert part.status_code == 200
    assert 'id="brokers-table"' in part.text and "Working out" not in part.text
    assert "As worked out on" not in part.text  # of the network as it is
    assert 'id="brokers-table"' in client.get("/influence").text

    with unit_of_work_factory(settings)(settings.workspace) as uow:  # the network changes
        uow.ties.add(Tie(network.cy, network.ann, TieKind.TRUSTS, weight=0.7))
        uow.commit()
    changed = client.get("/influence").text
    assert 'id="brokers-table"' in changed and "As worked out on" in changed
    assert wait_refreshed(timeout=60)
    assert "As worked out on" not in client.get("/influence").text
