"""A quick capture sent from a phone is stored once, however often it is sent, on both
backends: a repeat answers what became of it, a refusal keeps the reason and stores
nothing, racing sendings store one record, and a sending cut short is taken up again."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from allies.domain.captures import KEPT_FOR
from allies.errors import Conflict, InvalidInput
from allies.services.keep.captures import STALE_AFTER, Stored, receive_capture
from allies.services.keep.log import log_interaction
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWork
from allies.store import SqlUnitOfWorkFactory
from allies.store import tables as t

MEETING = {"people": "Ann Lee", "summary": "Coffee about the budget"}


def _meeting(uow: UnitOfWork, fields: Mapping[str, str]) -> Stored:
    made = log_interaction(uow, [fields["people"]], summary=fields["summary"])
    return made.id, f"The meeting with {fields['people']} is stored."


def _summaries(store: SqlUnitOfWorkFactory) -> list[str]:
    with store() as uow:
        return [i.summary for i in uow.interactions.list()]


@pytest.fixture
def ann(store: SqlUnitOfWorkFactory) -> SqlUnitOfWorkFactory:
    add_person(store(), "Ann Lee")
    return store


def test_a_capture_sent_twice_is_stored_once(ann: SqlUnitOfWorkFactory) -> None:
    first, made = receive_capture(ann(), "k-1", "meeting", MEETING, _meeting)
    assert made and first.status == "stored" and first.record_id
    assert first.message == "The meeting with Ann Lee is stored."
    again, made_again = receive_capture(ann(), "k-1", "meeting", MEETING, _meeting)
    assert not made_again and again.status == "stored" and again.record_id == first.record_id
    assert again.message == "The meeting is stored."  # the receipt kept names no one
    assert _summaries(ann) == ["Coffee about the budget"]


def test_a_refused_capture_keeps_its_reason_and_stores_nothing(
    ann: SqlUnitOfWorkFactory,
) -> None:
    gone = {"people": "Zed Nobody", "summary": "Lunch"}
    refused, made = receive_capture(ann(), "k-2", "meeting", gone, _meeting)
    assert not made and refused.status == "refused" and "Zed Nobody" in refused.message
    assert refused.record_id is None and _summaries(ann) == []
    calls: list[str] = []

    def counting(uow: UnitOfWork, fields: Mapping[str, str]) -> Stored:
        calls.append("called")
        return _meeting(uow, fields)

    again, _ = receive_capture(ann(), "k-2", "meeting", gone, counting)
    assert again.status == "refused" and again.message == refused.message and calls == []


def test_a_key_names_one_capture(ann: SqlUnitOfWorkFactory) -> None:
    receive_capture(ann(), "k-3", "meeting", MEETING, _meeting)
    with pytest.raises(Conflict, match="already used for another capture"):
        receive_capture(ann(), "k-3", "meeting", {**MEETING, "summary": "Tea"}, _meeting)
    with pytest.raises(InvalidInput) as caught:
        receive_capture(ann(), "no spaces please", "meeting", MEETING, _meeting)
    assert caught.value.field == "key"
    with pytest.raises(InvalidInput) as caught:
        receive_capture(ann(), "k-4", "dance", MEETING, _meeting)
    assert caught.value.field == "kind"
    assert _summaries(ann) == ["Coffee about the budget"]


def test_racing_sendings_store_one_record(ann: SqlUnitOfWorkFactory) -> None:
    start = threading.Barrier(4)
    answers: list[tuple[str, bool]] = []
    failures: list[BaseException] = []

    def send() -> None:
        start.wait()
        try:
            capture, made = receive_capture(ann(), "k-race", "meeting", MEETING, _meeting)
            answers.append((capture.status, made))
        except BaseException as error:  # reported below, with the answers
            failures.append(error)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and len(answers) == 4
    assert [made for _, made in answers].count(True) == 1
    assert all(status in ("stored", "received") for status, _ in answers)
    assert _summaries(ann) == ["Coffee about the budget"]


def test_a_sending_cut_short_is_taken_up_again_later(ann: SqlUnitOfWorkFactory) -> None:
    def cut_short(uow: UnitOfWork, fields: Mapping[str, str]) -> Stored:
        raise KeyboardInterrupt  # the server stopped while storing it

    with pytest.raises(KeyboardInterrupt):
        receive_capture(ann(), "k-cut", "meeting", MEETING, cut_short)
    waiting, made = receive_capture(ann(), "k-cut", "meeting", MEETING, _meeting)
    assert waiting.status == "received" and not made and _summaries(ann) == []
    c = t.captures.c
    long_ago = datetime.now(UTC) - STALE_AFTER - timedelta(seconds=5)
    with ann.engine.begin() as connection:
        connection.execute(update(t.captures).where(c.key == "k-cut").values(received_at=long_ago))
    taken, made = receive_capture(ann(), "k-cut", "meeting", MEETING, _meeting)
    assert made and taken.status == "stored"
    assert _summaries(ann) == ["Coffee about the budget"]


def test_the_server_keeps_no_copy_and_forgets_settled_captures(ann: SqlUnitOfWorkFactory) -> None:
    receive_capture(ann(), "k-old", "meeting", MEETING, _meeting)
    c = t.captures.c
    with ann.engine.connect() as connection:
        (row,) = connection.execute(t.captures.select()).all()
    assert "Ann Lee" not in " ".join(str(v) for v in row) and len(row.digest) == 64
    long_ago = datetime.now(UTC) - KEPT_FOR - timedelta(days=1)
    with ann.engine.begin() as connection:
        connection.execute(update(t.captures).where(c.key == "k-old").values(settled_at=long_ago))
    receive_capture(ann(), "k-new", "meeting", {**MEETING, "summary": "Tea"}, _meeting)
    with ann.engine.connect() as connection:
        keys = [r.key for r in connection.execute(t.captures.select())]
    assert keys == ["k-new"]
