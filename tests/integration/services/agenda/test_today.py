"""The agenda for today and the week: what is on it, in what order, and why."""

from __future__ import annotations

from datetime import date

from allies.services.agenda.today import SECTIONS, agenda
from allies.services.alliances import manage as al
from allies.services.demo.network import build_demo, load_demo
from allies.services.keep import log as routine
from allies.services.keep.checkins import snooze
from allies.services.ports import UnitOfWorkFactory
from tests.integration.services.keep.keep_helpers import TODAY, ago, meet


def _promise(f: UnitOfWorkFactory, to: str | None, by: str | None, due: int, what: str) -> int:
    made = routine.make_promise(f(), what, to=to, by=by, due=ago(due), made_on=ago(60))
    return made.id or 0


def test_sections_come_in_priority_order_with_reasons(network: UnitOfWorkFactory) -> None:
    meet(network, "Ann Lee", 100)  # key: overdue (max 60)
    meet(network, "Bo Chen", 50)  # mentor 45/90: due
    _promise(network, None, "Cy Park", 2, "send the figures")
    _promise(network, "Cy Park", None, 0, "book the room")
    routine.record_favour(network(), "Di Moss", "received", "covered for me", size="medium")
    al.create_alliance(network(), "Pilot", people=["Cy Park"])
    stone = al.add_milestone(network(), "Pilot", "Memo signed").milestones[0]
    al.mark_milestone(network(), "Pilot", stone.id or 0, "reached", on=ago(2))
    al.open_conflict(network(), "Pilot", "Who owns the data", on=ago(6))
    meet(network, "Cy Park", 1)
    items = agenda(network(), today=TODAY).items
    sections = [i.section for i in items]
    assert sections == sorted(sections, key=SECTIONS.index)
    assert [i.rank for i in items] == list(range(1, len(items) + 1))
    first = items[0]
    assert (first.section, first.who) == ("check-in", "Ann Lee")
    assert "100 days ago" in first.why and "maximum gap is 60" in first.why
    promises = [i for i in items if i.section == "promise"]
    assert [p.what for p in promises] == ["book the room", "follow up: send the figures"]
    assert promises[0].why == "my promise to Cy Park, due today"
    assert promises[1].why == "Cy Park's promise to me, overdue by 2 days"
    favour = next(i for i in items if i.section == "favour")
    assert favour.who == "Di Moss" and "taken 3 units more" in favour.why
    party = next(i for i in items if i.section == "celebrate")
    assert party.what == "celebrate: Memo signed"
    assert party.why == f"Pilot: reached {ago(2).isoformat()}, not celebrated yet"
    conflict = next(i for i in items if i.section == "conflict")
    assert conflict.why == "Pilot: open, opened 6 days ago"
    due = [i.who for i in items if i.section == "due"]
    assert "Bo Chen" in due


def test_a_celebrated_milestone_and_a_resolved_conflict_leave_the_agenda(
    network: UnitOfWorkFactory,
) -> None:
    al.create_alliance(network(), "Pilot")
    stone = al.add_milestone(network(), "Pilot", "Memo signed").milestones[0]
    al.mark_milestone(network(), "Pilot", stone.id or 0, "celebrated", on=ago(1))
    fight = al.open_conflict(network(), "Pilot", "Credit", on=ago(6)).conflicts[0]
    al.move_conflict(network(), "Pilot", fight.id or 0, "resolved", on=ago(1))
    sections = {i.section for i in agenda(network(), today=TODAY).items}
    assert "celebrate" not in sections and "conflict" not in sections


def test_the_week_looks_ahead(network: UnitOfWorkFactory) -> None:
    meet(network, "Ann Lee", 56)  # overdue at 60 days: in 4 days
    _promise(network, "Bo Chen", None, -5, "draft the memo")
    al.create_alliance(network(), "Pilot")
    al.add_milestone(network(), "Pilot", "Launch", due=ago(-3))
    today = {(i.section, i.who) for i in agenda(network(), today=TODAY).items}
    assert ("check-in", "Ann Lee") not in today and ("promise", "Bo Chen") not in today
    week = agenda(network(), today=TODAY, days=7)
    assert week.days == 7 and week.end == ago(-6)
    check_in = next(i for i in week.items if i.who == "Ann Lee")
    assert check_in.section == "check-in" and check_in.why.endswith("overdue in 4 days")
    promise = next(i for i in week.items if i.section == "promise")
    assert promise.why == "my promise to Bo Chen, due in 5 days"
    milestone = next(i for i in week.items if i.section == "celebrate")
    assert milestone.what == "milestone: Launch"


def test_cooling_key_people_are_listed_once(network: UnitOfWorkFactory) -> None:
    for days in range(300, 80, -7):
        meet(network, "Ann Lee", days, tone=1)
    meet(network, "Ann Lee", 90, tone=1)
    items = agenda(network(), today=TODAY).items
    ann = [i for i in items if i.who == "Ann Lee"]
    assert [i.section for i in ann] == ["check-in"]  # overdue check-in, not also "cooling"
    snooze(network(), "Ann Lee", ago(-10), today=TODAY)
    assert all(i.who != "Ann Lee" for i in agenda(network(), today=TODAY).items)
    # A longer maximum gap: not overdue, but broken promises make the score fall fast.
    routine.set_cadence(network(), ideal_days=30, max_days=100, person="Ann Lee")
    snooze(network(), "Ann Lee", ago(0), today=ago(1))  # the snooze ends today
    for n in range(4):
        broken = _promise(network, None, "Ann Lee", 40 - n, f"promise {n}")
        routine.settle_promise(network(), broken, "broken", on=ago(30 - n))
    items = agenda(network(), today=TODAY).items
    cooling = [i for i in items if i.section == "cooling"]
    assert [i.who for i in cooling] == ["Ann Lee"]
    assert "One of your key people" in cooling[0].why and "score fell" in cooling[0].why


def test_the_demo_agenda_is_ordered_and_explained(factory: UnitOfWorkFactory) -> None:
    today = date(2026, 11, 21)
    load_demo(factory("demo"), build_demo(seed=7, today=today))
    items = agenda(factory("demo"), today=today).items
    assert items and all(i.why for i in items)
    sections = [i.section for i in items]
    assert sections == sorted(sections, key=SECTIONS.index)
    assert {"check-in", "promise", "celebrate", "conflict"} <= set(sections)
    promises = [i for i in items if i.section == "promise"]
    mine = [i.why.startswith("my promise") for i in promises]
    assert mine == sorted(mine, reverse=True)  # mine first
