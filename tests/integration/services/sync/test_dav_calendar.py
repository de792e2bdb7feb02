"""CalDAV sync against a real Radicale: meetings become interactions, incrementally."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from allies.services.network.people import add_person
from allies.services.sync.errors import LoginRefused
from allies.services.transfer.importing import ImportOptions, import_file
from allies.store import SqlUnitOfWorkFactory, open_store
from tests.integration.services.sync.conftest import snapshot
from tests.integration.services.sync.dav_setup import (
    BO,
    CY,
    ME,
    TODAY,
    account,
    event,
    load,
    new_collection,
    office_calendar,
    radicale_server,
    run_sync,
    sample_objects,
)
from tests.servers.radicale import Radicale
from tests.stores import copy_store


@pytest.fixture(scope="module")
def radicale() -> Iterator[Radicale]:
    """A Radicale of this module's own."""
    yield from radicale_server()


def _meetings(factory: SqlUnitOfWorkFactory) -> list[tuple[str, str]]:
    with factory() as uow:
        return sorted((i.occurred_on.isoformat(), i.summary) for i in uow.interactions.list())


def test_the_first_sync_brings_each_meeting_once_and_the_second_changes_nothing(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "calendar")
    load(radicale, url, office_calendar())
    first = run_sync(factory, radicale, account(url))
    meetings = _meetings(factory)
    weekly = [m for m in meetings if m[1] == "Weekly with Bo"]
    monday = TODAY - timedelta(days=TODAY.weekday() + 7 * 8)
    # 12 weeks from eight weeks ago: 9 up to today, one skipped, one cancelled, one moved
    assert len(weekly) == 7
    assert (monday + timedelta(weeks=3, days=1)).isoformat() in {d for d, _ in weekly}
    assert (monday + timedelta(weeks=3)).isoformat() not in {d for d, _ in weekly}
    assert ("Budget" in {s for _, s in meetings}) and ("Lunch" in {s for _, s in meetings})
    assert "Dropped" not in {s for _, s in meetings}  # cancelled
    assert "Next week" not in {s for _, s in meetings}  # not yet happened
    assert first.added["interactions"] == len(meetings) == 9
    assert first.added["people"] == 3 and first.batches == 1
    before = snapshot(factory)
    second = run_sync(factory, radicale, account(url))
    assert not second.changed_anything and second.batches == 0
    assert snapshot(factory) == before


def test_moved_cancelled_new_and_deleted_meetings_on_the_server(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "calendar")
    load(radicale, url, office_calendar())
    run_sync(factory, radicale, account(url))
    day = TODAY - timedelta(days=20)
    moved = event("budget", day - timedelta(days=2), "Budget", [BO, CY])
    radicale.put(url + "budget.ics", moved, "text/calendar")
    radicale.put(
        url + "lunch.ics",
        event("lunch-di", TODAY - timedelta(days=5), "Lunch", [("Di Moss", "di@example.org")],
              status="CANCELLED"),
        "text/calendar",
    )  # fmt: skip
    radicale.put(url + "new.ics", event("new", TODAY - timedelta(days=1), "Coffee",
                 [("Cy Park", "cy@example.org")]), "text/calendar")  # fmt: skip
    radicale.delete(url + "weekly.ics")
    summary = run_sync(factory, radicale, account(url))
    meetings = _meetings(factory)
    assert meetings == sorted(
        [((day - timedelta(days=2)).isoformat(), "Budget"),
         ((TODAY - timedelta(days=1)).isoformat(), "Coffee")]
    )  # fmt: skip
    assert summary.changed["interactions"] == 1  # the budget meeting moved
    assert summary.added["interactions"] == 1  # coffee
    assert summary.withdrawn["interactions"] == 1 + 7  # lunch cancelled, the weekly deleted
    with factory() as uow:
        assert {p.name for p in uow.people.list()} >= {"Bo Chen", "Cy Park", "Di Moss"}


def test_a_meeting_still_to_come_comes_in_on_its_day(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "calendar")
    load(radicale, url, office_calendar())
    run_sync(factory, radicale, account(url))
    summary = run_sync(factory, radicale, account(url), today=TODAY + timedelta(days=4))
    assert summary.added["interactions"] >= 1
    assert ((TODAY + timedelta(days=3)).isoformat(), "Next week") in _meetings(factory)


def test_a_sync_killed_mid_way_resumes_and_ends_as_one_run_would(
    factory: SqlUnitOfWorkFactory, radicale: Radicale, tmp_path: object
) -> None:
    url = new_collection(radicale, "calendar")
    load(radicale, url, office_calendar())
    calls = []

    def killer(stage: str, done: int, total: int | None) -> None:
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed after the second batch was committed

    with pytest.raises(KeyboardInterrupt):
        run_sync(factory, radicale, account(url), batch_size=2, progress=killer)
    half = _meetings(factory)
    assert 0 < len(half) < 9
    resumed = run_sync(factory, radicale, account(url), batch_size=2)
    assert resumed.batches >= 1
    assert _meetings(factory) == sorted(set(_meetings(factory)))  # nothing twice
    assert len(_meetings(factory)) == 9
    assert not run_sync(factory, radicale, account(url)).changed_anything


def test_a_wrong_password_names_the_account_and_stores_nothing(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "calendar")
    load(radicale, url, office_calendar())
    before = snapshot(factory)
    with pytest.raises(LoginRefused) as refused:
        run_sync(factory, radicale, account(url, name="office"), password="wrong")
    assert "'office'" in refused.value.message and "wrong" not in refused.value.message
    assert snapshot(factory) == before
    with factory() as uow:
        assert uow.dav_state.collections("office") == []


def test_the_interchange_samples_sync_as_they_import(
    factory: SqlUnitOfWorkFactory, radicale: Radicale, sqlite_template: Path, tmp_path: Path
) -> None:
    url = new_collection(radicale, "calendar")
    objects = dict(sample_objects())
    taken = load(radicale, url, objects)
    assert taken >= 25
    first = run_sync(factory, radicale, account(url), batch_size=7)
    assert first.read > 0 and first.batches >= 4
    before = snapshot(factory)
    assert not run_sync(factory, radicale, account(url)).changed_anything
    assert snapshot(factory) == before
    other = open_store(copy_store(sqlite_template, tmp_path / "imported.db"))
    add_person(other(), "Ana Ruiz", is_me=True, emails=ME)
    for name, data in objects.items():
        path = tmp_path / name
        path.write_bytes(data)
        import_file(other(), "ics", path, ImportOptions(today=TODAY))
    assert _meetings(other) == _meetings(factory) != []


def test_a_sync_token_the_server_forgot_starts_afresh_and_changes_nothing(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "calendar")
    load(radicale, url, office_calendar())
    run_sync(factory, radicale, account(url))
    before = snapshot(factory)
    with factory() as uow:
        state = uow.dav_state.collection("radicale", url, "calendar")
        uow.dav_state.set_resume_point(state.id or 0, "http://radicale.org/ns/sync/gone", None)
        uow.commit()
    again = run_sync(factory, radicale, account(url))
    assert not again.changed_anything and snapshot(factory) == before
    with factory() as uow:
        token = uow.dav_state.collection("radicale", url, "calendar").sync_token
    assert token and not token.endswith("/gone")
