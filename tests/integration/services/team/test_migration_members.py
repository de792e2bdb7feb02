"""Revision 0014 keeps an existing workspace working: its one "me" becomes its owners'
person, and what was written before has no author and stays the owner's; on SQLite and on
PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from allies.domain.accounts import Actor, Role
from allies.store import make_engine, open_store, upgrade

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a new SQLite file, or the session's empty PostgreSQL wiped."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    url: str = request.getfixturevalue("postgres_empty_url")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    return url


def test_the_workspace_me_becomes_the_owners_person(empty_url: str) -> None:
    engine = make_engine(empty_url)
    now = datetime(2026, 1, 5, tzinfo=UTC)
    try:
        upgrade(engine, "0013")
        with engine.begin() as connection:
            run = connection.execute
            run(
                text("INSERT INTO workspaces (id, name, created_at) VALUES (1, 'w', :n)"),
                {"n": now},
            )
            for uid, name in ((1, "ann"), (2, "bo")):
                run(text("INSERT INTO users (id, username, display_name, password_hash, active, "
                         "created_at) VALUES (:i, :u, :u, 'x', TRUE, :n)"),
                    {"i": uid, "u": name, "n": now})  # fmt: skip
            for uid, role in ((1, "owner"), (2, "editor")):
                run(text("INSERT INTO memberships (user_id, workspace_id, role, granted_at) "
                         "VALUES (:u, 1, :r, :n)"), {"u": uid, "r": role, "n": now})  # fmt: skip
            for pid, name, me in ((1, "Dee", False), (2, "Ann", True)):
                run(text("INSERT INTO people (id, workspace_id, name, title, emails, phones, "
                         "tags, interests, agenda, \"values\", offers, trades, is_me, notes, "
                         "created_at, updated_at, version) VALUES (:i, 1, :m, '', '[]', '[]', "
                         "'[]', '', '', '', '', '', :me, '', :n, :n, 1)"),
                    {"i": pid, "m": name, "me": me, "n": now})  # fmt: skip
            run(text("INSERT INTO favours (workspace_id, person_id, direction, description, "
                     "occurred_on, size) VALUES (1, 1, 'given', 'old', :d, 'small')"),
                {"d": date(2025, 12, 1)})  # fmt: skip
        upgrade(engine)
        with engine.connect() as connection:
            linked = dict(
                connection.execute(text("SELECT user_id, person_id FROM memberships")).all()
            )
        assert linked == {1: 2, 2: None}
    finally:
        engine.dispose()
    store = open_store(empty_url, default_workspace="w")
    try:
        ann = Actor(1, "ann", Role.OWNER, 2)
        with store("w", ann) as uow:
            me = uow.people.me()
            assert me is not None and me.name == "Ann"
            assert [f.description for f in uow.favours.list()] == ["old"]
        with store("w", Actor(2, "bo", Role.EDITOR, 1)) as uow:
            assert uow.favours.list() == []  # Bo's ledger is his own, and empty
    finally:
        store.dispose()
