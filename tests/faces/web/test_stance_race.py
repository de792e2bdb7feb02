"""Two saves of one row of the stance table drawn alike (issue 21): the check of what the
row was drawn from is part of the write, so one records and the other is refused, even
when both arrive at the same instant. On SQLite and on PostgreSQL."""

from __future__ import annotations

import html
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.errors import StaleRecord
from allies.services.campaigns import editing
from allies.web import create_app
from tests.faces.web.small_network import Network, build_network


@dataclass
class Drawn:
    """A client, its settings, a campaign with Ann's stance at 70 and the drawn table."""

    client: TestClient
    settings: Settings
    network: Network
    campaign: int
    row: str
    fields: dict[str, str]


def _table_fields(page: str) -> dict[str, str]:
    return {
        html.unescape(k): html.unescape(v)
        for k, v in re.findall(r'name="(s-\d+-\w+-\w+)"[^>]*value="([^"]*)"', page)
    }


@pytest.fixture(params=["sqlite", "postgresql"])
def drawn(request: pytest.FixtureRequest) -> Iterator[Drawn]:
    """The stance table of a fresh campaign, drawn once, on each store."""
    fixture = "database_url" if request.param == "sqlite" else "postgres_database_url"
    url = request.getfixturevalue(fixture)
    settings = Settings(database_url=url, workspace=f"t-{uuid.uuid4().hex[:8]}")
    network = build_network(settings)
    with TestClient(create_app(settings), follow_redirects=False) as client:
        made = client.post(
            "/api/v1/campaigns",
            json={"name": "Audit reform", "issues": [{"name": "Scope", "desired_position": 80}]},
        )
        assert made.status_code == 201, made.text
        campaign = int(made.json()["id"])
        first = {"person_id": network.ann, "issue": "Scope", "position": 70}
        client.post(f"/api/v1/campaigns/{campaign}/stances/batch", json={"stances": [first]})
        editor = client.get(f"/campaigns/{campaign}/stances").text
        found = re.search(rf'name="(s-\d+-p{network.ann}-)was"', editor)
        assert found is not None
        yield Drawn(client, settings, network, campaign, found[1], _table_fields(editor))


def _history(world: Drawn) -> list[float]:
    rows = world.client.get(
        f"/api/v1/campaigns/{world.campaign}/stances/history",
        params={"person_id": world.network.ann},
    ).json()
    return [r["position"] for r in rows]


def test_two_saves_of_one_drawn_row_at_once_record_one(drawn: Drawn) -> None:
    start = threading.Barrier(2)
    answers: dict[str, int] = {}

    def save(position: str) -> None:
        start.wait()
        answer = drawn.client.post(
            f"/campaigns/{drawn.campaign}/stances",
            data={**drawn.fields, drawn.row + "position": position},
        )
        answers[position] = answer.status_code

    threads = [threading.Thread(target=save, args=(p,)) for p in ("85", "40")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers.values()) == [303, 409], answers
    recorded = next(p for p, status in answers.items() if status == 303)
    assert _history(drawn) == [70, float(recorded)]


def test_the_check_is_made_again_where_the_stance_is_written(drawn: Drawn) -> None:
    """Both saves read the table before either writes (as two at one instant would): the
    second is refused by the write itself, and nothing of it is stored."""
    factory = unit_of_work_factory(drawn.settings)
    assert drawn.fields[drawn.row + "was"] == "70|0.5||0.7"
    was = (70.0, 0.5, None, 0.7)
    entry = editing.StanceEntry(f"#{drawn.network.ann}", "Scope", 85, 0.5, None, 0.7, was=was)
    editing.set_stances(factory(drawn.settings.workspace), f"#{drawn.campaign}", [entry])
    other = editing.StanceEntry(f"#{drawn.network.ann}", "Scope", 40, 0.5, None, 0.7, was=was)
    with pytest.raises(StaleRecord):
        editing.set_stances(factory(drawn.settings.workspace), f"#{drawn.campaign}", [other])
    # a row left as it was drawn records nothing, even when the stance moved on since
    same = editing.StanceEntry(f"#{drawn.network.ann}", "Scope", 70, 0.5, None, 0.7, was=was)
    editing.set_stances(factory(drawn.settings.workspace), f"#{drawn.campaign}", [same])
    assert _history(drawn) == [70, 85]
