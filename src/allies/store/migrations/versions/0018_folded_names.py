"""Accent-folded person names for search (reserved).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06

People and organisations gain ``name_folded``: the name without case or accents, which the
People search, the palette and the person fields match, so "Etienne" finds Étienne with
an indexed query rather than by reading every name. New saves write it; here the rows
already stored get theirs, a batch at a time (the same folding the store writes with).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from allies.domain.folding import fold

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables that gain a folded name, with the index each gets (as ``tables`` names it).
INDEXES = {
    "people": ("ix_people_workspace_id_name_folded", ["workspace_id", "name_folded", "id"]),
    "organisations": ("ix_organisations_workspace_id_name_folded", ["workspace_id", "name_folded"]),
}
#: The length of a name column (``tables.columns.NAME`` when this was written).
NAME = 300
#: How many rows one update statement fills.
BATCH = 1000


def _fill(table_name: str) -> None:
    """Write the folded name of every row of the table, ``BATCH`` rows at a time."""
    connection = op.get_bind()
    table = sa.table(
        table_name, sa.column("id", sa.Integer()), sa.column("name"), sa.column("name_folded")
    )
    fill = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row_id"))
        .values(name_folded=sa.bindparam("folded"))
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(table.c.id, table.c.name)
            .where(table.c.id > last)
            .order_by(table.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            fill, [{"row_id": row_id, "folded": fold(name or "")[:NAME]} for row_id, name in rows]
        )
        last = rows[-1][0]


def upgrade() -> None:
    """Add, fill and index the folded names."""
    for table_name, (index, columns) in INDEXES.items():
        # a plain ADD COLUMN on both backends: nothing is copied
        op.add_column(
            table_name,
            sa.Column("name_folded", sa.String(NAME), nullable=False, server_default=""),
        )
        _fill(table_name)
        op.create_index(index, table_name, columns)


def downgrade() -> None:
    """Drop the folded names and their indexes."""
    for table_name, (index, _) in INDEXES.items():
        op.drop_index(index, table_name=table_name)
        # a plain DROP COLUMN (SQLite 3.35 and later): a batch would copy the table and
        # lose the index on lower(name), which SQLite cannot reflect
        op.drop_column(table_name, "name_folded")
