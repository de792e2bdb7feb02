"""Interactions indexed by workspace, id and version, so relationship health's stamp is
read from the index alone.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06

The health list keeps everyone's ranking between views under a stamp of the records it
is made of (:mod:`allies.services.keep.health_kept`): among other aggregates, the count,
newest id and sum of versions of the workspace's interactions. Without this index the
sum reads every interaction row (300,000 rows with their summaries and notes); with it,
an index of three integers.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | Sequence[str] | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_interactions_workspace_id_id_version"


def upgrade() -> None:
    """Index the interactions by workspace, id and version."""
    op.create_index(INDEX, "interactions", ["workspace_id", "id", "version"])


def downgrade() -> None:
    """Drop the index."""
    op.drop_index(INDEX, table_name="interactions")
