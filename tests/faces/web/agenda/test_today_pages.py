"""Today and This week in-process: every line with its actions, handled lines leave and
stay gone, the week by day, and the agenda API."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import quote

from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.keep import log as routine
from allies.services.ports import UnitOfWork
from allies.web.pages.agenda.today import SHOWN_LINES
from tests.faces.web.small_network import Network

API = "/api/v1/agenda"


def _uow(settings: Settings) -> UnitOfWork:
    return unit_of_work_factory(settings)(settings.workspace)


def _busy_day(settings: Settings) -> None:
    """Bo overdue for a check-in, Cy's routine check-in due, a promise to Ann overdue."""
    today = date.today()
    routine.log_interaction(_uow(settings), ["Bo Chen"], on=today - timedelta(days=100))
    routine.set_cadence(_uow(settings), ideal_days=30, max_days=60, person="Bo Chen")
    routine.log_interaction(_uow(settings), ["Cy Diaz"], on=today - timedelta(days=40))
    routine.set_cadence(_uow(settings), ideal_days=30, max_days=90, person="Cy Diaz")
    routine.make_promise(
        _uow(settings),
        "Send the figures",
        to="Ann Lee",
        due=today - timedelta(days=1),
        made_on=today - timedelta(days=5),
    )


def _keys(client: TestClient, days: int = 1) -> dict[str, dict[str, object]]:
    return {line["key"]: line for line in client.get(API, params={"days": days}).json()["lines"]}


def test_every_line_has_its_actions_and_routine_is_folded(
    client: TestClient, network: Network, settings: Settings
) -> None:
    _busy_day(settings)
    page = client.get("/today").text
    assert "Campaign meetings are not on the agenda yet" not in page
    lines = _keys(client)
    bo = next(k for k, line in lines.items() if line["who"] == "Bo Chen")
    assert f'hx-post="/today/lines/{quote(bo)}/done"' in page
    assert f'hx-post="/today/lines/{quote(bo)}/snooze"' in page
    assert f'action="/today/lines/{quote(bo)}/dismiss"' in page
    assert 'hx-target="closest li"' in page and 'hx-swap="outerHTML"' in page
    assert f'href="/log?person={quote("Bo Chen")}"' in page
    assert ">Met</button>" in page and ">Kept</button>" in page
    routine_part = page.split('<details class="routine">', 1)[1]
    assert "Routine check-ins (1)" in routine_part and "Cy Diaz" in routine_part
    assert "Cy Diaz" not in page.split('<details class="routine">', 1)[0]
    assert " style=" not in page and "<script>" not in page
    log = client.get("/log", params={"person": "Bo Chen"}).text
    assert re.search(r'name="people"[^>]*value="Bo Chen"|value="Bo Chen"[^>]*name="people"', log)


def test_a_handled_line_leaves_at_once_and_stays_gone(
    client: TestClient, network: Network, settings: Settings
) -> None:
    _busy_day(settings)
    lines = _keys(client)
    bo = next(k for k, line in lines.items() if line["who"] == "Bo Chen")
    ann = next(k for k, line in lines.items() if line["section"] == "promise")
    cy = next(k for k, line in lines.items() if line["who"] == "Cy Diaz")

    htmx = {"HX-Request": "true"}
    done = client.post(f"/today/lines/{quote(bo)}/done", data={"days": "1"}, headers=htmx)
    assert done.status_code == 200 and done.text == ""  # the line is swapped for nothing
    assert bo not in _keys(client) and "Bo Chen" not in client.get("/today").text.split("<h1")[1]
    with _uow(settings) as uow:
        last = uow.interactions.last_contact([network.bo])
    assert last[network.bo] == date.today()

    snoozed = client.post(f"/today/lines/{quote(ann)}/snooze", data={"until": "next week"})
    assert snoozed.status_code == 303 and snoozed.headers["location"] == "/today?handled=snoozed"
    assert "Snoozed." in client.get("/today?handled=snoozed").text
    assert ann not in _keys(client) and ann not in _keys(client, 7)

    why = {"why": "Cy is on leave", "days": "1"}
    dismissed = client.post(f"/today/lines/{quote(cy)}/dismiss", data=why, headers=htmx)
    assert dismissed.status_code == 200 and dismissed.text == ""
    assert cy not in _keys(client)
    again = client.post(f"/today/lines/{quote(cy)}/dismiss", data=why, headers=htmx)
    assert again.status_code == 404
    assert "Nothing needs you today" in client.get("/today").text


def test_week_groups_by_day_with_dates(
    client: TestClient, network: Network, settings: Settings
) -> None:
    _busy_day(settings)
    page = client.get("/week").text
    today = date.today()
    assert f'id="day-{today.isoformat()}"' in page
    assert today.strftime("%A %d %B") in page
    promise_day = today + timedelta(days=3)  # the small network's promise to Ann
    assert f'id="day-{promise_day.isoformat()}"' in page
    later = page.split(f'id="day-{promise_day.isoformat()}"', 1)[1]
    assert "Send the draft" in later
    assert "Campaign meetings are not on the agenda yet" not in page


def test_the_agenda_api_handles_lines(
    client: TestClient, network: Network, settings: Settings
) -> None:
    _busy_day(settings)
    shown = client.get(API).json()
    assert shown["days"] == 1 and [line["number"] for line in shown["lines"]] == list(
        range(1, len(shown["lines"]) + 1)
    )
    bo = next(line for line in shown["lines"] if line["who"] == "Bo Chen")
    assert bo["done"] == f"{API}/lines/{bo['key']}/done" and bo["done_label"] == "Met"
    assert bo["log"] == "/log?person=Bo%20Chen" and bo["routine"] is False
    promise = next(line for line in shown["lines"] if line["section"] == "promise")
    kept = client.post(promise["done"]).json()
    assert kept["action"] == "done" and kept["done"].startswith("promise kept")
    until = (date.today() + timedelta(days=2)).isoformat()
    snoozed = client.post(bo["snooze"], json={"until": until}).json()
    assert snoozed["action"] == "snoozed" and snoozed["until"] == until
    left = _keys(client)
    assert promise["key"] not in left and bo["key"] not in left
    old = client.get("/api/v1/today").json()["items"]  # the older view agrees
    assert {i["key"] for i in old} == set(left)
    cy = next(line for line in client.get(API).json()["lines"] if line["who"] == "Cy Diaz")
    gone = client.post(cy["dismiss"], json={"why": "moved teams"}).json()
    assert gone["reason"] == "moved teams" and gone["handled_by"] is None
    past = client.post(f"{API}/lines/{cy['key']}/snooze", json={"until": "2000-01-01"})
    assert past.status_code in (404, 422)
    assert client.post(f"{API}/lines/nothing:here/done").status_code == 404


def test_a_long_day_shows_its_first_lines_and_the_rest_on_asking(
    client: TestClient, network: Network, settings: Settings
) -> None:
    today = date.today()
    for n in range(SHOWN_LINES + 5):
        routine.make_promise(
            _uow(settings),
            f"Send report {n}",
            to="Ann Lee",
            due=today - timedelta(days=1),
            made_on=today - timedelta(days=5),
        )
    every = [line["key"] for line in client.get(API).json()["lines"]]
    assert len(every) >= SHOWN_LINES + 5

    def keys(page: str) -> list[str]:
        return re.findall(r'<li class="agenda-line[^"]*" data-key="([^"]+)"', page)

    first = client.get("/today").text
    assert keys(first) == every[:SHOWN_LINES]  # what matters first, in the API's order
    assert f"Show all {len(every)} lines" in first
    assert f"{len(every) - SHOWN_LINES} more, in the same order of priority" in first
    assert 'href="/today?all=1"' in first

    whole = client.get("/today", params={"all": "1"}).text
    assert keys(whole) == every
    assert "Show all" not in whole
