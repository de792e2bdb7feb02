"""The people list's default order (lower-case name, id) comes from an index.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22

The first page of the people list (fifty of a workspace's people, by name) becomes a
read of fifty index entries instead of a sort of everyone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_people_workspace_id_lower_name"


def upgrade() -> None:
    """Index the people by workspace, lower-case name and id."""
    op.create_index(INDEX, "people", ["workspace_id", sa.text("lower(name)"), "id"])


def downgrade() -> None:
    """Drop the index."""
    op.drop_index(INDEX, table_name="people")
