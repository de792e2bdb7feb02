"""On SQLite a writer waits for another instead of being refused: a transaction takes the
write lock when it begins (``BEGIN IMMEDIATE``), where the busy timeout applies."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import event, text

from allies.domain import Person
from allies.store import open_store
from allies.store.engine import READ_ONLY, make_engine
from tests.stores import copy_store


def test_a_second_writer_waits_and_then_succeeds(sqlite_template: Path, tmp_path: Path) -> None:
    db = copy_store(sqlite_template, tmp_path / "allies.db")
    store = open_store(db)
    try:
        with store() as uow:
            ann = uow.people.add(Person(name="Ann"))
            uow.commit()
        first_holds = threading.Event()
        outcome: dict[str, object] = {}

        def second() -> None:
            first_holds.wait(10)
            try:
                with store() as uow:  # reads, then writes: once refused, now waits
                    person = uow.people.get(ann.id or 0)
                    person.title = "Second"
                    uow.people.save(person)
                    uow.commit()
                outcome["second"] = "saved"
            except Exception as error:
                outcome["second"] = repr(error)

        thread = threading.Thread(target=second)
        thread.start()
        with store() as uow:
            person = uow.people.get(ann.id or 0)
            person.title = "First"
            uow.people.save(person)
            first_holds.set()
            time.sleep(0.5)
            uow.commit()
        thread.join(30)
        assert outcome == {"second": "saved"}
        with store() as uow:
            assert uow.people.get(ann.id or 0).title == "Second"
    finally:
        store.dispose()


def test_transactions_begin_immediate_unless_read_only(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    seen: list[str] = []
    try:
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.commit()

        @event.listens_for(engine, "before_cursor_execute")
        def _saw(_c: object, _cur: object, statement: str, *_: object) -> None:
            if statement.startswith("BEGIN"):
                seen.append(statement)

        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM t"))
        with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            connection.execute(text("SELECT count(*) FROM t"))
        with engine.connect() as outer, engine.connect() as inner:
            outer.execute(text("INSERT INTO t VALUES (1)"))
            inner.execute(text("SELECT count(*) FROM t"))  # one thread: must not wait on itself
        assert seen == ["BEGIN IMMEDIATE", "BEGIN DEFERRED", "BEGIN IMMEDIATE", "BEGIN DEFERRED"]
    finally:
        engine.dispose()
