"""Versions on the team's records, so that an edit names the version it was based on.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06

``users`` (active or disabled, display name), ``memberships`` (a member's role and the
person who is them), ``relationship_owners`` and ``meeting_assignments`` gain the
``version`` an edit checks (the API's ``If-Match``, the hidden version of a form): 1 for
the rows already there, one more with every change, like the records of revisions 0015,
0019 and 0020.

A relationship or a meeting given back to nobody keeps its row, with no member
(``user_id`` may now be empty), so that its version keeps counting: were the row deleted,
the next owner would start at version 1 again, and a form read when the first owner held
version 1 would wrongly match it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | Sequence[str] | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables that gain a version.
VERSIONED = ("users", "memberships", "relationship_owners", "meeting_assignments")
#: The tables whose member may now be nobody.
OPTIONAL_MEMBER = ("relationship_owners", "meeting_assignments")


def upgrade() -> None:
    """Add the versions; let an owner or an assignment name no member."""
    for table in VERSIONED:  # a plain ADD COLUMN on both backends: nothing is copied
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    for table in OPTIONAL_MEMBER:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("user_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    """Drop the versions and the rows that name no member."""
    for table in OPTIONAL_MEMBER:
        op.execute(sa.text(f"DELETE FROM {table} WHERE user_id IS NULL"))
        with op.batch_alter_table(table) as batch:
            batch.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
