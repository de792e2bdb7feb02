"""Card details, role history and the CalDAV/CardDAV sync state.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

``cards`` keeps what a vCard holds beyond a person's own columns (birthday, anniversary,
postal addresses, URLs, a photo thumbnail, custom ``X-`` properties), ``role_changes`` the
titles and organisations a person had before, and ``dav_collections``/``dav_objects`` the
sync's resume points (RFC 6578 sync-tokens, ctags) and the etag of every object seen.
Constraints are named the way the naming convention of ``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = 300
HREF = 1000


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _int(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=False)


def _str(name: str, length: int = NAME) -> sa.Column[str]:
    return sa.Column(name, sa.String(length), nullable=False)


def _workspace_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workspace_id"],
        ["workspaces.id"],
        name=f"fk_{table}_workspace_id_workspaces",
        ondelete="CASCADE",
    )


def _person_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["person_id"], ["people.id"], name=f"fk_{table}_person_id_people", ondelete="RESTRICT"
    )


def upgrade() -> None:
    """Create the four tables."""
    op.create_table(
        "cards",
        _id(),
        _int("workspace_id"),
        _int("person_id"),
        _str("birthday", 10),
        _str("anniversary", 10),
        sa.Column("addresses", sa.JSON(), nullable=False),
        sa.Column("urls", sa.JSON(), nullable=False),
        sa.Column("photo", sa.Text(), nullable=False),
        sa.Column("custom", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cards"),
        _workspace_fk("cards"),
        _person_fk("cards"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_cards_person_id", "cards", ["person_id"])
    op.create_index(
        "ix_cards_workspace_id_person_id", "cards", ["workspace_id", "person_id"], unique=True
    )
    op.create_table(
        "role_changes",
        _id(),
        _int("workspace_id"),
        _int("person_id"),
        sa.Column("changed_on", sa.Date(), nullable=False),
        _str("old_title"),
        _str("old_organisation"),
        _str("new_title"),
        _str("new_organisation"),
        _str("source"),
        sa.PrimaryKeyConstraint("id", name="pk_role_changes"),
        _workspace_fk("role_changes"),
        _person_fk("role_changes"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_role_changes_workspace_id", "role_changes", ["workspace_id"])
    op.create_index("ix_role_changes_person_id", "role_changes", ["person_id"])
    op.create_table(
        "dav_collections",
        _id(),
        _int("workspace_id"),
        _str("account"),
        _str("url", HREF),
        _str("kind", 16),
        sa.Column("sync_token", sa.Text(), nullable=True),
        sa.Column("ctag", sa.String(HREF), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_dav_collections"),
        _workspace_fk("dav_collections"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_dav_collections_workspace_id_account_url",
        "dav_collections",
        ["workspace_id", "account", "url"],
        unique=True,
    )
    op.create_table(
        "dav_objects",
        _id(),
        _int("workspace_id"),
        _int("collection_id"),
        _str("href", HREF),
        _str("etag", HREF),
        _str("uid", HREF),
        sa.Column("record_ids", sa.JSON(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("revisit_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_dav_objects"),
        _workspace_fk("dav_objects"),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["dav_collections.id"],
            name="fk_dav_objects_collection_id_dav_collections",
            ondelete="CASCADE",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_dav_objects_workspace_id", "dav_objects", ["workspace_id"])
    op.create_index(
        "ix_dav_objects_collection_id_href", "dav_objects", ["collection_id", "href"], unique=True
    )


def downgrade() -> None:
    """Drop the four tables (card details and role history go with them)."""
    for name in ("dav_objects", "dav_collections", "role_changes", "cards"):
        op.drop_table(name)
