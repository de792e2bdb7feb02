"""Survey mailings, survey answers as records of their workspace, and versions on
affiliations and ties between organisations.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06

``surveys`` gains ``remind_after_days`` (remind those who have not answered that many days
after their link was mailed); ``survey_invites`` gains ``mailed_at``, ``reminded_at`` and
``mail_error``. ``survey_answers`` becomes a record of its workspace, with an id, so that a
workspace backup carries which survey each stated tie came from: its tie, its invitation
(emptied when the invitation goes), the survey's title and the day it was answered. The
answers already stored keep their tie and invitation and get the title and day from them.
``affiliations`` and ``organisation_ties`` gain the ``version`` the API checks against
``If-Match`` (1 for the rows already there), like the records of revision 0015.

Written by hand: constraints and indexes are named the way the naming convention of
``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables that gain a version.
VERSIONED = ("affiliations", "organisation_ties")
#: The columns ``survey_invites`` gains.
INVITE_COLUMNS = ("mailed_at", "reminded_at", "mail_error")


def _old_answers() -> list[dict[str, object]]:
    """The answers stored before, with their workspace, title and day."""
    rows = op.get_bind().execute(
        sa.text(
            "SELECT a.invite_id, a.tie_id, s.workspace_id, s.title, i.answered_at "
            "FROM survey_answers a JOIN survey_invites i ON i.id = a.invite_id "
            "JOIN surveys s ON s.id = i.survey_id ORDER BY a.invite_id, a.tie_id"
        )
    )
    found = []
    for invite_id, tie_id, workspace_id, title, answered_at in rows:
        when = answered_at if isinstance(answered_at, datetime) else None
        if when is None and answered_at:
            when = datetime.fromisoformat(str(answered_at))
        found.append(
            {
                "workspace_id": workspace_id,
                "tie_id": tie_id,
                "invite_id": invite_id,
                "survey": title,
                "answered_on": (when or datetime.now(UTC)).date(),
            }
        )
    return found


def upgrade() -> None:
    """Add the mailing columns and the versions; make survey answers records with ids."""
    for table in VERSIONED:  # a plain ADD COLUMN on both backends: nothing is copied
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("surveys") as batch:
        batch.add_column(sa.Column("remind_after_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("survey_invites") as batch:
        batch.add_column(sa.Column("mailed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("mail_error", sa.Text(), nullable=False, server_default=sa.text("''"))
        )
    kept = _old_answers()
    op.drop_index("ix_survey_answers_tie_id", table_name="survey_answers")
    op.drop_table("survey_answers")
    answers = op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("tie_id", sa.Integer(), nullable=False),
        sa.Column("invite_id", sa.Integer(), nullable=True),
        sa.Column("survey", sa.String(300), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_survey_answers"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name="fk_survey_answers_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tie_id"], ["ties.id"], name="fk_survey_answers_tie_id_ties", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["invite_id"],
            ["survey_invites.id"],
            name="fk_survey_answers_invite_id_survey_invites",
            ondelete="SET NULL",
        ),
        sqlite_autoincrement=True,
    )
    for column in ("workspace_id", "tie_id", "invite_id"):
        op.create_index(f"ix_survey_answers_{column}", "survey_answers", [column])
    if kept and answers is not None:
        op.bulk_insert(answers, kept)


def downgrade() -> None:
    """Back to answers as pairs of an invitation and a tie (restored answers, which have no
    invitation, are dropped); drop the mailing columns and the versions."""
    kept = [
        {"invite_id": invite_id, "tie_id": tie_id}
        for invite_id, tie_id in op.get_bind().execute(
            sa.text(
                "SELECT DISTINCT invite_id, tie_id FROM survey_answers "
                "WHERE invite_id IS NOT NULL ORDER BY invite_id, tie_id"
            )
        )
    ]
    for column in ("workspace_id", "tie_id", "invite_id"):
        op.drop_index(f"ix_survey_answers_{column}", table_name="survey_answers")
    op.drop_table("survey_answers")
    answers = op.create_table(
        "survey_answers",
        sa.Column("invite_id", sa.Integer(), nullable=False),
        sa.Column("tie_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("invite_id", "tie_id", name="pk_survey_answers"),
        sa.ForeignKeyConstraint(
            ["invite_id"],
            ["survey_invites.id"],
            name="fk_survey_answers_invite_id_survey_invites",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tie_id"], ["ties.id"], name="fk_survey_answers_tie_id_ties", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_survey_answers_tie_id", "survey_answers", ["tie_id"])
    if kept and answers is not None:
        op.bulk_insert(answers, kept)
    with op.batch_alter_table("survey_invites") as batch:
        for column in reversed(INVITE_COLUMNS):
            batch.drop_column(column)
    with op.batch_alter_table("surveys") as batch:
        batch.drop_column("remind_after_days")
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
