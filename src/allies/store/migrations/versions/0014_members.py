"""Members are people: a membership's person, who wrote each record, relationship owners.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06

Each membership names the person who is that member in the workspace's network
(``memberships.person_id``); interactions, observations, favours and promises keep the
member who wrote them (``author_id``); ``relationship_owners`` says which member owns the
team's relationship with a person, and ``meeting_assignments`` which member takes a
campaign plan's meeting with someone. ``affiliations`` keeps a person's roles at
organisations over time and ``organisation_ties`` how organisations stand to each other;
a stance may be an organisation's (``stances.organisation_id``), its person the spokesperson;
``surveys``, ``survey_invites`` and ``survey_answers`` keep network surveys.

An existing workspace keeps working: its owners' memberships get the person marked as the
workspace's "me", so its one "me" becomes its owner's person. Records written before stay
without an author; they belong to the workspace's own "me".

Written by hand: constraints and indexes are named the way the naming convention of
``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables whose rows keep their author, by table name.
AUTHORED = ("interactions", "observations", "favours", "commitments")


def _user_table(name: str) -> None:
    """A table keyed by workspace and person(s) that names a member (``user_id``)."""
    extra: list[sa.Column[int]] = []
    key = ["workspace_id", "person_id"]
    constraints: list[sa.Constraint] = []
    if name == "meeting_assignments":
        extra.append(sa.Column("campaign_id", sa.Integer(), nullable=False))
        key = ["workspace_id", "campaign_id", "person_id"]
        constraints.append(
            sa.ForeignKeyConstraint(
                ["campaign_id"],
                ["campaigns.id"],
                name=f"fk_{name}_campaign_id_campaigns",
                ondelete="CASCADE",
            )
        )
    op.create_table(
        name,
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        *extra,
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(*key, name=f"pk_{name}"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=f"fk_{name}_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=f"fk_{name}_person_id_people", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=f"fk_{name}_user_id_users", ondelete="CASCADE"
        ),
        *constraints,
    )
    op.create_index(f"ix_{name}_user_id", name, ["user_id"])


def _dated_table(name: str, first: str, second: str, *, extra: tuple[str, ...]) -> None:
    """``affiliations`` (a person at an organisation, in a role) or ``organisation_ties``
    (one organisation to another, of a kind), each from one day to another."""
    person = first == "person_id"
    columns: list[sa.Column[Any]] = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column(first, sa.Integer(), nullable=False),
        sa.Column(second, sa.Integer(), nullable=False),
        *(sa.Column(c, sa.String(300 if c == "role" else 32), nullable=False) for c in extra),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
    ]
    keys = [
        sa.ForeignKeyConstraint(
            [first],
            ["people.id" if person else "organisations.id"],
            name=f"fk_{name}_{first}_{'people' if person else 'organisations'}",
            ondelete="RESTRICT" if person else "CASCADE",
        ),
        sa.ForeignKeyConstraint(
            [second],
            ["organisations.id"],
            name=f"fk_{name}_{second}_organisations",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=f"fk_{name}_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
    ]
    op.create_table(
        name,
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
        *keys,
        sqlite_autoincrement=True,
    )
    for column in ("workspace_id", first, second):
        op.create_index(f"ix_{name}_{column}", name, [column])


def _surveys() -> None:
    """``surveys``, ``survey_invites`` and ``survey_answers``."""
    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("signing_key", sa.String(64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_surveys"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name="fk_surveys_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name="fk_surveys_created_by_users", ondelete="SET NULL"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_surveys_workspace_id", "surveys", ["workspace_id"])
    op.create_index("ix_surveys_created_by", "surveys", ["created_by"])
    op.create_table(
        "survey_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_survey_invites"),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["surveys.id"],
            name="fk_survey_invites_survey_id_surveys",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_survey_invites_person_id_people",
            ondelete="CASCADE",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_survey_invites_survey_id", "survey_invites", ["survey_id"])
    op.create_index("ix_survey_invites_person_id", "survey_invites", ["person_id"])
    op.create_table(
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


def upgrade() -> None:
    """Add the members' people, the authors and the team's assignments; make each owner's
    person the workspace's "me"."""
    with op.batch_alter_table("memberships") as batch:
        batch.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_memberships_person_id_people",
            "people",
            ["person_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index("ix_memberships_person_id", "memberships", ["person_id"])
    for table in AUTHORED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                f"fk_{table}_author_id_users", "users", ["author_id"], ["id"], ondelete="SET NULL"
            )
        op.create_index(f"ix_{table}_author_id", table, ["author_id"])
    _user_table("relationship_owners")
    _user_table("meeting_assignments")
    _dated_table("affiliations", "person_id", "organisation_id", extra=("role",))
    _dated_table("organisation_ties", "source_id", "target_id", extra=("kind",))
    _surveys()
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=True),
        sa.Column("issues_raised", sa.Text(), nullable=False),
        sa.Column("follow_ups", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_consultations"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name="fk_consultations_workspace_id_workspaces",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name="fk_consultations_interaction_id_interactions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name="fk_consultations_campaign_id_campaigns",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["campaign_issues.id"],
            name="fk_consultations_issue_id_campaign_issues",
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("interaction_id", name="uq_consultations_interaction_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_consultations_workspace_id", "consultations", ["workspace_id"])
    op.create_index("ix_consultations_campaign_id", "consultations", ["campaign_id"])
    with op.batch_alter_table("stances") as batch:
        batch.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_stances_organisation_id_organisations",
            "organisations",
            ["organisation_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index("ix_stances_organisation_id", "stances", ["organisation_id"])
    op.execute(
        "UPDATE memberships SET person_id = (SELECT MIN(people.id) FROM people "
        "WHERE people.workspace_id = memberships.workspace_id AND people.is_me = TRUE) "
        "WHERE role = 'owner'"
    )


def downgrade() -> None:
    """Drop the team's assignments, the authors and the members' people."""
    for table in ("survey_answers", "survey_invites", "surveys"):
        op.drop_table(table)
    op.drop_table("consultations")
    op.drop_index("ix_stances_organisation_id", table_name="stances")
    with op.batch_alter_table("stances") as batch:
        batch.drop_constraint("fk_stances_organisation_id_organisations", type_="foreignkey")
        batch.drop_column("organisation_id")
    op.drop_table("organisation_ties")
    op.drop_table("affiliations")
    op.drop_table("meeting_assignments")
    op.drop_table("relationship_owners")
    for table in reversed(AUTHORED):
        op.drop_index(f"ix_{table}_author_id", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_author_id_users", type_="foreignkey")
            batch.drop_column("author_id")
    op.drop_index("ix_memberships_person_id", table_name="memberships")
    with op.batch_alter_table("memberships") as batch:
        batch.drop_constraint("fk_memberships_person_id_people", type_="foreignkey")
        batch.drop_column("person_id")
