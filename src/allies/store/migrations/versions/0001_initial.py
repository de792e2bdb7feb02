"""The initial schema: workspaces, people, ties, routine, campaigns, alliances, goals.

Revision ID: 0001
Revises:
Create Date: 2026-11-21

Written by hand and frozen: it does not import :mod:`allies.store.tables`, which will
change with later revisions. Every constraint and index is named explicitly, the same
way the naming convention of ``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENUM = 32
NAME = 300
CASCADE, RESTRICT, SET_NULL = "CASCADE", "RESTRICT", "SET NULL"

# (column, referred table, on delete)
Fk = tuple[str, str, str]


def _create(
    name: str,
    *columns: SchemaItem,
    fks: Sequence[Fk] = (),
    indexes: Sequence[tuple[str, ...]] = (),
    unique_indexes: Sequence[tuple[str, ...]] = (),
    primary_key: tuple[str, ...] = ("id",),
    checks: Sequence[tuple[str, str]] = (),
) -> None:
    """Create one table with its named keys, checks and indexes.

    Every foreign key column gets an index (RESTRICT and CASCADE checks need one) unless
    the primary key or another index begins with it.
    """
    items: list[SchemaItem] = list(columns)
    items.append(sa.PrimaryKeyConstraint(*primary_key, name=f"pk_{name}"))
    for column, referred, ondelete in fks:
        items.append(
            sa.ForeignKeyConstraint(
                [column],
                [f"{referred}.id"],
                name=f"fk_{name}_{column}_{referred}",
                ondelete=ondelete,
            )
        )
    for check_name, condition in checks:
        items.append(sa.CheckConstraint(condition, name=f"ck_{name}_{check_name}"))
    leading = {cols[0] for cols in (primary_key, *indexes, *unique_indexes)}
    index_columns = [(column,) for column, _, _ in fks if column not in leading]
    for cols in [*index_columns, *indexes]:
        items.append(sa.Index(f"ix_{name}_{'_'.join(cols)}", *cols))
    for cols in unique_indexes:
        items.append(sa.Index(f"ix_{name}_{'_'.join(cols)}", *cols, unique=True))
    autoincrement = primary_key == ("id",)
    op.create_table(name, *items, sqlite_autoincrement=autoincrement)


def _id() -> sa.Column[object]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _int(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _text(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.Text(), nullable=False)


def _str(name: str, length: int = NAME, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def _date(name: str, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.Date(), nullable=nullable)


def _float(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.Float(), nullable=nullable)


def _moment(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _json(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.JSON(), nullable=False)


WORKSPACE: Fk = ("workspace_id", "workspaces", CASCADE)


def upgrade() -> None:
    """Create every table of the first schema."""
    _create(
        "workspaces",
        _id(),
        _str("name", 100),
        _moment("created_at"),
        sa.UniqueConstraint("name", name="uq_workspaces_name"),
    )
    _create(
        "organisations",
        _id(),
        _int("workspace_id"),
        _str("name"),
        _text("kind"),
        _text("notes"),
        fks=[WORKSPACE],
    )
    _create(
        "units",
        _id(),
        _int("workspace_id"),
        _str("name"),
        _int("organisation_id", nullable=True),
        _int("parent_id", nullable=True),
        fks=[
            WORKSPACE,
            ("organisation_id", "organisations", SET_NULL),
            ("parent_id", "units", SET_NULL),
        ],
    )
    _create(
        "people",
        _id(),
        _int("workspace_id"),
        _str("name"),
        _text("title"),
        _int("organisation_id", nullable=True),
        _int("unit_id", nullable=True),
        _json("emails"),
        _json("phones"),
        _json("tags"),
        _text("interests"),
        _text("agenda"),
        _text("values"),
        _text("offers"),
        _text("trades"),
        _str("level", ENUM, nullable=True),
        _str("tier", ENUM, nullable=True),
        sa.Column("is_me", sa.Boolean(), nullable=False),
        _text("notes"),
        _moment("created_at"),
        _moment("updated_at"),
        _int("version"),
        fks=[
            WORKSPACE,
            ("organisation_id", "organisations", SET_NULL),
            ("unit_id", "units", SET_NULL),
        ],
    )
    _create(
        "ties",
        _id(),
        _int("workspace_id"),
        _int("source_id"),
        _int("target_id"),
        _str("kind", ENUM),
        _float("weight"),
        _float("confidence"),
        _str("origin", ENUM),
        _date("valid_from"),
        _date("valid_to"),
        _text("note"),
        fks=[WORKSPACE, ("source_id", "people", RESTRICT), ("target_id", "people", RESTRICT)],
    )
    _create(
        "observations",
        _id(),
        _int("workspace_id"),
        _int("subject_id"),
        _int("object_id"),
        _str("kind", ENUM),
        _date("observed_on", nullable=False),
        _float("strength"),
        _text("context"),
        _text("note"),
        fks=[WORKSPACE, ("subject_id", "people", RESTRICT), ("object_id", "people", RESTRICT)],
    )
    _create(
        "interactions",
        _id(),
        _int("workspace_id"),
        _date("occurred_on", nullable=False),
        _str("kind", ENUM),
        sa.Column("initiated_by_me", sa.Boolean(), nullable=True),
        _int("initiator_id", nullable=True),
        _int("tone"),
        _text("summary"),
        _text("notes"),
        fks=[WORKSPACE, ("initiator_id", "people", RESTRICT)],
        indexes=[("workspace_id", "occurred_on")],
    )
    _create(
        "interaction_participants",
        _int("interaction_id"),
        _int("person_id"),
        _int("position"),
        fks=[("interaction_id", "interactions", CASCADE), ("person_id", "people", RESTRICT)],
        primary_key=("interaction_id", "person_id"),
    )
    _create(
        "favours",
        _id(),
        _int("workspace_id"),
        _int("person_id"),
        _str("direction", ENUM),
        _text("description"),
        _date("occurred_on", nullable=False),
        _str("size", ENUM),
        fks=[WORKSPACE, ("person_id", "people", RESTRICT)],
    )
    _create(
        "commitments",
        _id(),
        _int("workspace_id"),
        _int("promiser_id"),
        _int("promisee_id"),
        _text("description"),
        _date("made_on", nullable=False),
        _date("due_on"),
        _str("status", ENUM),
        _date("resolved_on"),
        _text("note"),
        fks=[WORKSPACE, ("promiser_id", "people", RESTRICT), ("promisee_id", "people", RESTRICT)],
    )
    _create(
        "cadences",
        _id(),
        _int("workspace_id"),
        _int("ideal_days"),
        _int("max_days"),
        _int("person_id", nullable=True),
        _str("tag", nullable=True),
        _str("tier", ENUM, nullable=True),
        _date("snoozed_until"),
        fks=[WORKSPACE, ("person_id", "people", RESTRICT)],
        unique_indexes=[
            ("workspace_id", "person_id"),
            ("workspace_id", "tag"),
            ("workspace_id", "tier"),
        ],
    )
    _create(
        "campaigns",
        _id(),
        _int("workspace_id"),
        _str("name"),
        _date("decision_on"),
        _text("description"),
        _str("status", ENUM),
        fks=[WORKSPACE],
    )
    _create(
        "campaign_issues",
        _id(),
        _int("campaign_id"),
        _int("position"),
        _str("name"),
        _str("low_label"),
        _str("high_label"),
        _float("desired_position"),
        _text("description"),
        fks=[("campaign_id", "campaigns", CASCADE)],
    )
    _create(
        "campaign_deciders",
        _int("campaign_id"),
        _int("person_id"),
        _int("position"),
        fks=[("campaign_id", "campaigns", CASCADE), ("person_id", "people", RESTRICT)],
        primary_key=("campaign_id", "person_id"),
    )
    _create(
        "stances",
        _id(),
        _int("workspace_id"),
        _int("person_id"),
        _int("issue_id"),
        _float("position"),
        _float("salience"),
        _float("capability", nullable=True),
        _float("confidence"),
        _date("recorded_on", nullable=False),
        _text("note"),
        fks=[
            WORKSPACE,
            ("person_id", "people", RESTRICT),
            ("issue_id", "campaign_issues", CASCADE),
        ],
        indexes=[("issue_id", "person_id", "recorded_on")],
    )
    _create(
        "alliances",
        _id(),
        _int("workspace_id"),
        _str("name"),
        _text("purpose"),
        _str("status", ENUM),
        _date("started_on"),
        _text("agreed"),
        _text("written"),
        _text("checked"),
        _text("divided"),
        _int("checkin_ideal_days"),
        _int("checkin_max_days"),
        fks=[WORKSPACE],
    )
    _create(
        "alliance_partners",
        _id(),
        _int("alliance_id"),
        _int("position"),
        _int("person_id", nullable=True),
        _int("organisation_id", nullable=True),
        _text("role"),
        fks=[
            ("alliance_id", "alliances", CASCADE),
            ("person_id", "people", RESTRICT),
            ("organisation_id", "organisations", RESTRICT),
        ],
        checks=[("person_or_organisation", "(person_id IS NULL) <> (organisation_id IS NULL)")],
    )
    _create(
        "alliance_goals",
        _int("alliance_id"),
        _int("position"),
        _text("text"),
        fks=[("alliance_id", "alliances", CASCADE)],
        primary_key=("alliance_id", "position"),
    )
    _create(
        "responsibilities",
        _id(),
        _int("alliance_id"),
        _int("position"),
        _text("what"),
        _int("person_id", nullable=True),
        _date("due_on"),
        _date("done_on"),
        fks=[("alliance_id", "alliances", CASCADE), ("person_id", "people", RESTRICT)],
    )
    _create(
        "milestones",
        _id(),
        _int("alliance_id"),
        _int("position"),
        _str("title"),
        _date("due_on"),
        _date("reached_on"),
        _date("celebrated_on"),
        fks=[("alliance_id", "alliances", CASCADE)],
    )
    _create(
        "alliance_conflicts",
        _id(),
        _int("alliance_id"),
        _int("position"),
        _str("title"),
        _date("opened_on", nullable=False),
        _str("status", ENUM),
        _date("resolved_on"),
        _text("notes"),
        fks=[("alliance_id", "alliances", CASCADE)],
    )
    _create(
        "goals",
        _id(),
        _int("workspace_id"),
        _str("title"),
        _text("description"),
        _date("target_on"),
        _str("status", ENUM),
        fks=[WORKSPACE],
    )
    _create(
        "goal_needs",
        _id(),
        _int("goal_id"),
        _int("position"),
        _text("description"),
        _str("kind", ENUM),
        _int("holder_id", nullable=True),
        fks=[("goal_id", "goals", CASCADE), ("holder_id", "people", RESTRICT)],
    )
    _create(
        "assessments",
        _id(),
        _int("workspace_id"),
        _date("taken_on", nullable=False),
        _json("answers"),
        _str("instrument"),
        fks=[WORKSPACE],
    )


def downgrade() -> None:
    """Drop every table, referring tables first."""
    for name in (
        "assessments", "goal_needs", "goals", "alliance_conflicts", "milestones",
        "responsibilities", "alliance_goals", "alliance_partners", "alliances", "stances",
        "campaign_deciders", "campaign_issues", "campaigns", "cadences", "commitments",
        "favours", "interaction_participants", "interactions", "observations", "ties",
        "people", "units", "organisations", "workspaces",
    ):  # fmt: skip
        op.drop_table(name)
