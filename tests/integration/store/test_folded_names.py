"""Names found without their accents: the folded names the store writes with every save
and revision 0018 gives the rows already stored, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from allies.domain import Organisation, Person
from allies.domain.listing import ListingFilter
from allies.store import SqlUnitOfWorkFactory, make_engine, open_store, upgrade
from allies.store.migrate import _config
from allies.store.tables import PEOPLE_BY_FOLDED_NAME, PEOPLE_BY_NAME

NOW = "2026-01-01 00:00:00+00:00"


def _found(store: SqlUnitOfWorkFactory, search: str, workspace: str | None = None) -> list[str]:
    with store(workspace) as uow:
        rows, total = uow.people.listing(ListingFilter(search=search), "name")
    assert total == len(rows)
    return [r.person.name for r in rows]


def test_a_search_ignores_accents_and_case(store: SqlUnitOfWorkFactory) -> None:
    with store() as uow:
        bank = uow.organisations.add(Organisation(name="Société Générale"))
        for name in ("Zoe Adams", "Étienne Dubois", "Anna Bergström", "Ève Martin"):
            uow.people.add(Person(name=name, organisation_id=bank.id if "Anna" in name else None))
        uow.commit()
    assert _found(store, "Etienne") == ["Étienne Dubois"]
    assert _found(store, "bergstrom") == ["Anna Bergström"]
    assert _found(store, "BERGSTRÖM") == ["Anna Bergström"]
    assert _found(store, "étienne") == ["Étienne Dubois"]
    assert _found(store, "societe generale") == ["Anna Bergström"]  # the organisation
    assert _found(store, "dubois etienne") == ["Étienne Dubois"]  # every word, any order
    with store() as uow:
        rows, _ = uow.people.listing(ListingFilter(organisation="SOCIETE GENERALE"), "name")
    assert [r.person.name for r in rows] == ["Anna Bergström"]
    # The list's order ignores accents too: Étienne among the Es, not after Z.
    assert _found(store, "") == ["Anna Bergström", "Étienne Dubois", "Ève Martin", "Zoe Adams"]
    with store() as uow:
        assert [name for _, name in uow.people.suggest("eti")] == ["Étienne Dubois"]
        assert [p.name for p in uow.people.named("etienne dubois")] == ["Étienne Dubois"]


def test_a_rename_refolds_the_name(store: SqlUnitOfWorkFactory) -> None:
    with store() as uow:
        person = uow.people.add(Person(name="Bo Chen"))
        uow.commit()
    with store() as uow:
        stored = uow.people.get(person.id or 0)
        stored.name = "Bö Çhen"
        uow.people.save(stored)
        uow.commit()
    assert _found(store, "bo chen") == ["Bö Çhen"]
    assert _found(store, "Bo Chen") == ["Bö Çhen"]


def test_the_migration_folds_the_names_already_stored(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0017")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO workspaces (id, name, created_at) VALUES (1, 'w', :now)"),
                {"now": NOW},
            )
            connection.execute(
                text(
                    "INSERT INTO organisations (id, workspace_id, name, kind, notes, version) "
                    "VALUES (1, 1, 'Crédit Agricole', '', '', 1)"
                )
            )
            for person, name in enumerate(("Étienne Dubois", "Anna Bergström", "Bo"), start=1):
                connection.execute(
                    text(
                        "INSERT INTO people (id, workspace_id, name, title, emails, phones, "
                        'tags, interests, agenda, "values", offers, trades, is_me, notes, '
                        "created_at, updated_at, version, organisation_id) VALUES (:id, 1, "
                        ":name, '', '[]', '[]', '[]', '', '', '', '', '', false, '', :now, "
                        ":now, 1, :org)"
                    ),
                    {"id": person, "name": name, "now": NOW, "org": 1 if person == 3 else None},
                )
        upgrade(engine)
        with engine.connect() as connection:
            folded = connection.execute(
                text("SELECT name_folded FROM people ORDER BY id")
            ).scalars()
            assert list(folded) == ["etienne dubois", "anna bergstrom", "bo"]
            assert connection.scalar(text("SELECT name_folded FROM organisations")) == (
                "credit agricole"
            )
        store = open_store(database_url)
        try:
            assert _found(store, "etienne", "w") == ["Étienne Dubois"]
            assert _found(store, "credit", "w") == ["Bo"]
        finally:
            store.dispose()
    finally:
        engine.dispose()


def test_the_default_order_is_read_from_the_folded_index(store: SqlUnitOfWorkFactory) -> None:
    with store() as uow:
        for n in range(30):
            uow.people.add(Person(name=f"Person {n:02d}"))
        uow.commit()
    with store() as uow:
        rows, total = uow.people.listing(ListingFilter(), "name", limit=5)
    assert total == 30 and rows[0].person.name == "Person 00"
    engine = store.engine
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            plan = " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT id FROM people WHERE workspace_id = 1 "
                    "ORDER BY name_folded, id LIMIT 5"
                )
            )
        assert PEOPLE_BY_FOLDED_NAME in plan and "TEMP B-TREE" not in plan


def test_the_migration_goes_back_without_losing_the_other_indexes(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with engine.begin() as connection:
            command.downgrade(_config(connection), "0017")
        with engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("people")}
            catalogue = (
                "SELECT name FROM sqlite_master WHERE type = 'index'"
                if engine.dialect.name == "sqlite"
                else "SELECT indexname FROM pg_indexes WHERE tablename = 'people'"
            )
            indexes = set(connection.exec_driver_sql(catalogue).scalars())
        assert "name_folded" not in columns
        assert PEOPLE_BY_NAME in indexes and PEOPLE_BY_FOLDED_NAME not in indexes
        upgrade(engine)
    finally:
        engine.dispose()
