"""Record sources indexed by the record they describe.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06

Removing a record deletes what imports noted of where it came from, and a split moves a
record's sources to the person it gives back: both find the rows by kind and record id.
A mailbox notes a few rows per message, so a large one holds hundreds of thousands of
rows; without this index each removal would read them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | Sequence[str] | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_record_sources_workspace_id_kind_record_id"


def upgrade() -> None:
    """Index the record sources by workspace, kind and record."""
    op.create_index(INDEX, "record_sources", ["workspace_id", "kind", "record_id"])


def downgrade() -> None:
    """Drop the index."""
    op.drop_index(INDEX, table_name="record_sources")
