"""The day's campaign plans asked for by a page: the laptop's embedded scheduler makes
them at once, a team server queues one job for its workers however often it is asked."""

from __future__ import annotations

import time
from datetime import date

import psycopg

from allies.background import queue
from allies.background.day_plans import plan_day_soon
from allies.background.scheduler import start_embedded
from allies.config import Settings, load_settings
from allies.services.agenda.campaign_meetings import unplanned_campaigns
from allies.store import open_store
from tests.integration.services.campaigns.plan_workspace import workspace


def test_the_laptop_scheduler_plans_the_day_when_a_page_asks(sqlite_store_url: str) -> None:
    factory = open_store(sqlite_store_url)
    workspace(factory)
    name = factory().workspace
    today = date.today()
    assert len(unplanned_campaigns(factory(), today)) == 1
    settings = Settings(database_url=sqlite_store_url, workspace=name)
    assert plan_day_soon(settings, name) is False  # no scheduler runs in this process yet
    scheduler = start_embedded(settings)
    try:
        assert plan_day_soon(settings, name) is True
        deadline = time.monotonic() + 300  # a bound against a hang, not a measure of speed
        while unplanned_campaigns(factory(), today) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        scheduler.shutdown(wait=True)
        factory.dispose()
    assert unplanned_campaigns(open_store(sqlite_store_url)(), today) == []


def test_a_team_server_queues_one_planning_job_however_often_asked(
    postgres_database_url: str,
) -> None:
    settings = load_settings({"database_url": postgres_database_url, "team": True})
    queue.apply_schema(settings)
    asked = [plan_day_soon(settings, "default") for _ in range(3)]
    assert asked == [True, False, False]  # one waits; the others add none
    with psycopg.connect(postgres_database_url) as connection:
        rows = connection.execute("SELECT lock, status FROM procrastinate_jobs").fetchall()
    assert rows == [("allies:plans:default", "todo")]
