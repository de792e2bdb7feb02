"""A change through the app asks at once for the background work it makes stale: the
network's analyses and the day's plans (so the next view of a large network finds them
kept instead of waiting for the periodic run); reading asks for nothing, nor does a
refused change, and a burst of changes asks once."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from fastapi.testclient import TestClient

from allies.background import queue
from allies.background import scheduler as embedded
from allies.background.scheduler import start_embedded
from allies.config import Settings
from tests.faces.web.team_setup import Team, unsafe_headers

LATER = timedelta(hours=1)


@pytest.fixture
def settings(sqlite_store_url: str) -> Settings:
    """Settings on a database of the test's own (not the session's shared one): the
    scheduler's runs go over every workspace of the database, and the test waits for
    the run it asked for (and for the last one, when it shuts the scheduler down)."""
    return Settings(database_url=sqlite_store_url, workspace=f"test-{uuid.uuid4().hex[:12]}")


@pytest.fixture
def scheduler(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[BackgroundScheduler]:
    """The laptop's embedded scheduler, as ``allies serve`` runs it, with every task's
    next run an hour away (after its first runs, which are not what is tested here, so
    they go at once instead of the server's seconds after start-up)."""
    monkeypatch.setattr(embedded, "FIRST_DELAY", timedelta(0))
    running = start_embedded(settings)
    deadline = time.monotonic() + 120  # a bound against a hang, not a measure of speed
    while time.monotonic() < deadline and any(
        job.next_run_time <= datetime.now(UTC) + timedelta(seconds=30) for job in running.get_jobs()
    ):
        time.sleep(0.02)  # the first round has to pass
    for job in running.get_jobs():
        job.modify(next_run_time=datetime.now(UTC) + LATER)
    yield running
    running.shutdown(wait=True)


def _asked(scheduler: BackgroundScheduler, name: str) -> bool:
    """Whether the task's next run was moved from an hour away (to now, or run already
    and set to its next period)."""
    when = scheduler.get_job(name).next_run_time
    return bool(when < datetime.now(UTC) + LATER - timedelta(minutes=1))


def test_a_change_asks_for_the_analyses_and_plans_at_once(
    client: TestClient, scheduler: BackgroundScheduler
) -> None:
    assert client.get("/api/v1/people").status_code == 200
    assert client.get("/today").status_code == 200
    assert not _asked(scheduler, "analyses") and not _asked(scheduler, "plans")
    refused = client.post("/api/v1/people", json={"name": ""})
    assert refused.status_code == 422
    assert not _asked(scheduler, "analyses") and not _asked(scheduler, "plans")
    assert client.post("/api/v1/people", json={"name": "Ines Duarte"}).status_code == 201
    assert _asked(scheduler, "analyses") and _asked(scheduler, "plans")


def test_a_burst_of_changes_asks_once(client: TestClient, scheduler: BackgroundScheduler) -> None:
    assert client.post("/api/v1/people", json={"name": "Ines Duarte"}).status_code == 201
    assert _asked(scheduler, "analyses")
    deadline = time.monotonic() + 60
    while scheduler.get_job("analyses").next_run_time < datetime.now(UTC) + timedelta(
        seconds=30
    ):  # the run asked for goes, and sets the next one a period away
        assert time.monotonic() < deadline, "the run asked for did not go"
        time.sleep(0.1)
    assert client.post("/api/v1/people", json={"name": "Jon Berg"}).status_code == 201
    assert scheduler.get_job("analyses").next_run_time > datetime.now(UTC) + timedelta(
        seconds=30
    )  # within the quiet seconds: not asked again


@pytest.mark.postgres
def test_a_team_members_change_queues_the_work_for_their_workspace(team: Team) -> None:
    queue.apply_schema(team.settings)
    with psycopg.connect(str(team.settings.database_url)) as connection:
        connection.execute("DELETE FROM procrastinate_jobs")
    client = team.client("bo")
    assert client.get("/api/v1/people").status_code == 200
    response = client.post(
        "/api/v1/people", json={"name": "Ines Duarte"}, headers=unsafe_headers(client)
    )
    assert response.status_code == 201, response.text
    with psycopg.connect(str(team.settings.database_url)) as connection:
        locks = connection.execute("SELECT lock FROM procrastinate_jobs ORDER BY lock").fetchall()
    assert locks == [("allies:analyses:alpha",), ("allies:plans:alpha",)]
