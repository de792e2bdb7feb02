"""A version on notes, so that an edit through the API can name the version it read.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06

``notes`` gains the ``version`` the API checks against ``If-Match`` (1 for the notes
already there), like the records of revisions 0015 and 0019: an author editing a note from
two devices no longer overwrites the newer text with the older.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | Sequence[str] | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the version (a plain ADD COLUMN on both backends: nothing is copied)."""
    op.add_column("notes", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    """Drop the version."""
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("version")
