"""Record versions for If-Match, and where imported links to people came from.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06

* ``version`` on every record the API edits with ``If-Match`` (organisations, units,
  ties, observations, interactions, favours, promises, cadences, campaigns, alliances,
  goals): 1 for the rows already stored; the compare-and-save is one ``UPDATE ... WHERE
  version = :expected`` (:mod:`allies.store.tables.versions`).
* ``record_sources``: which identifier of a person an import attached a record through
  (:mod:`allies.store.tables.provenance`), so that a split gives it back.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables (by their stored names) that gain a version.
VERSIONED = (
    "organisations",
    "units",
    "ties",
    "observations",
    "interactions",
    "favours",
    "commitments",
    "cadences",
    "campaigns",
    "alliances",
    "goals",
)


def upgrade() -> None:
    """Add the versions and the record sources."""
    for table in VERSIONED:  # a plain ADD COLUMN on both backends: nothing is copied
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "record_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "workspace_id",
            sa.Integer(),
            sa.ForeignKey(
                "workspaces.id",
                ondelete="CASCADE",
                name="fk_record_sources_workspace_id_workspaces",
            ),
            nullable=False,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("identifier", sa.String(300), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_record_sources"),
    )
    op.create_index(
        "ix_record_sources_workspace_id_person_id",
        "record_sources",
        ["workspace_id", "person_id"],
    )


def downgrade() -> None:
    """Drop them again."""
    op.drop_index("ix_record_sources_workspace_id_person_id", table_name="record_sources")
    op.drop_table("record_sources")
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
