"""Tables of the alliances: partners, shared goals, responsibilities, milestones and
conflicts.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
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

alliances = Table(
    "alliances",
    metadata,
    _id(),
    _workspace(),
    Column("name", String(NAME), nullable=False),
    _text("purpose"),
    Column("status", String(ENUM), nullable=False),
    Column("started_on", Date),
    _text("agreed"),
    _text("written"),
    _text("checked"),
    _text("divided"),
    Column("checkin_ideal_days", Integer, nullable=False),
    Column("checkin_max_days", Integer, nullable=False),
    sqlite_autoincrement=True,
)

alliance_partners = Table(
    "alliance_partners",
    metadata,
    _id(),
    _parent("alliance_id", "alliances"),
    _position(),
    _person("person_id", nullable=True),
    Column(
        "organisation_id",
        Integer,
        ForeignKey("organisations.id", ondelete="RESTRICT"),
        index=True,
    ),
    _text("role"),
    CheckConstraint(
        "(person_id IS NULL) <> (organisation_id IS NULL)", name="person_or_organisation"
    ),
    sqlite_autoincrement=True,
)

alliance_goals = Table(
    "alliance_goals",
    metadata,
    _parent("alliance_id", "alliances", index=False),
    _position(),
    Column("text", Text, nullable=False),
    PrimaryKeyConstraint("alliance_id", "position"),
)

responsibilities = Table(
    "responsibilities",
    metadata,
    _id(),
    _parent("alliance_id", "alliances"),
    _position(),
    Column("what", Text, nullable=False),
    _person("person_id", nullable=True),
    Column("due_on", Date),
    Column("done_on", Date),
    sqlite_autoincrement=True,
)

milestones = Table(
    "milestones",
    metadata,
    _id(),
    _parent("alliance_id", "alliances"),
    _position(),
    Column("title", String(NAME), nullable=False),
    Column("due_on", Date),
    Column("reached_on", Date),
    Column("celebrated_on", Date),
    sqlite_autoincrement=True,
)

alliance_conflicts = Table(
    "alliance_conflicts",
    metadata,
    _id(),
    _parent("alliance_id", "alliances"),
    _position(),
    Column("title", String(NAME), nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("status", String(ENUM), nullable=False),
    Column("resolved_on", Date),
    _text("notes"),
    sqlite_autoincrement=True,
)
