"""Revision 0009 renames the audit trail's ``commitment`` entries to ``promise``."""

from __future__ import annotations

from sqlalchemy import text

from allies.store import make_engine, upgrade

NOW = "2026-01-01 00:00:00+00:00"


def test_old_commitment_entries_of_the_audit_trail_become_promise_entries(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0008")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO workspaces (id, name, created_at) VALUES (1, 'w', :now)"),
                {"now": NOW},
            )
            for row, entity in ((1, "commitment"), (2, "person")):
                connection.execute(
                    text(
                        "INSERT INTO audit_log (id, workspace_id, at, actor, entity, entity_id, "
                        "action) VALUES (:id, 1, :now, 'ann', :entity, 7, 'create')"
                    ),
                    {"id": row, "now": NOW, "entity": entity},
                )
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, entity, entity_id FROM audit_log ORDER BY id")
            ).all()
        assert [tuple(row) for row in rows] == [(1, "promise", 7), (2, "person", 7)]
    finally:
        engine.dispose()
