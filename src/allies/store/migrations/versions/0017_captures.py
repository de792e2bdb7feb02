"""Quick captures sent from devices, by the key each device gave them.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06

A capture typed on a phone with no connection is sent when the connection returns,
perhaps more than once; its key makes the second sending harmless. Constraints are named
the way the naming convention of ``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "captures"


def upgrade() -> None:
    """Create the table of captures."""
    op.create_table(
        TABLE,
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("workspace_id", "key", name=f"pk_{TABLE}"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=f"fk_{TABLE}_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
    )
    op.create_index(f"ix_{TABLE}_settled_at", TABLE, ["settled_at"])


def downgrade() -> None:
    """Drop the table (captures already stored stay stored as records)."""
    op.drop_table(TABLE)
