"""The trail of account changes: users, workspaces, roles and API tokens.

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-12

Grants, revocations and tokens were written to the trail of their workspace only; adding,
disabling and enabling users, new passwords and new workspaces were written nowhere.
Written by hand and frozen, like the revisions before it: constraints and indexes are
named the way the naming convention of ``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENUM = 32
USERNAME = 64


def upgrade() -> None:
    """Create the trail of account changes."""
    op.create_table(
        "account_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(USERNAME), nullable=False),
        sa.Column("entity", sa.String(ENUM), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(ENUM), nullable=False),
        sa.Column("workspace", sa.String(100), nullable=True),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_account_audit"),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name="fk_account_audit_actor_id_users",
            ondelete="SET NULL",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_account_audit_at", "account_audit", ["at"])
    op.create_index("ix_account_audit_actor_id", "account_audit", ["actor_id"])
    op.create_index("ix_account_audit_entity_entity_id", "account_audit", ["entity", "entity_id"])


def downgrade() -> None:
    """Drop the trail of account changes."""
    op.drop_table("account_audit")
