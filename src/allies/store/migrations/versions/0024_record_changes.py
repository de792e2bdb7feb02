"""Count the changes of each kind of record, kept by triggers.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06

The views kept between requests (the influence ranking, the power base, the health
board) were keyed by aggregates over every person, tie, observation and interaction of
the workspace: on a workspace of years (300,000 interactions) reading them took a tenth
of a second at every view. A row per workspace now counts the changes of each kind,
kept by triggers so that no writer (the app, a bulk import, a restore) can miss one;
a stamp is one read of that row.

SQLite adds one per row changed (an update of one row in place). PostgreSQL adds one per
transaction and kind: a row-level trigger marks the transaction with a local setting
(``allies_changed.<kind>_<workspace>``) after its first count, so a bulk import of
300,000 rows updates the counter once instead of making 300,000 versions of one row;
reading a stamp clears the marks (:mod:`allies.store.changes`), so that a change made
after a stamp was read in the same transaction counts again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | Sequence[str] | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTED = ("people_ids", "people", "ties", "observations", "interactions", "favours", "promises")
#: The kinds each table's changes count, by the statement that changes it.
COUNTS: dict[str, dict[str, tuple[str, ...]]] = {
    "people": {
        "INSERT": ("people_ids", "people"),
        "UPDATE": ("people",),
        "DELETE": ("people_ids", "people"),
    },
    **{
        table: {op: (kind,) for op in ("INSERT", "UPDATE", "DELETE")}
        for table, kind in (
            ("ties", "ties"),
            ("observations", "observations"),
            ("interactions", "interactions"),
            ("favours", "favours"),
            ("commitments", "promises"),  # the promises' table keeps its first name
        )
    },
}

_PG_FUNCTION = """
CREATE FUNCTION allies_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ws integer;
    kind text;
    mark text;
BEGIN
    IF TG_OP = 'DELETE' THEN ws := OLD.workspace_id; ELSE ws := NEW.workspace_id; END IF;
    FOREACH kind IN ARRAY TG_ARGV LOOP
        mark := 'allies_changed.' || kind || '_' || ws;
        IF coalesce(current_setting(mark, true), '') <> '1' THEN
            INSERT INTO record_changes (workspace_id, epoch)
            VALUES (ws, md5(random()::text || clock_timestamp()::text))
            ON CONFLICT (workspace_id) DO NOTHING;
            EXECUTE format(
                'UPDATE record_changes SET %I = %I + 1 WHERE workspace_id = $1', kind, kind
            ) USING ws;
            PERFORM set_config(mark, '1', true);
        END IF;
    END LOOP;
    RETURN NULL;
END
$$
"""


def _name(table: str, statement: str) -> str:
    return f"record_changes_{table}_{statement.lower()}"


def upgrade() -> None:
    """Make the table of counts and the triggers that keep it."""
    op.create_table(
        "record_changes",
        sa.Column("workspace_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        *(sa.Column(kind, sa.BigInteger(), server_default="0", nullable=False) for kind in COUNTED),
        sa.PrimaryKeyConstraint("workspace_id"),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute(_PG_FUNCTION)
    for table, statements in COUNTS.items():
        for statement, kinds in statements.items():
            name = _name(table, statement)
            if postgres:
                arguments = ", ".join(f"'{kind}'" for kind in kinds)
                op.execute(
                    f"CREATE TRIGGER {name} AFTER {statement} ON {table} FOR EACH ROW "
                    f"EXECUTE FUNCTION allies_count_change({arguments})"
                )
                continue
            row = "OLD" if statement == "DELETE" else "NEW"
            added = ", ".join(f"{kind} = {kind} + 1" for kind in kinds)
            op.execute(
                # not INSERT OR IGNORE: an ON CONFLICT of the statement that fires the
                # trigger would override it
                f"CREATE TRIGGER {name} AFTER {statement} ON {table} BEGIN "
                "INSERT INTO record_changes (workspace_id, epoch) "
                f"SELECT {row}.workspace_id, lower(hex(randomblob(16))) WHERE NOT EXISTS "
                f"(SELECT 1 FROM record_changes WHERE workspace_id = {row}.workspace_id); "
                f"UPDATE record_changes SET {added} WHERE workspace_id = {row}.workspace_id; "
                "END"
            )


def downgrade() -> None:
    """Drop the triggers and the table."""
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, statements in COUNTS.items():
        for statement in statements:
            name = _name(table, statement)
            op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgres else ""))
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS allies_count_change()")
    op.drop_table("record_changes")
