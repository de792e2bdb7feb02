"""Tables of my own standing: goals, what each goal needs, and the self-assessments."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    String,
    Table,
)

from allies.store.tables.columns import (
    ENUM,
    NAME,
    _id,
    _parent,
    _person,
    _position,
    _text,
    _workspace,
    metadata,
)

goals = Table(
    "goals",
    metadata,
    _id(),
    _workspace(),
    Column("title", String(NAME), nullable=False),
    _text("description"),
    Column("target_on", Date),
    Column("status", String(ENUM), nullable=False),
    sqlite_autoincrement=True,
)

goal_needs = Table(
    "goal_needs",
    metadata,
    _id(),
    _parent("goal_id", "goals"),
    _position(),
    _text("description"),
    Column("kind", String(ENUM), nullable=False),
    _person("holder_id", nullable=True),
    sqlite_autoincrement=True,
)

assessments = Table(
    "assessments",
    metadata,
    _id(),
    _workspace(),
    Column("taken_on", Date, nullable=False),
    Column("answers", JSON, nullable=False),
    Column("instrument", String(NAME), nullable=False),
    sqlite_autoincrement=True,
)
