"""The participations' index holds the tone too, so health reads only the index.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22

The daily agenda reads the key people's interactions as ``(day, tone)``; with the tone in
the ``(person_id, occurred_on)`` index that is an index-only read instead of a visit to
every participation's row. The new index serves every query the old one did.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "interaction_participants"
OLD = "ix_interaction_participants_person_id_occurred_on"
NEW = "ix_interaction_participants_person_id_occurred_on_tone"


def upgrade() -> None:
    """Replace the (person, day) index with a (person, day, tone) one."""
    op.create_index(NEW, TABLE, ["person_id", "occurred_on", "tone"])
    op.drop_index(OLD, table_name=TABLE)


def downgrade() -> None:
    """Back to the (person, day) index."""
    op.create_index(OLD, TABLE, ["person_id", "occurred_on"])
    op.drop_index(NEW, table_name=TABLE)
