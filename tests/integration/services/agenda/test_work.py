"""Working through the agenda: each line done, snoozed or dismissed, and kept so."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from allies.domain import CampaignMeetingLine, PromiseStatus
from allies.errors import InvalidInput, NotFound
from allies.services.agenda import work
from allies.services.agenda.campaign_meetings import spread_meetings
from allies.services.agenda.snapshot import load_agenda_snapshot
from allies.services.agenda.today import AgendaItem, agenda, build_agenda
from allies.services.keep import log as routine
from allies.services.ports import UnitOfWorkFactory
from tests.integration.services.keep.keep_helpers import TODAY, ago, meet


def _line(f: UnitOfWorkFactory, section: str, who: str) -> AgendaItem:
    items = agenda(f(), today=TODAY).items
    return next(i for i in items if i.section == section and i.who == who)


def _shown(f: UnitOfWorkFactory, day: date = TODAY) -> set[str]:
    return {i.key for i in agenda(f(), today=day).items}


def test_done_takes_each_lines_natural_action_and_the_line_stays_gone(
    network: UnitOfWorkFactory,
) -> None:
    meet(network, "Ann Lee", 100)  # key 30/60: overdue
    made = routine.make_promise(
        network(), "send the memo", to="Cy Park", due=ago(1), made_on=ago(9)
    )
    routine.record_favour(network(), "Di Moss", "received", "covered for me", size="medium")
    check_in = _line(network, "check-in", "Ann Lee")
    assert check_in.key.startswith("check-in:p") and check_in.rank == 1

    handled = work.line_done(network(), 1, today=TODAY)  # by its number
    assert handled.item == check_in and handled.handled.action == "done"
    assert "check-in with Ann Lee logged" in handled.done
    with network() as uow:
        ann = next(p for p in uow.people.list() if p.name == "Ann Lee")
        assert uow.interactions.last_contact([ann.id or 0])[ann.id or 0] == TODAY
    assert check_in.key not in _shown(network)

    promise = _line(network, "promise", "Cy Park")
    assert work.line_done(network(), promise.key, today=TODAY).done.startswith("promise kept")
    with network() as uow:
        assert uow.promises.get(made.id or 0).status is PromiseStatus.LATE  # kept, past its day
    favour = _line(network, "favour", "Di Moss")
    assert "favour given to Di Moss" in work.line_done(network(), favour.key, today=TODAY).done
    with network() as uow:
        given = [f for f in uow.favours.list() if f.direction.value == "given"]
        assert [f.description for f in given] == ["gave something back"]
    assert _shown(network).isdisjoint({check_in.key, promise.key, favour.key})
    assert [i.rank for i in agenda(network(), today=TODAY).items] == list(
        range(1, len(agenda(network(), today=TODAY).items) + 1)
    )


def test_snooze_hides_a_line_until_the_day_and_dismiss_for_good(
    network: UnitOfWorkFactory,
) -> None:
    meet(network, "Ann Lee", 100)
    meet(network, "Bo Chen", 100)  # mentor 45/90: overdue
    ann, bo = _line(network, "check-in", "Ann Lee"), _line(network, "check-in", "Bo Chen")
    snoozed = work.snooze_line(network(), ann.key, TODAY + timedelta(days=2), today=TODAY)
    assert snoozed.handled.until == TODAY + timedelta(days=2)
    assert ann.key not in _shown(network)
    assert ann.key not in _shown(network, TODAY + timedelta(days=1))
    assert ann.key in _shown(network, TODAY + timedelta(days=2))  # back that morning
    assert work.snooze_line(network(), bo.key, today=TODAY).handled.until == TODAY + timedelta(1)
    with pytest.raises(InvalidInput, match="after today"):
        work.snooze_line(network(), ann.key, TODAY, today=TODAY + timedelta(days=3))

    dismissed = work.dismiss_line(network(), ann.key, "  she moved on ", today=TODAY + timedelta(3))
    assert dismissed.handled.reason == "she moved on" and dismissed.handled.handled_by is None
    with network() as uow:
        stored = uow.agenda_handled.get_many([ann.key, "nothing"])
    assert list(stored) == [ann.key] and stored[ann.key].action == "dismissed"
    assert ann.key not in _shown(network, TODAY + timedelta(days=30))
    assert work.undo_line(network(), ann.key)
    assert ann.key in _shown(network, TODAY + timedelta(days=3))


def test_a_line_is_found_by_number_or_key_and_not_twice(network: UnitOfWorkFactory) -> None:
    meet(network, "Ann Lee", 100)
    with pytest.raises(NotFound, match="no line 5"):
        work.find_line(network(), 5, today=TODAY)
    key = _line(network, "check-in", "Ann Lee").key
    work.dismiss_line(network(), key, today=TODAY)
    with pytest.raises(NotFound, match="is on the agenda"):
        work.dismiss_line(network(), key, today=TODAY)
    assert key in {i.key for i in agenda(network(), today=TODAY, handled=True).items}
    assert key not in _shown(network)


def test_a_promise_that_is_a_goal_step_shows_once_first(network: UnitOfWorkFactory) -> None:
    made = routine.make_promise(
        network(), "send the figures", to="Cy Park", due=ago(2), made_on=ago(9)
    )
    meet(network, "Ann Lee", 100)
    with network() as uow:
        cy = next(p.id for p in uow.people.list() if p.name == "Cy Park")
    step = AgendaItem(
        0,
        "goal",
        "Cy Park",
        "keep your promise: send the figures",
        "Pilot: Cy decides",
        None,
        cy,
        key="goal:g1-promise-p3:abc",
    )
    snapshot = load_agenda_snapshot(network(), TODAY, TODAY)
    items = build_agenda(snapshot, TODAY, goal_items=[step]).items
    about = [i for i in items if "send the figures" in i.what]
    assert (len(about) == 1 and items[0] is about[0]) or items[0] == about[0]
    only = about[0]
    assert only.section == "goal" and only.promise_id == made.id
    assert only.key.startswith("promise:") and "overdue by 2 days" in only.why
    assert work.done_label(only) == "Kept"
    assert [i.section for i in items][:2] == ["goal", "check-in"]  # what matters first


def test_two_campaigns_never_put_one_person_on_one_day() -> None:
    monday = date(2026, 6, 15)
    lines = [
        CampaignMeetingLine("Ann Lee", "One-on-one", "Budget: win Ann", monday, 1, 2),
        CampaignMeetingLine("Ann Lee", "One-on-one", "Audit: brief Ann", monday, 1, 1),
        CampaignMeetingLine("Ann Lee", "Prebrief", "Audit: prebrief", monday + timedelta(1), 1, 1),
        CampaignMeetingLine("3 people", "Group", "Audit: group", monday, None, 1),
        CampaignMeetingLine("Bo Chen", "One-on-one", "Budget: win Bo", monday, 2, 2),
    ]
    spread = spread_meetings(lines)
    ann = sorted((m.on, m.campaign_id) for m in spread if m.person_id == 1)
    assert ann == [(monday, 1), (monday + timedelta(1), 1), (monday + timedelta(2), 2)]
    moved = next(m for m in spread if m.person_id == 1 and m.campaign_id == 2)
    assert (
        "moved from Mon 15 Jun" in moved.why and "already meets you that day for Audit" in moved.why
    )
    days = [(m.person_id, m.on) for m in spread if m.person_id is not None]
    assert len(days) == len(set(days)) and len(spread) == len(lines)
    friday = [CampaignMeetingLine("Cy", "x", "A: x", date(2026, 6, 19), 3, c) for c in (1, 2)]
    assert spread_meetings(friday)[1].on == date(2026, 6, 22)  # over the weekend
