"""Accounts to sync (IMAP, CalDAV, CardDAV), their secrets and resume points.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

``sync_accounts`` holds an account without its password; ``sync_secrets`` holds the
credentials a team server keeps encrypted with its secret key (a laptop keeps them in the
operating system's keyring); ``sync_state`` is each folder's resume point (calendars and
address books keep theirs with their items, revision 0012). Constraints are named the way
the naming convention of ``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOCATION = 1000


def _account_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["account_id"],
        ["sync_accounts.id"],
        name=f"fk_{table}_account_id_sync_accounts",
        ondelete="CASCADE",
    )


def _moment(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create the four tables of account sync."""
    op.create_table(
        "sync_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("url", sa.String(LOCATION), nullable=False),
        sa.Column("username", sa.String(300), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("write_back", sa.Boolean(), nullable=False),
        _moment("created_at"),
        _moment("last_sync_at", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("last_summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_accounts"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name="fk_sync_accounts_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("workspace_id", "name", name="uq_sync_accounts_workspace_id_name"),
    )
    op.create_table(
        "sync_secrets",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        _moment("updated_at"),
        sa.PrimaryKeyConstraint("account_id", name="pk_sync_secrets"),
        _account_fk("sync_secrets"),
    )
    op.create_table(
        "sync_state",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("collection", sa.String(LOCATION), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=True),
        sa.Column("last_uid", sa.BigInteger(), nullable=True),
        sa.Column("highest_modseq", sa.BigInteger(), nullable=True),
        sa.Column("sync_token", sa.Text(), nullable=True),
        sa.Column("ctag", sa.Text(), nullable=True),
        _moment("updated_at"),
        sa.PrimaryKeyConstraint("account_id", "collection", name="pk_sync_state"),
        _account_fk("sync_state"),
    )


def downgrade() -> None:
    """Drop the tables of account sync (credentials in the keyring stay there)."""
    for table in ("sync_state", "sync_secrets", "sync_accounts"):
        op.drop_table(table)
