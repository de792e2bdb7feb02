"""Each participation carries its interaction's day and tone, indexed by person and day.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22

A person's last contact (the people list, check-ins, the daily agenda) becomes one index
seek on ``(person_id, occurred_on)`` instead of a join over every interaction of the
workspace, and a person's interactions as health reads them (day and tone) need no join.
Existing rows get the day and tone of their interaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "interaction_participants"
INDEX = "ix_interaction_participants_person_id_occurred_on"


def upgrade() -> None:
    """Add, fill and index the day (and the tone) of each participation."""
    with op.batch_alter_table(TABLE) as batch:
        batch.add_column(sa.Column("occurred_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("tone", sa.Integer(), nullable=True))
    for column in ("occurred_on", "tone"):
        op.execute(
            f"UPDATE {TABLE} SET {column} = (SELECT interactions.{column} "
            f"FROM interactions WHERE interactions.id = {TABLE}.interaction_id)"
        )
    with op.batch_alter_table(TABLE) as batch:
        batch.alter_column("occurred_on", existing_type=sa.Date(), nullable=False)
        batch.alter_column("tone", existing_type=sa.Integer(), nullable=False)
    op.create_index(INDEX, TABLE, ["person_id", "occurred_on"])


def downgrade() -> None:
    """Drop the day and tone of each participation."""
    op.drop_index(INDEX, table_name=TABLE)
    with op.batch_alter_table(TABLE) as batch:
        batch.drop_column("tone")
        batch.drop_column("occurred_on")
