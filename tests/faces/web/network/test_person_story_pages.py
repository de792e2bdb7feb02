"""A person's story a page at a time: the page and the API show its newest entries and
lead to the older ones with a cursor, the counts and last contact of the whole story."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.domain import Interaction
from allies.services.network.people import show_person
from allies.web.pages.network.person import STORY_LIMIT
from tests.faces.web.small_network import Network


def _log_many(settings: Settings, person: int, others: list[int], count: int) -> None:
    factory = unit_of_work_factory(settings)
    with factory(settings.workspace) as uow:
        start = date.today() - timedelta(days=count)
        for n in range(count):
            uow.interactions.add(
                Interaction(
                    occurred_on=start + timedelta(days=n // 3),
                    participant_ids=[person, others[n % len(others)]],
                    summary=f"talk {n}",
                )
            )
        uow.commit()


def test_the_api_reads_the_timeline_a_page_at_a_time(
    client: TestClient, network: Network, settings: Settings
) -> None:
    _log_many(settings, network.me, [network.ann, network.bo, network.cy], 130)
    whole = show_person(unit_of_work_factory(settings)(settings.workspace), "me", limit=None)
    first = client.get(f"/api/v1/people/{network.me}").json()
    assert len(first["timeline"]) == 50
    assert first["timeline_total"] == len(whole.timeline)
    assert first["interaction_count"] == whole.interaction_count >= 130
    assert first["last_contact"] == whole.last_contact.isoformat()  # type: ignore[union-attr]
    read: list[dict[str, object]] = []
    page, before = first, None
    while True:
        read += page["timeline"]
        before = page["timeline_next"]
        if before is None:
            break
        page = client.get(
            f"/api/v1/people/{network.me}", params={"before": before, "limit": 40}
        ).json()
    assert [(e["on"], e["kind"], e["id"], e["text"]) for e in read] == [
        (e.on.isoformat(), e.kind, e.id, e.text) for e in whole.timeline
    ]
    none = client.get(f"/api/v1/people/{network.me}", params={"limit": 0}).json()
    assert none["timeline"] == [] and none["timeline_total"] == len(whole.timeline)
    bad = client.get(f"/api/v1/people/{network.me}", params={"before": "yesterday"})
    assert bad.status_code == 422 and bad.json()["field"] == "before"
    assert client.get(f"/api/v1/people/{network.me}", params={"limit": 501}).status_code == 422


def test_the_person_page_shows_the_newest_events_and_leads_to_older_ones(
    client: TestClient, network: Network, settings: Settings
) -> None:
    _log_many(settings, network.ann, [network.bo, network.cy], 60)
    whole = show_person(unit_of_work_factory(settings)(settings.workspace), "Ann", limit=None)
    page = client.get(f"/people/{network.ann}").text
    assert page.count('<li class="kind-') == STORY_LIMIT
    assert f"The newest {STORY_LIMIT} of {len(whole.timeline)} events" in page
    assert "← Newest" not in page
    older = re.search(r'href="(/people/\d+\?before=[^"#]+)#story" rel="next"', page)
    assert older, "no link to the older events"
    second = client.get(older.group(1).replace("&amp;", "&")).text
    assert whole.timeline[STORY_LIMIT].text in second
    assert whole.timeline[STORY_LIMIT - 1].text not in second.split('id="story"')[1]
    assert "← Newest" in second and "back to the newest" in second
    assert f"{len(whole.timeline)} events in all" in second
    last = whole.timeline[-1].cursor
    empty = client.get(f"/people/{network.ann}", params={"before": last}).text
    assert "Nothing older than that." in empty
    bad = client.get(f"/people/{network.ann}", params={"before": "soon"})
    assert bad.status_code == 422 and "not a place in a story" in bad.text


def test_a_short_story_has_no_pages(client: TestClient, network: Network) -> None:
    page = client.get(f"/people/{network.cy}").text
    assert 'id="story-pages"' not in page
