"""A shared server: users, memberships, API tokens, sessions, login attempts, the audit
trail and notes about people.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Written by hand and frozen, like 0001: constraints and indexes are named the way the
naming convention of ``tables.metadata`` names them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENUM = 32
NAME = 300
USERNAME = 64
HASH = 64


def _moment(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _int(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _fk(table: str, column: str, referred: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{referred}.id"], name=f"fk_{table}_{column}_{referred}", ondelete=ondelete
    )


def _index(table: str, *columns: str, unique: bool = False) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), unique=unique)


def upgrade() -> None:
    """Create the tables of a shared server."""
    op.create_table(
        "users",
        _int("id"),
        sa.Column("username", sa.String(USERNAME), nullable=False),
        sa.Column("display_name", sa.String(NAME), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _moment("created_at"),
        _moment("disabled_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "memberships",
        _int("user_id"),
        _int("workspace_id"),
        sa.Column("role", sa.String(ENUM), nullable=False),
        _moment("granted_at"),
        sa.PrimaryKeyConstraint("user_id", "workspace_id", name="pk_memberships"),
        _fk("memberships", "user_id", "users", "CASCADE"),
        _fk("memberships", "workspace_id", "workspaces", "CASCADE"),
    )
    _index("memberships", "workspace_id")
    op.create_table(
        "api_tokens",
        _int("id"),
        _int("user_id"),
        _int("workspace_id"),
        sa.Column("name", sa.String(NAME), nullable=False),
        sa.Column("token_hash", sa.String(HASH), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        _moment("created_at"),
        _moment("last_used_at", nullable=True),
        _moment("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
        _fk("api_tokens", "user_id", "users", "CASCADE"),
        _fk("api_tokens", "workspace_id", "workspaces", "CASCADE"),
        sqlite_autoincrement=True,
    )
    _index("api_tokens", "user_id")
    _index("api_tokens", "workspace_id")
    op.create_table(
        "sessions",
        sa.Column("key_hash", sa.String(HASH), nullable=False),
        _int("user_id"),
        _int("selected_workspace_id", nullable=True),
        _moment("created_at"),
        _moment("last_seen_at"),
        _moment("expires_at"),
        sa.PrimaryKeyConstraint("key_hash", name="pk_sessions"),
        _fk("sessions", "user_id", "users", "CASCADE"),
    )
    _index("sessions", "user_id")
    _index("sessions", "expires_at")
    op.create_table(
        "login_attempts",
        _int("id"),
        sa.Column("username", sa.String(USERNAME), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        _moment("at"),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_attempts"),
        sqlite_autoincrement=True,
    )
    _index("login_attempts", "username", "at")
    _index("login_attempts", "address", "at")
    op.create_table(
        "audit_log",
        _int("id"),
        _int("workspace_id"),
        _moment("at"),
        _int("actor_id", nullable=True),
        sa.Column("actor", sa.String(USERNAME), nullable=False),
        sa.Column("entity", sa.String(ENUM), nullable=False),
        _int("entity_id"),
        sa.Column("action", sa.String(ENUM), nullable=False),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        _fk("audit_log", "workspace_id", "workspaces", "CASCADE"),
        _fk("audit_log", "actor_id", "users", "SET NULL"),
        sqlite_autoincrement=True,
    )
    _index("audit_log", "actor_id")
    _index("audit_log", "workspace_id", "entity", "entity_id")
    _index("audit_log", "workspace_id", "at")
    op.create_table(
        "audit_people",
        _int("audit_id"),
        _int("person_id"),
        sa.PrimaryKeyConstraint("audit_id", "person_id", name="pk_audit_people"),
        _fk("audit_people", "audit_id", "audit_log", "CASCADE"),
    )
    _index("audit_people", "person_id")
    op.create_table(
        "notes",
        _int("id"),
        _int("workspace_id"),
        _int("person_id"),
        _int("author_id", nullable=True),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        _moment("created_at"),
        _moment("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
        _fk("notes", "workspace_id", "workspaces", "CASCADE"),
        _fk("notes", "person_id", "people", "RESTRICT"),
        _fk("notes", "author_id", "users", "SET NULL"),
        sqlite_autoincrement=True,
    )
    _index("notes", "person_id")
    _index("notes", "author_id")
    _index("notes", "workspace_id", "person_id")


def downgrade() -> None:
    """Drop the tables of a shared server."""
    for table in (
        "notes",
        "audit_people",
        "audit_log",
        "login_attempts",
        "sessions",
        "api_tokens",
        "memberships",
        "users",
    ):
        op.drop_table(table)
