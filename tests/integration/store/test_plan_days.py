"""The agenda's campaign lines come from each campaign's plan stored for the day."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, func, select, text

from allies.domain import CampaignMeetingLine
from allies.services.agenda.campaign_meetings import campaign_meeting_lines, planned_meetings
from allies.services.campaigns.editing import delete_campaign, edit_campaign, set_stance
from allies.services.keep.log import log_interaction
from allies.services.network.privacy import erase_person
from allies.store import SqlUnitOfWorkFactory
from allies.store import tables as t
from tests.integration.services.campaigns.plan_workspace import TODAY, workspace

WEEK = 7


def _stored(engine: Engine) -> list[tuple[int, date, str, datetime, list[dict[str, object]]]]:
    p = t.campaign_plan_days.c
    with engine.connect() as connection:
        rows = connection.execute(
            select(p.campaign_id, p.day, p.state_key, p.computed_at, p.meetings).order_by(
                p.campaign_id, p.day
            )
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _campaign(store: SqlUnitOfWorkFactory) -> int:
    with store() as uow:
        return uow.campaigns.list()[0].id or 0


def test_a_miss_plans_and_stores_and_a_hit_reads_the_same_lines(
    store: SqlUnitOfWorkFactory,
) -> None:
    workspace(store)
    campaign = _campaign(store)
    expected = [m for m in planned_meetings(store(), campaign, TODAY) if m.on < TODAY + WEEK * ONE]
    assert _stored(store.engine) == []
    missed = campaign_meeting_lines(store(), TODAY, WEEK)
    assert missed == expected and missed
    (row,) = _stored(store.engine)
    assert row[:2] == (campaign, TODAY) and row[3] <= datetime.now(UTC)
    assert campaign_meeting_lines(store(), TODAY, WEEK) == missed
    assert _stored(store.engine) == [row]  # not planned again
    whole = campaign_meeting_lines(store(), TODAY, 90)
    assert whole == planned_meetings(store(), campaign, TODAY) and len(whole) > len(missed)
    assert all(isinstance(m, CampaignMeetingLine) for m in whole)
    assert campaign_meeting_lines(store(), TODAY, 1) == [m for m in missed if m.on == TODAY]


ONE = timedelta(days=1)


def test_a_stance_or_an_edit_of_the_campaign_plans_again(store: SqlUnitOfWorkFactory) -> None:
    workspace(store)
    campaign = _campaign(store)
    campaign_meeting_lines(store(), TODAY, WEEK)
    (first,) = _stored(store.engine)
    set_stance(store(), f"#{campaign}", "Dee", "Scope", 85, 0.9, on=TODAY)
    after_stance = campaign_meeting_lines(store(), TODAY, WEEK)
    (second,) = _stored(store.engine)
    assert second[2] != first[2] and second[3] >= first[3]
    assert after_stance == planned_meetings(store(), campaign, TODAY)[: len(after_stance)]
    edit_campaign(store(), f"#{campaign}", name="Platform renewed")
    renamed = campaign_meeting_lines(store(), TODAY, WEEK)
    (third,) = _stored(store.engine)
    assert third[2] not in (first[2], second[2])
    assert renamed and all(m.why.startswith("Platform renewed: ") for m in renamed)
    edit_campaign(store(), f"#{campaign}", status="shelved")
    assert campaign_meeting_lines(store(), TODAY, WEEK) == []


def test_the_next_day_plans_anew_and_keeps_only_that_day(store: SqlUnitOfWorkFactory) -> None:
    workspace(store)
    campaign = _campaign(store)
    campaign_meeting_lines(store(), TODAY, WEEK)
    tomorrow = TODAY + ONE
    lines = campaign_meeting_lines(store(), tomorrow, WEEK)
    assert [row[:2] for row in _stored(store.engine)] == [(campaign, tomorrow)]
    assert lines == [
        m for m in planned_meetings(store(), campaign, tomorrow) if m.on < tomorrow + WEEK * ONE
    ]


def test_someone_met_today_has_their_next_meeting_left_out(store: SqlUnitOfWorkFactory) -> None:
    ids = workspace(store)
    week = campaign_meeting_lines(store(), TODAY, WEEK)
    (row,) = _stored(store.engine)
    first = next(m for m in week if m.person_id)
    name = next(n for n, pid in ids.items() if pid == first.person_id)
    log_interaction(store(), [name], on=TODAY - ONE)  # yesterday: nothing changes
    assert campaign_meeting_lines(store(), TODAY, WEEK) == week
    log_interaction(store(), [name], on=TODAY)
    after = campaign_meeting_lines(store(), TODAY, WEEK)
    assert after == [m for m in week if m is not first and m != first]
    assert _stored(store.engine) == [row]  # the day's plan stands


def test_erasing_a_person_drops_the_stored_plans(store: SqlUnitOfWorkFactory) -> None:
    ids = workspace(store)
    week = campaign_meeting_lines(store(), TODAY, WEEK)
    person = next(m for m in week if m.person_id and m.person_id != ids["Me"])
    name = next(n for n, pid in ids.items() if pid == person.person_id)
    erase_person(store(), name)
    assert _stored(store.engine) == []
    again = campaign_meeting_lines(store(), TODAY, WEEK)
    assert all(name not in str(row[4]) for row in _stored(store.engine))
    assert all(m.person_id != person.person_id for m in again)


def test_deleting_a_campaign_deletes_its_stored_plans(store: SqlUnitOfWorkFactory) -> None:
    workspace(store)
    campaign = _campaign(store)
    campaign_meeting_lines(store(), TODAY, WEEK)
    assert len(_stored(store.engine)) == 1
    delete_campaign(store(), f"#{campaign}")
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(t.campaign_plan_days)) == 0
    assert campaign_meeting_lines(store(), TODAY, WEEK) == []


def _wait_for_a_blocked_writer(engine: Engine) -> None:
    """Until the other thread waits on the first one's uncommitted row (PostgreSQL), or a
    moment (SQLite, where it waits on the database's write lock)."""
    if engine.dialect.name != "postgresql":
        time.sleep(0.5)
        return
    deadline = time.monotonic() + 10
    with engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.scalar(text("SELECT count(*) FROM pg_locks WHERE NOT granted"))
            connection.rollback()
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the other writer never waited")


def test_a_day_stored_at_the_same_time_by_another_process_is_kept(
    store: SqlUnitOfWorkFactory,
) -> None:
    workspace(store)
    campaign = _campaign(store)
    line = CampaignMeetingLine("Ann", "Talk", "Platform: why", TODAY, None, campaign)
    stored: dict[str, bool] = {}

    def other() -> None:
        with store() as uow:
            stored["other"] = uow.plan_days.put(campaign, TODAY, "two", [])
            uow.commit()

    with store() as uow:
        assert uow.plan_days.put(campaign, TODAY, "one", [line])
        thread = threading.Thread(target=other)
        thread.start()
        _wait_for_a_blocked_writer(store.engine)
        uow.commit()
    thread.join(30)
    if store.engine.dialect.name == "sqlite":
        # SQLite writers take turns (BEGIN IMMEDIATE): the other one began only after the
        # first committed, so it stored its day after it, replacing it whole.
        assert stored == {"other": True}
        with store() as uow:
            assert uow.plan_days.get(campaign, TODAY, "two") == []
            assert uow.plan_days.get(campaign, TODAY, "one") is None
        return
    assert stored == {"other": False}
    with store() as uow:
        assert uow.plan_days.get(campaign, TODAY, "one") == [line]
        assert uow.plan_days.get(campaign, TODAY, "two") is None
