"""The audit trail names promises ``promise``, as every face does.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

Promises were once called commitments in the code, and the audit trail recorded their
changes under the entity ``commitment``. The code and every face now say *promise*; this
renames the entity of the entries already written so that a promise's history reads as
one. The table keeps its name (``commitments``): a storage detail no face shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Rename the audit entity ``commitment`` to ``promise``."""
    op.execute("UPDATE audit_log SET entity = 'promise' WHERE entity = 'commitment'")


def downgrade() -> None:
    """Name them ``commitment`` again."""
    op.execute("UPDATE audit_log SET entity = 'commitment' WHERE entity = 'promise'")
