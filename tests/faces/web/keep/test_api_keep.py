"""The REST API of keeping alliances alive: health, check-ins, reliability, nudges,
promises due, alliances, the agenda and the five-day programme, each against its service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.agenda.today import agenda
from allies.services.alliances import manage as alliance_service
from allies.services.alliances import program as program_service
from allies.services.keep import checkins as checkin_service
from allies.services.keep import health as health_service
from allies.services.keep import ledger
from allies.services.keep.log import log_interaction, make_promise, record_favour, set_cadence
from allies.services.keep.views import cooling_relationships
from allies.services.network.people import edit_person
from allies.services.ports import UnitOfWork
from tests.faces.web.small_network import Network

API = "/api/v1"

UoWFactory = Callable[[], UnitOfWork]


@pytest.fixture
def today() -> date:
    """The day the test runs, read when it starts (not when the module is imported, which
    may be the day before when a run crosses midnight)."""
    return date.today()


@pytest.fixture
def uow(settings: Settings) -> UoWFactory:
    """A new unit of work on the test's workspace for each call."""
    factory = unit_of_work_factory(settings)
    return lambda: factory(settings.workspace)


@pytest.fixture
def routine(network: Network, uow: UoWFactory) -> Network:
    """The small network plus a routine with something in every section of the agenda:
    Bo (key tier) not seen for 30 days against a 14-day maximum, a large favour from Cy,
    a promise Bo owed me yesterday."""
    edit_person(uow(), "Bo Chen", {"tier": "key"})
    set_cadence(uow(), ideal_days=7, max_days=14, person="Bo Chen")
    log_interaction(uow(), ["Bo Chen"], on=date.today() - timedelta(days=30), summary="Budget")
    record_favour(uow(), "Cy Diaz", "received", "Covered my talk", size="large")
    make_promise(
        uow(),
        "Send the figures",
        to="me",
        by="Bo Chen",
        due=date.today() - timedelta(days=1),
        made_on=date.today() - timedelta(days=5),
    )
    return network


def _error(response: Any, status: int, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    if field is not None:
        assert response.json()["field"] == field, response.json()


# --- relationship health ---------------------------------------------------------------


def test_health_list_person_and_cooling(
    client: TestClient, routine: Network, uow: UoWFactory, today: date
) -> None:
    page = client.get(f"{API}/health").json()
    rows = page["items"]
    assert rows == jsonable_encoder(health_service.health_list(uow()))
    assert (page["total"], page["offset"], page["limit"], page["next_offset"]) == (3, 0, 50, None)
    assert {r["name"] for r in rows} == {"Ann Lee", "Bo Chen", "Cy Diaz"}
    weakest = client.get(f"{API}/health", params={"weakest_first": True, "limit": 1}).json()
    assert len(weakest["items"]) == 1 and weakest["total"] == 3 and weakest["next_offset"] == 1
    assert weakest["items"][0]["score"] == min(r["score"] for r in rows)
    second = client.get(f"{API}/health", params={"weakest_first": True, "limit": 1, "offset": 1})
    assert second.json()["items"][0]["name"] not in {weakest["items"][0]["name"]}
    found = client.get(f"{API}/health", params={"q": "ANN"}).json()
    assert [r["name"] for r in found["items"]] == ["Ann Lee"] and found["total"] == 1
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "x"}):
        answer = client.get(f"{API}/health", params=bad)
        assert answer.status_code == 422, answer.text
        assert next(iter(bad)) in answer.text

    ann = client.get(f"{API}/health/{routine.ann}").json()
    assert ann == jsonable_encoder(health_service.person_health(uow(), f"#{routine.ann}"))
    assert [p["part"] for p in ann["parts"]] == [
        "recency",
        "frequency",
        "reciprocity",
        "reliability",
        "tone",
    ]
    assert len(ann["trend"]) == 4 and ann["trend"][-1]["on"] == today.isoformat()
    _error(client.get(f"{API}/health/999"), 404)
    _error(client.get(f"{API}/health/{routine.me}"), 422, "person")

    cooling = client.get(f"{API}/health/cooling").json()
    assert cooling == jsonable_encoder(cooling_relationships(uow()))
    bo = next(r for r in cooling if r["person_id"] == routine.bo)
    assert any("maximum gap" in reason for reason in bo["cooling_reasons"])
    key = client.get(f"{API}/health/cooling", params={"key_only": True}).json()
    assert [r["person_id"] for r in key] == [routine.bo]


# --- check-ins -------------------------------------------------------------------------


def test_check_ins_and_snoozing(
    client: TestClient, routine: Network, uow: UoWFactory, today: date
) -> None:
    due = client.get(f"{API}/checkins").json()
    assert due == jsonable_encoder(checkin_service.check_ins(uow()))
    assert due[0]["person_id"] == routine.bo and due[0]["status"] == "overdue"
    assert due[0]["days_overdue"] == 16
    upcoming = client.get(f"{API}/checkins", params={"within_days": 30}).json()
    assert upcoming == jsonable_encoder(checkin_service.check_ins(uow(), within_days=30))
    assert {r["status"] for r in upcoming} == {"overdue", "ok"}  # Ann was met yesterday
    overdue = client.get(f"{API}/checkins", params={"overdue_only": True}).json()
    assert [r["who"] for r in overdue] == ["Bo Chen"]
    _error(client.get(f"{API}/checkins", params={"within_days": -1}), 422, "within_days")

    until = (today + timedelta(days=10)).isoformat()
    snoozed = client.post(f"{API}/checkins/{routine.bo}/snooze", json={"until": until})
    assert snoozed.status_code == 200, snoozed.text
    assert snoozed.json()["snoozed_until"] == until and snoozed.json()["person_id"] == routine.bo
    assert all(r["person_id"] != routine.bo for r in client.get(f"{API}/checkins").json())
    hidden = client.get(f"{API}/checkins", params={"include_snoozed": True}).json()
    assert next(r for r in hidden if r["person_id"] == routine.bo)["status"] == "snoozed"

    past = client.post(f"{API}/checkins/{routine.bo}/snooze", json={"until": "2000-01-01"})
    _error(past, 422, "until")
    _error(client.post(f"{API}/checkins/{routine.bo}/snooze", json={"until": "soon"}), 422, "until")
    _error(client.post(f"{API}/checkins/999/snooze", json={"until": until}), 404)
    _error(client.post(f"{API}/checkins/{routine.cy}/snooze", json={"until": until}), 404)


# --- reliability, favours, promises ----------------------------------------------------


def test_reliability_mine_and_per_person(
    client: TestClient, routine: Network, uow: UoWFactory
) -> None:
    overview = client.get(f"{API}/reliability").json()
    rows = jsonable_encoder(ledger.reliability(uow()))
    assert [overview["mine"], overview["theirs"], *overview["people"]] == rows
    assert overview["theirs"]["overdue"] == 1  # Bo's promise, due yesterday

    bo = client.get(f"{API}/reliability/{routine.bo}").json()
    assert bo["name"] == "Bo Chen" and bo["mine"] is None
    assert bo["theirs"]["overdue"] == 1 and bo["theirs"]["reliability"] == 50  # Beta(2, 1+1)
    ann = client.get(f"{API}/reliability/{routine.ann}").json()
    assert ann["theirs"] is None and ann["mine"]["open"] == 1
    _error(client.get(f"{API}/reliability/999"), 404)
    _error(client.get(f"{API}/reliability/{routine.me}"), 422, "person_id")


def test_favour_nudges(client: TestClient, routine: Network, uow: UoWFactory) -> None:
    nudges = client.get(f"{API}/favour-nudges").json()
    assert nudges == jsonable_encoder(ledger.nudges(uow()))
    assert [(n["name"], n["balance"]) for n in nudges] == [("Cy Diaz", -9)]
    assert client.get(f"{API}/favour-nudges", params={"threshold": 10}).json() == []
    _error(client.get(f"{API}/favour-nudges", params={"threshold": 0}), 422, "threshold")


def test_promises_due_on_both_sides(client: TestClient, routine: Network, uow: UoWFactory) -> None:
    both = client.get(f"{API}/promises-due").json()
    due = ledger.due_promises(uow())
    assert both == [{**jsonable_encoder(p), "overdue": p.overdue} for p in due]
    assert [(p["mine"], p["overdue"]) for p in both] == [(True, False), (False, True)]
    mine = client.get(f"{API}/promises-due", params={"side": "mine"}).json()
    assert [p["description"] for p in mine] == ["Send the draft"]
    theirs = client.get(f"{API}/promises-due", params={"side": "theirs"}).json()
    assert [p["person_id"] for p in theirs] == [routine.bo]
    assert client.get(f"{API}/promises-due", params={"within_days": 0}).json() == theirs
    _error(client.get(f"{API}/promises-due", params={"side": "all"}), 422, "side")
    _error(client.get(f"{API}/promises-due", params={"within_days": -1}), 422, "within_days")


# --- alliances -------------------------------------------------------------------------


def _alliance(client: TestClient, network: Network, **extra: Any) -> dict[str, Any]:
    body = {
        "name": "Audit pact",
        "purpose": "Pass the audit",
        "person_ids": [network.ann],
        "organisation_ids": [network.acme],
        "goals": ["Clean audit"],
        "checkin_ideal_days": 10,
        **extra,
    }
    response = client.post(f"{API}/alliances", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_create_read_update_delete_an_alliance(
    client: TestClient, network: Network, uow: UoWFactory, today: date
) -> None:
    made = _alliance(client, network)
    aid = made["id"]
    assert made["status"] == "forming" and made["started_on"] == today.isoformat()
    assert [(p["name"], p["person_id"], p["organisation_id"]) for p in made["partners"]] == [
        ("Ann Lee", network.ann, None),
        ("Acme", None, network.acme),
    ]
    assert (made["checkin_ideal_days"], made["checkin_max_days"]) == (10, 20)
    view = alliance_service.show_alliance(uow(), f"#{aid}")
    assert made["health"]["score"] == pytest.approx(view.health.score)
    assert client.get(f"{API}/alliances/{aid}").json() == made
    listed = client.get(f"{API}/alliances").json()
    assert listed == jsonable_encoder(alliance_service.list_alliances(uow()))

    _error(client.post(f"{API}/alliances", json={"name": "audit pact"}), 409)
    _error(client.post(f"{API}/alliances", json={"name": ""}), 422, "name")
    ghost = client.post(f"{API}/alliances", json={"name": "X", "person_ids": [999]})
    _error(ghost, 422, "person_ids")
    bad_org = client.post(f"{API}/alliances", json={"name": "X", "organisation_ids": [999]})
    _error(bad_org, 422, "organisation_ids")
    _error(client.post(f"{API}/alliances", json={"name": "X", "colour": "red"}), 422, "colour")

    changed = client.patch(
        f"{API}/alliances/{aid}",
        json={"name": "Audit alliance", "checkin_max_days": 30, "started_on": None},
    ).json()
    assert (changed["name"], changed["purpose"]) == ("Audit alliance", "Pass the audit")
    assert (changed["checkin_ideal_days"], changed["checkin_max_days"]) == (10, 30)
    assert changed["started_on"] is None
    gaps = client.patch(f"{API}/alliances/{aid}", json={"checkin_ideal_days": 40})
    _error(gaps, 422, "checkin_max_days")
    zero = client.patch(f"{API}/alliances/{aid}", json={"checkin_ideal_days": 0})
    _error(zero, 422, "checkin_ideal_days")
    _alliance(client, network, name="Other")
    _error(client.patch(f"{API}/alliances/{aid}", json={"name": "other"}), 409)
    _error(client.patch(f"{API}/alliances/999", json={"purpose": "x"}), 404)

    health = client.get(f"{API}/alliances/{aid}/health").json()
    assert [p["name"] for p in health["parts"]] == [
        "agreement",
        "checkins",
        "delivery",
        "conflicts",
        "partners",
    ]
    _error(client.get(f"{API}/alliances/999/health"), 404)

    assert client.delete(f"{API}/alliances/{aid}").status_code == 204
    _error(client.get(f"{API}/alliances/{aid}"), 404)
    _error(client.delete(f"{API}/alliances/{aid}"), 404)
    assert client.get(f"{API}/people/{network.ann}").status_code == 200  # partners stay


def test_alliance_parts(client: TestClient, network: Network, today: date) -> None:
    aid = _alliance(client, network)["id"]
    base = f"{API}/alliances/{aid}"

    partner = client.post(f"{base}/partners", json={"person_id": network.bo, "role": "budget"})
    assert partner.status_code == 201
    assert partner.json()["partners"][-1] == {
        "id": partner.json()["partners"][-1]["id"],
        "person_id": network.bo,
        "organisation_id": None,
        "name": "Bo Chen",
        "role": "budget",
    }
    _error(client.post(f"{base}/partners", json={"person_id": network.bo}), 409)
    _error(client.post(f"{base}/partners", json={}), 422, "partner")
    _error(client.post(f"{base}/partners", json={"person_id": 999}), 422, "person_id")
    _error(client.post(f"{base}/partners", json={"organisation_id": 999}), 422, "organisation_id")
    _error(client.post(f"{API}/alliances/999/partners", json={"person_id": network.cy}), 404)

    goals = client.post(f"{base}/goals", json={"goal": "Shared register"}).json()
    assert goals["common_goals"] == ["Clean audit", "Shared register"]
    _error(client.post(f"{base}/goals", json={"goal": ""}), 422, "goal")

    parts = {"agreed": "Joint review", "written": "Wiki", "checked": "Monthly", "divided": "Half"}
    agreed = client.put(f"{base}/agreement", json=parts).json()
    assert agreed["agreement"] == {**parts, "completeness": 1.0}
    partial = client.put(f"{base}/agreement", json={"agreed": "Joint review"}).json()
    assert partial["agreement"]["completeness"] == 0.25
    _error(client.put(f"{base}/agreement", json={"agreed": 3}), 422, "agreed")

    duty = client.post(
        f"{base}/responsibilities",
        json={"what": "Draft the charter", "person_id": network.ann, "due_on": "2026-01-31"},
    )
    assert duty.status_code == 201
    first = duty.json()["responsibilities"][0]
    assert (first["who"], first["done_on"]) == ("Ann Lee", None)
    _error(client.post(f"{base}/responsibilities", json={"what": ""}), 422, "what")
    nobody = client.post(f"{base}/responsibilities", json={"what": "x", "person_id": 999})
    _error(nobody, 422, "person_id")
    bad_day = client.post(f"{base}/responsibilities", json={"what": "x", "due_on": "someday"})
    _error(bad_day, 422, "due_on")
    done = client.post(f"{base}/responsibilities/{first['id']}/complete", json={"on": "2026-01-30"})
    assert done.json()["responsibilities"][0]["done_on"] == "2026-01-30"
    _error(client.post(f"{base}/responsibilities/999/complete"), 404)

    added = client.post(f"{base}/milestones", json={"title": "Charter signed"}).json()
    mid = added["milestones"][0]["id"]
    reached = client.post(f"{base}/milestones/{mid}/reached").json()["milestones"][0]
    assert reached["reached_on"] == today.isoformat() and reached["celebrated_on"] is None
    celebrated = client.post(f"{base}/milestones/{mid}/celebrated", json={}).json()
    assert celebrated["milestones"][0]["celebrated_on"] == today.isoformat()
    _error(client.post(f"{base}/milestones/999/reached"), 404)
    _error(client.post(f"{base}/milestones", json={}), 422, "title")

    opened = client.post(f"{base}/conflicts", json={"title": "Credit", "notes": "Who signs"})
    assert opened.status_code == 201
    cid = opened.json()["conflicts"][0]["id"]
    talked = client.post(f"{base}/conflicts/{cid}/discussed", json={"note": "Met"}).json()
    assert talked["conflicts"][0]["status"] == "discussed"
    settled = client.post(f"{base}/conflicts/{cid}/resolved", json={"note": "Both sign"}).json()
    conflict = settled["conflicts"][0]
    assert conflict["status"] == "resolved" and conflict["resolved_on"] == today.isoformat()
    assert conflict["notes"].splitlines() == [
        f"{today.isoformat()} opened: Who signs",
        f"{today.isoformat()} discussed: Met",
        f"{today.isoformat()} resolved: Both sign",
    ]
    _error(client.post(f"{base}/conflicts/{cid}/resolved"), 409)
    _error(client.post(f"{base}/conflicts/999/discussed"), 404)

    active = client.post(f"{base}/status", json={"status": "active"}).json()
    assert active["status"] == "active"
    _error(client.post(f"{base}/status", json={"status": "forming"}), 409)
    _error(client.post(f"{base}/status", json={"status": "sleeping"}), 422, "status")
    _error(client.post(f"{API}/alliances/999/status", json={"status": "ended"}), 404)


# --- the agenda ------------------------------------------------------------------------


def _without_fix(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in item.items() if k != "fix"} for item in items]


def test_today_and_week_are_the_services_agenda(
    client: TestClient, routine: Network, uow: UoWFactory, today: date
) -> None:
    aid = _alliance(client, routine)["id"]
    base = f"{API}/alliances/{aid}"
    client.post(f"{base}/responsibilities", json={"what": "Draft", "due_on": "2000-01-01"})
    added = client.post(f"{base}/milestones", json={"title": "Kick-off"}).json()
    mid = added["milestones"][0]["id"]
    client.post(f"{base}/milestones/{mid}/reached")
    client.post(f"{base}/conflicts", json={"title": "Credit"})

    shown = client.get(f"{API}/today").json()
    plan = agenda(uow())
    assert (shown["start"], shown["end"], shown["days"]) == (today.isoformat(),) * 2 + (1,)
    assert _without_fix(shown["items"]) == jsonable_encoder(plan.items)
    by_section = {i["section"]: i for i in shown["items"]}
    assert {"check-in", "promise", "duty", "favour", "celebrate", "conflict"} <= set(by_section)
    assert all(i["why"] and i["fix"]["page"].startswith("/") for i in shown["items"])

    check_in = by_section["check-in"]
    assert check_in["fix"]["page"] == f"/people/{routine.bo}"
    assert check_in["fix"]["api"] == {"method": "POST", "path": f"{API}/interactions"}
    promise = by_section["promise"]
    assert promise["fix"]["page"] == f"/people/{routine.bo}"
    assert promise["fix"]["api"]["path"] == f"{API}/promises/{promise['promise_id']}/settle"
    assert by_section["favour"]["fix"]["api"]["path"] == f"{API}/favours"
    duty, party, conflict = by_section["duty"], by_section["celebrate"], by_section["conflict"]
    assert duty["fix"]["page"] == f"/alliances/{aid}" and duty["fix"]["duty_id"]
    assert party["fix"]["api"]["path"] == f"{base}/milestones/{mid}/celebrated"
    assert conflict["fix"]["api"]["path"].endswith("/resolved")

    # Doing what each line says takes it off the agenda.
    for item in (duty, party, conflict):
        assert client.post(item["fix"]["api"]["path"]).status_code == 200
    settled = client.post(promise["fix"]["api"]["path"], json={"outcome": "late"})
    assert settled.status_code == 200
    met = client.post(check_in["fix"]["api"]["path"], json={"participant_ids": [routine.bo]})
    assert met.status_code == 201
    left = {i["section"] for i in client.get(f"{API}/today").json()["items"]}
    assert left.isdisjoint({"check-in", "promise", "duty", "celebrate", "conflict"})

    week = client.get(f"{API}/week").json()
    assert week["days"] == 7 and week["end"] == (today + timedelta(days=6)).isoformat()
    assert _without_fix(week["items"]) == jsonable_encoder(agenda(uow(), days=7).items)
    on = "2030-01-01"
    later = client.get(f"{API}/today", params={"as_of": on}).json()
    expected = agenda(uow(), today=date.fromisoformat(on)).items
    assert _without_fix(later["items"]) == jsonable_encoder(expected)
    _error(client.get(f"{API}/today", params={"as_of": "tomorrowish"}), 422, "as_of")


# --- the five-day programme ------------------------------------------------------------


def test_program_status_and_days(client: TestClient, network: Network, uow: UoWFactory) -> None:
    start = client.get(f"{API}/program").json()
    assert [d["number"] for d in start["days"]] == [1, 2, 3, 4, 5]
    assert start["next_day"] == 1 and not any(d["done"] for d in start["days"])
    assert start["days"][0]["prompts"][0]["key"] == "cause"

    _error(client.post(f"{API}/program/2", json={"answers": {"people": "Ann Lee"}}), 404)
    _error(client.post(f"{API}/program/1", json={"answers": {"why": "x"}}), 422, "cause")
    _error(client.post(f"{API}/program/1", json={"answers": {"mood": "x"}}), 422, "mood")
    _error(client.post(f"{API}/program/1", json={}), 422, "answers")
    _error(client.post(f"{API}/program/6", json={"answers": {}}), 404)

    one = client.post(f"{API}/program/1", json={"answers": {"cause": "Open data"}})
    assert one.status_code == 200 and one.json()["title"] == "The cause"
    two = client.post(
        f"{API}/program/2", json={"answers": {"people": "Ann Lee", "strengths": "law"}}
    ).json()
    assert "partner: Ann Lee" in two["lines"]
    status = client.get(f"{API}/program").json()
    assert [(d["done"], d["summary"]) for d in status["days"]] == [
        (s.done, s.summary) for s in program_service.program_status(uow())
    ]
    assert status["next_day"] == 3
    alliances = client.get(f"{API}/alliances").json()
    assert [a["name"] for a in alliances] == ["Open data"]
