"""The migrations build exactly the schema of ``allies.store.tables`` on both backends."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from allies.errors import ConfigurationError
from allies.store import current_revision, head_revision, make_engine, open_store, upgrade
from allies.store.migrate import MIGRATIONS, ensure_current
from allies.store.tables import PEOPLE_BY_NAME, ROOT_TABLES, metadata

EXPECTED_TABLES = {
    "workspaces",
    "organisations",
    "units",
    "people",
    "ties",
    "observations",
    "interactions",
    "interaction_participants",
    "favours",
    "commitments",
    "cadences",
    "campaigns",
    "campaign_issues",
    "campaign_deciders",
    "campaign_plan_days",
    "stances",
    "alliances",
    "alliance_partners",
    "alliance_goals",
    "responsibilities",
    "milestones",
    "alliance_conflicts",
    "goals",
    "goal_needs",
    "assessments",
    "users",
    "memberships",
    "api_tokens",
    "sessions",
    "login_attempts",
    "audit_log",
    "audit_people",
    "notes",
    "uploads",
    "account_audit",
    "agenda_handled",
    "captures",
    "record_changes",
    "record_sources",
    "cards",
    "role_changes",
    "dav_collections",
    "dav_objects",
    "relationship_owners",
    "meeting_assignments",
    "affiliations",
    "organisation_ties",
    "consultations",
    "surveys",
    "survey_invites",
    "survey_answers",
    "sync_accounts",
    "sync_secrets",
    "sync_state",
    "analysis_cache",
    "reminder_settings",
    "reminder_sends",
}


def test_upgrade_from_empty_creates_every_table(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        assert tables == EXPECTED_TABLES | {"alembic_version"}
        assert set(metadata.tables) == EXPECTED_TABLES
        upgrade(engine)  # idempotent
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_tables(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
        inspector = inspect(engine)
        for table in metadata.sorted_tables:
            reflected = {
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    (fk.get("options") or {}).get("ondelete", "NO ACTION").upper(),
                )
                for fk in inspector.get_foreign_keys(table.name)
            }
            declared = {
                ((fk.parent.name,), fk.column.table.name, (fk.ondelete or "NO ACTION").upper())
                for fk in table.foreign_keys
            }
            assert reflected == declared, table.name
            indexes = {
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table.name)
                if not i.get("duplicates_constraint")
            }
            assert indexes == {  # an expression (lower(name)) reflects as None
                (i.name, tuple(getattr(e, "name", None) for e in i.expressions), bool(i.unique))
                for i in table.indexes
                # SQLite's reflection skips indexes on expressions
                if engine.dialect.name != "sqlite" or all(hasattr(e, "name") for e in i.expressions)
            }, table.name
    finally:
        engine.dispose()


#: Links of the team to people, which go with the person (or the link, for a member's
#: own person) rather than holding a removal up.
TEAM_LINKS = {"memberships", "relationship_owners", "meeting_assignments", "survey_invites"}


def test_every_person_reference_is_restrict_and_every_root_belongs_to_a_workspace() -> None:
    for table in metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "people" and table.name not in TEAM_LINKS:
                assert fk.ondelete == "RESTRICT", (table.name, fk.parent.name)
            if fk.column.table.name == "workspaces":
                assert fk.ondelete == "CASCADE" and not fk.parent.nullable
    assert {t.name for t in ROOT_TABLES} == EXPECTED_TABLES - {
        "workspaces",
        "interaction_participants",
        "campaign_issues",
        "campaign_deciders",
        "alliance_partners",
        "alliance_goals",
        "responsibilities",
        "milestones",
        "alliance_conflicts",
        "goal_needs",
        "users",
        "sessions",
        "login_attempts",
        "audit_people",
        "account_audit",
        "survey_invites",
        "sync_secrets",
        "sync_state",
    }


def test_open_store_migrates_on_first_use_only_when_asked(database_url: str) -> None:
    lazy = open_store(database_url, migrate=False)
    try:
        assert current_revision(lazy.engine) is None
    finally:
        lazy.dispose()
    store = open_store(database_url)
    try:
        assert current_revision(store.engine) is None  # nothing happens before first use
        assert store.workspaces() == []
        assert current_revision(store.engine) == head_revision()
        with store() as uow:
            assert uow.people.count() == 0
    finally:
        store.dispose()


def test_a_database_from_a_newer_version_is_refused(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(ConfigurationError, match="9999"):
            ensure_current(engine)
    finally:
        engine.dispose()


def test_the_migration_scripts_ship_with_the_package() -> None:
    assert (MIGRATIONS / "env.py").is_file()
    assert (MIGRATIONS / "script.py.mako").is_file()
    assert (MIGRATIONS / "versions" / "0001_initial.py").is_file()
    assert (MIGRATIONS / "versions" / "0002_team.py").is_file()
    assert (MIGRATIONS / "versions" / "0003_uploads.py").is_file()
    assert (MIGRATIONS / "versions" / "0004_account_audit.py").is_file()
    assert (MIGRATIONS / "versions" / "0007_contact_tones.py").is_file()
    assert (MIGRATIONS / "versions" / "0008_campaign_plan_days.py").is_file()
    assert (MIGRATIONS / "versions" / "0009_promise_audit_kind.py").is_file()
    assert (MIGRATIONS / "versions" / "0010_agenda_handled.py").is_file()
    assert (MIGRATIONS / "versions" / "0017_captures.py").is_file()
    assert (MIGRATIONS / "versions" / "0024_record_changes.py").is_file()
    assert head_revision() == "0024"


def test_upgrading_gives_existing_participations_their_interactions_day(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0004")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO workspaces (id, name, created_at) VALUES (1, 'w', :now)"),
                {"now": "2026-01-01 00:00:00+00:00"},
            )
            for person in (1, 2):
                connection.execute(
                    text(
                        "INSERT INTO people (id, workspace_id, name, title, emails, phones, "
                        'tags, interests, agenda, "values", offers, trades, is_me, notes, '
                        "created_at, updated_at, version) VALUES (:id, 1, :name, '', '[]', "
                        "'[]', '[]', '', '', '', '', '', false, '', :now, :now, 1)"
                    ),
                    {"id": person, "name": f"P{person}", "now": "2026-01-01 00:00:00+00:00"},
                )
            for interaction, day in ((1, "2025-03-04"), (2, "2025-06-07")):
                connection.execute(
                    text(
                        "INSERT INTO interactions (id, workspace_id, occurred_on, kind, tone, "
                        "summary, notes) VALUES (:id, 1, :day, 'call', :tone, '', '')"
                    ),
                    {"id": interaction, "day": day, "tone": interaction - 2},
                )
            connection.execute(
                text(
                    "INSERT INTO interaction_participants (interaction_id, person_id, position) "
                    "VALUES (1, 1, 0), (2, 1, 0), (2, 2, 1)"
                )
            )
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT interaction_id, person_id, occurred_on, tone "
                    "FROM interaction_participants ORDER BY interaction_id, person_id"
                )
            ).all()
        assert [(i, p, str(d), tone) for i, p, d, tone in rows] == [
            (1, 1, "2025-03-04", -1),
            (2, 1, "2025-06-07", 0),
            (2, 2, "2025-06-07", 0),
        ]
        with open_store(database_url)("w") as uow:
            assert uow.interactions.last_contact() == {1: date(2025, 6, 7), 2: date(2025, 6, 7)}
    finally:
        engine.dispose()


def test_the_people_list_order_has_its_index(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        catalogue = (
            "SELECT name FROM sqlite_master WHERE type = 'index'"
            if engine.dialect.name == "sqlite"
            else "SELECT indexname FROM pg_indexes WHERE tablename = 'people'"
        )
        with engine.connect() as connection:
            names = set(connection.exec_driver_sql(catalogue).scalars())
        assert PEOPLE_BY_NAME in names
    finally:
        engine.dispose()
