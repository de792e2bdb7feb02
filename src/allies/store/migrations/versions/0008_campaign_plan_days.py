"""The active campaigns' meeting plans as computed on a day, kept as a cache.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23

The daily agenda shows the meetings each active campaign's plan has for the coming days.
Planning a campaign reads every interaction and runs Monte Carlo support curves, seconds
on a large workspace; with the plan of the day stored for the campaign's state, the
agenda plans a campaign once a day, or again after the campaign changes. Constraints and
indexes are named the way the naming convention of ``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "campaign_plan_days"


def upgrade() -> None:
    """Create the table of the campaigns' plans by day."""
    op.create_table(
        TABLE,
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("state_key", sa.String(100), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("meetings", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("campaign_id", "day", name=f"pk_{TABLE}"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=f"fk_{TABLE}_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=f"fk_{TABLE}_campaign_id_campaigns",
            ondelete="CASCADE",
        ),
    )
    op.create_index(f"ix_{TABLE}_workspace_id", TABLE, ["workspace_id"])


def downgrade() -> None:
    """Drop the table (the plans are computed again on the next look)."""
    op.drop_table(TABLE)
