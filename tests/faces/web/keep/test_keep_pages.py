"""Pages for keeping alliances alive, in-process: agenda, health, check-ins, alliances,
the five-day wizard and the calendar feed."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.alliances import manage as alliances
from allies.services.keep import log as routine
from allies.services.ports import UnitOfWork
from tests.faces.web.small_network import Network

PAGES = ["/today", "/week", "/health", "/checkins", "/alliances", "/program", "/program/1"]


def _uow(settings: Settings) -> UnitOfWork:
    return unit_of_work_factory(settings)(settings.workspace)


@pytest.mark.parametrize("path", PAGES)
def test_pages_answer_on_an_empty_workspace(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "<script>" not in response.text and " style=" not in response.text


@pytest.mark.parametrize("path", PAGES)
def test_pages_answer_with_a_network(client: TestClient, network: Network, path: str) -> None:
    assert client.get(path).status_code == 200


def test_home_and_today_show_the_agenda_with_reasons(
    client: TestClient, network: Network, settings: Settings
) -> None:
    routine.log_interaction(_uow(settings), ["Bo Chen"], on=date.today() - timedelta(days=100))
    routine.set_cadence(_uow(settings), ideal_days=30, max_days=60, person="Bo Chen")
    created = alliances.create_alliance(_uow(settings), "Audit alliance", people=["Ann Lee"])
    stone = alliances.add_milestone(_uow(settings), "Audit", "Plan agreed").milestones[0]
    alliances.mark_milestone(_uow(settings), "Audit", stone.id or 0, "reached")
    for page in (client.get("/").text, client.get("/today").text):
        assert "Bo Chen" in page and "last contact 100 days ago; the maximum gap is 60" in page
        assert "celebrate: Plan agreed" in page and "not celebrated yet" in page
        assert f'href="/alliances/{created.id}"' in page
    assert "Campaign meetings are not on the agenda yet." not in client.get("/today").text
    week = client.get("/week").text
    assert "my promise to Ann Lee, due in 3 days" in week


def test_health_list_and_person_panel(client: TestClient, network: Network) -> None:
    page = client.get("/health").text
    assert "Ann Lee" in page and "Keeping your word" in page
    panel = client.get(f"/people/{network.ann}/health", headers={"HX-Request": "true"})
    assert panel.status_code == 200 and "<html" not in panel.text
    for part in ("recency", "frequency", "reciprocity", "reliability", "tone", "Trend:"):
        assert part in panel.text
    assert "every 14 days, at most 28 (person)" in panel.text
    full = client.get(f"/people/{network.ann}/health").text
    assert "<html" in full and "Relationship health" in full
    person = client.get(f"/people/{network.ann}").text
    assert f'hx-get="/people/{network.ann}/health"' in person
    mine = client.get(f"/people/{network.me}/health").text
    assert "not with yourself" in mine


def test_health_without_me_says_what_to_do(client: TestClient, settings: Settings) -> None:
    from allies.services.network.people import add_person

    add_person(_uow(settings), "Solo Person")
    page = client.get("/health").text
    assert "Nobody is marked as you yet" in page


def test_checkins_list_and_snooze(client: TestClient, network: Network, settings: Settings) -> None:
    routine.set_cadence(_uow(settings), ideal_days=7, max_days=10, person="Cy Diaz")
    page = client.get("/checkins").text
    assert "Cy Diaz" in page and "no check-in logged yet" in page
    response = client.post("/checkins/snooze", data={"person_id": network.cy, "until": "in 5 days"})
    assert response.status_code == 303 and response.headers["location"] == "/checkins?done=snoozed"
    page = client.get("/checkins?done=snoozed").text
    assert "Check-in snoozed." in page and "snoozed until" in page


def test_calendar_feed(client: TestClient, network: Network) -> None:
    response = client.get("/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    summaries = sorted(str(e["summary"]) for e in events)
    assert summaries == ["Check in: Ann Lee", "Promise to Ann Lee: Send the draft"]


def test_alliance_pages_create_and_change(client: TestClient, network: Network) -> None:
    response = client.post(
        "/alliances",
        data={
            "name": "Audit alliance",
            "purpose": "Pass the audit",
            "people": f"Ann Lee (#{network.ann})",
            "organisations": "Acme",
            "goals": "Clean audit\nShared evidence folder",
            "every": "14",
        },
    )
    assert response.status_code == 303
    path = response.headers["location"]
    alliance_id = int(path.rsplit("/", 1)[1])
    page = client.get(path).text
    assert "Audit alliance" in page and "Clean audit" in page and "Acme" in page
    assert "every 14 days (at most 28)" in page
    steps = [
        ("partner", {"person": f"Bo Chen (#{network.bo})", "role": "numbers"}),
        ("goal", {"goal": "A second audit"}),
        (
            "agreement",
            {"agreed": "One evidence folder", "written": "Memo", "checked": "", "divided": ""},
        ),
        (
            "duty",
            {"what": "Collect contracts", "who": f"Cy Diaz (#{network.cy})", "due": "in 5 days"},
        ),
        ("milestone", {"title": "Evidence complete"}),
        ("conflict", {"title": "Who presents", "notes": "both want to"}),
        ("status", {"status": "active"}),
        ("cadence", {"every": "7", "max": "12"}),
    ]
    for what, data in steps:
        answer = client.post(f"/alliances/{alliance_id}/{what}", data=data)
        assert answer.status_code == 303, (what, answer.text[:500])
    page = client.get(f"/alliances/{alliance_id}").text
    for expected in (
        "numbers",
        "A second audit",
        "One evidence folder",
        "Collect contracts",
        "Evidence complete",
        "Who presents",
        "every 7 days (at most 12)",
    ):
        assert expected in page, expected
    assert '<option value="active" selected>' in page
    hidden_id = r'[^>]*>\s*<input type="hidden" name="id" value="(\d+)"'
    ids = {
        kind: re.findall(rf'action="/alliances/{alliance_id}/{kind}"{hidden_id}', page)
        for kind in ("done", "reached", "resolved")
    }
    for kind in ("done", "reached", "resolved"):
        answer = client.post(
            f"/alliances/{alliance_id}/{kind}", data={"id": ids[kind][0], "note": "ok"}
        )
        assert answer.status_code == 303, kind
    page = client.get(f"/alliances/{alliance_id}").text
    assert "resolved" in page and "reached" in page
    listing = client.get("/alliances").text
    assert "Audit alliance" in listing and "active" in listing


def test_alliance_mistakes_are_shown(client: TestClient, network: Network) -> None:
    empty = client.post("/alliances", data={"name": ""})
    assert empty.status_code == 422 and "That was not saved" in empty.text
    path = client.post("/alliances", data={"name": "Pact"}).headers["location"]
    assert client.post(f"{path}/status", data={"status": "ended"}).status_code == 303
    again = client.post(f"{path}/status", data={"status": "active"})
    assert again.status_code == 409 and "cannot become active" in again.text
    no_title = client.post(f"{path}/milestone", data={"title": ""})
    assert no_title.status_code == 422 and "“Milestone” must not be empty" in no_title.text
    assert client.get("/alliances/999999").status_code == 404
    assert client.post(f"{path}/nonsense", data={}).status_code == 404


def test_program_wizard_walks_the_five_days(client: TestClient, network: Network) -> None:
    assert "Go to day 1" in client.get("/program").text
    days = [
        {"cause": "A clean audit", "why": "Fines"},
        {
            "people": f"Ann Lee (#{network.ann}), Gus Hale",
            "organisations": "Acme",
            "strengths": "law",
        },
        {"agreed": "Share evidence", "win": "Both pass"},
        {"benefit": "No findings", "duty": "Collect contracts", "every": "14"},
        {"team": f"Bo Chen (#{network.bo})", "ask_by": "in 3 days"},
    ]
    for number, answers in enumerate(days, 1):
        page = client.post(f"/program/{number}", data=answers)
        assert page.status_code == 200, page.text[:500]
        assert "Recorded" in page.text
    status = client.get("/program").text
    assert status.count('<span class="tag">done</span>') == 5
    assert "added Gus Hale" not in status
    alliance = client.get("/alliances").text
    assert "A clean audit" in alliance and "active" in alliance


def test_program_mistakes_are_shown(client: TestClient, network: Network) -> None:
    missing = client.post("/program/1", data={"why": "no cause"})
    assert missing.status_code == 422 and "That was not saved" in missing.text
    too_early = client.post("/program/3", data={"agreed": "x"})
    assert too_early.status_code == 404 and "Day 1 has not been done yet" in too_early.text
    assert client.get("/program/9").status_code == 422


def test_health_pages_fifty_at_a_time_with_a_search_and_the_counts(
    client: TestClient, network: Network, settings: Settings
) -> None:
    from allies.services.network.people import add_person

    for i in range(60):
        add_person(_uow(settings), f"Zoé Member {i:02d}")
    routine.log_interaction(_uow(settings), ["Zoé Member 07"], on=date.today())
    first = client.get("/health").text
    assert "relationships:" in first and "without enough evidence" in first
    assert "Showing 1–50 of" in first and 'rel="next"' in first and "page 1 of 2" in first
    second = client.get("/health", params={"page": 2}).text
    assert 'rel="prev"' in second and "page 2 of 2" in second and 'rel="next"' not in second
    found = client.get("/health", params={"q": "zoe member 0"}).text  # without the accent
    assert found.count('class="person-link"') == 10 and "Zoé Member 07" in found
    assert 'value="zoe member 0"' in found and "Clear" in found
    none = client.get("/health", params={"q": "nobody at all"}).text
    assert "No one named like" in none
    for bad in ({"page": 0}, {"page": "x"}, {"q": "x" * 201}):
        assert client.get("/health", params=bad).status_code == 422


def test_check_ins_page_fifty_at_a_time(
    client: TestClient, network: Network, settings: Settings
) -> None:
    from allies.services.network.people import add_person

    for i in range(55):
        add_person(_uow(settings), f"Due Person {i:02d}", tier="network")
    routine.set_cadence(_uow(settings), ideal_days=30, max_days=60, tier="network")
    first = client.get("/checkins").text
    assert "Showing 1–50 of" in first and 'rel="next"' in first
    assert first.count('action="/checkins/snooze"') == 50
    second = client.get("/checkins", params={"page": 2}).text
    assert 'rel="prev"' in second and "Due Person" in second
    assert client.get("/checkins", params={"page": 0}).status_code == 422
