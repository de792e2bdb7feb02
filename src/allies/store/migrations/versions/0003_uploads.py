"""Uploads waiting between their preview and their import, kept in the database.

Revision ID: 0003
Revises: 0002
Create Date: 2027-01-12

A previewed upload used to wait in the temporary folder of the app process that received
it, so another process (on another machine behind the same address) could not finish the
import. Written by hand and frozen, like 0001 and 0002: constraints and indexes are named
the way the naming convention of ``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = 300
HASH = 64


def upgrade() -> None:
    """Create the table of uploads waiting to be imported."""
    op.create_table(
        "uploads",
        sa.Column("token_hash", sa.String(HASH), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(NAME), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_uploads"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name="fk_uploads_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_uploads_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_uploads_user_id", "uploads", ["user_id"])
    op.create_index("ix_uploads_expires_at", "uploads", ["expires_at"])
    op.create_index("ix_uploads_workspace_id_user_id", "uploads", ["workspace_id", "user_id"])


def downgrade() -> None:
    """Drop the table of uploads (previews not yet imported are lost)."""
    op.drop_table("uploads")
