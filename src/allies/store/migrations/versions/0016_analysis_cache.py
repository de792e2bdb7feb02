"""Analyses of the network kept between views (betweenness, communities, map layout).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06

Betweenness, community detection and the map's layout take seconds on a large workspace
and do not change between views; they are stored under a fingerprint of the graph they
ran on (issue 22), so a change of the network finds no stored result and computes anew.
Constraints and indexes are named the way the naming convention of ``tables.metadata``
names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "analysis_cache"


def upgrade() -> None:
    """Create the table of stored analyses."""
    op.create_table(
        TABLE,
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "kind", "key", name=f"pk_{TABLE}"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=f"fk_{TABLE}_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
    )
    op.create_index(f"ix_{TABLE}_workspace_id", TABLE, ["workspace_id"])


def downgrade() -> None:
    """Drop the table (the analyses are computed again on the next view)."""
    op.drop_table(TABLE)
