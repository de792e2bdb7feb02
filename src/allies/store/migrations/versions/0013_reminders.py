"""Reminders: each workspace's digest settings and each digest sent.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

Two tables (see :mod:`allies.store.tables.reminders`): ``reminder_settings``, one row per
workspace and member, with no secret in it; ``reminder_sends``, one row per workspace,
member, day and channel, whose primary key keeps a digest from going twice. Constraints
are named the way the naming convention of ``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _workspace(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workspace_id"],
        ["workspaces.id"],
        name=f"fk_{table}_workspace_id_workspaces",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    """Create the two tables of reminders."""
    op.create_table(
        "reminder_settings",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("member", sa.String(64), nullable=False),
        sa.Column("email_to", sa.String(2000), nullable=False),
        sa.Column("smtp_host", sa.String(300), nullable=False),
        sa.Column("smtp_port", sa.Integer(), nullable=False),
        sa.Column("smtp_security", sa.String(32), nullable=False),
        sa.Column("smtp_user", sa.String(300), nullable=False),
        sa.Column("smtp_from", sa.String(300), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("send_at", sa.Time(), nullable=False),
        sa.Column("quiet_days", sa.String(32), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("link_base", sa.String(2000), nullable=False),
        sa.Column("link_key", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "member", name="pk_reminder_settings"),
        _workspace("reminder_settings"),
    )
    op.create_table(
        "reminder_sends",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("member", sa.String(64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "workspace_id", "member", "day", "channel", name="pk_reminder_sends"
        ),
        _workspace("reminder_sends"),
    )


def downgrade() -> None:
    """Drop the tables of reminders."""
    op.drop_table("reminder_sends")
    op.drop_table("reminder_settings")
