"""Backing up and restoring the whole database gives back exactly what was there."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from allies.domain import Interaction, Person
from allies.domain.records import Note
from allies.errors import ImportFormatError
from allies.services.team import accounts
from allies.store import SqlUnitOfWorkFactory
from allies.store import backup as backup_module
from allies.store.backup import backup_database, restore_database, sniff
from allies.store.tables import metadata

Ids = dict[str, int]


def _everything(store: SqlUnitOfWorkFactory) -> dict[str, list[Any]]:
    """Every row of every table but the change counts, which a restore makes anew (so
    that no view kept before it is taken for current: see test_record_changes)."""
    with store.engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(
                    select(table).order_by(*(table.primary_key.columns or table.columns))
                )
            ]
            for table in metadata.sorted_tables
            if table.name != "record_changes"
        }


def _fill(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    accounts.add_user(store, "ann", "x" * 12)
    with store() as uow:
        uow.interactions.add(
            Interaction(
                occurred_on=date(2026, 1, 2),
                participant_ids=[people["ana"], people["bo"]],
                summary="Budget",
            )
        )
        uow.notes.add(Note(person_id=people["ana"], body="Likes numbers", private=True))
        uow.commit()


def test_a_backup_restores_exactly(
    store: SqlUnitOfWorkFactory, people: Ids, tmp_path: Path
) -> None:
    _fill(store, people)
    before = _everything(store)
    result = backup_database(store.engine, tmp_path / "allies.backup")
    expected = "sqlite" if store.engine.dialect.name == "sqlite" else "pg_dump"
    assert result.kind == expected and sniff(result.path) == expected
    with store() as uow:
        uow.people.add(Person(name="After The Backup"))
        uow.commit()
    assert _everything(store) != before
    restore_database(store.engine, result.path)
    assert _everything(store) == before
    with store() as uow:  # and it is usable: new ids do not clash
        uow.people.add(Person(name="After The Restore"))
        uow.commit()


def test_the_json_backup_restores_exactly(
    store: SqlUnitOfWorkFactory, people: Ids, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(store, people)
    before = _everything(store)
    target = tmp_path / "allies.json"
    if store.engine.dialect.name == "sqlite":  # SQLite always has its backup API
        with store.engine.connect() as connection:
            target.write_text(json.dumps(backup_module._dump(connection)))
    else:  # PostgreSQL falls back to it without pg_dump
        monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
        result = backup_database(store.engine, target)
        assert result.kind == "json" and "pg_dump is not installed" in result.note
    assert sniff(target) == "json"
    with store() as uow:
        uow.people.remove(people["cy"])
        uow.commit()
    restore_database(store.engine, target)
    assert _everything(store) == before
    with store() as uow:
        assert uow.people.add(Person(name="New")).id not in set(people.values())
        uow.commit()


def test_what_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk"
    junk.write_bytes(b"\x00 nothing")
    with pytest.raises(ImportFormatError, match="not a backup"):
        sniff(junk)
