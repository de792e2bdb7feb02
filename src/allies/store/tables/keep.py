"""Tables of the keeping routine: interactions and their participants, favours,
promises (the SQL table keeps its name ``commitments``) and cadences.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    PrimaryKeyConstraint,
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
    _user,
    _workspace,
    metadata,
)

interactions = Table(
    "interactions",
    metadata,
    _id(),
    _workspace(index=False),
    Column("occurred_on", Date, nullable=False),
    Column("kind", String(ENUM), nullable=False),
    Column("initiated_by_me", Boolean),
    _person("initiator_id", nullable=True),
    Column("tone", Integer, nullable=False, default=0),
    _text("summary"),
    _text("notes"),
    _user("author_id", nullable=True, ondelete="SET NULL"),  # the member who wrote it (0014)
    Index(None, "workspace_id", "occurred_on"),
    sqlite_autoincrement=True,
)

interaction_participants = Table(
    "interaction_participants",
    metadata,
    _parent("interaction_id", "interactions", index=False),
    _person("person_id"),
    _position(),
    # The interaction's day and tone, copied on every write of the interaction, so a
    # person's last contact is one index seek and their history needs no join.
    Column("occurred_on", Date, nullable=False),
    Column("tone", Integer, nullable=False, default=0),
    PrimaryKeyConstraint("interaction_id", "person_id"),
    # Holds the tone too, so a person's (day, tone) history is read from the index alone.
    Index(None, "person_id", "occurred_on", "tone"),
)

favours = Table(
    "favours",
    metadata,
    _id(),
    _workspace(),
    _person("person_id"),
    Column("direction", String(ENUM), nullable=False),
    _text("description"),
    Column("occurred_on", Date, nullable=False),
    Column("size", String(ENUM), nullable=False),
    _user("author_id", nullable=True, ondelete="SET NULL"),  # the member who wrote it (0014)
    sqlite_autoincrement=True,
)

promises = Table(
    "commitments",  # the table keeps the name it was created with
    metadata,
    _id(),
    _workspace(),
    _person("promiser_id"),
    _person("promisee_id"),
    _text("description"),
    Column("made_on", Date, nullable=False),
    Column("due_on", Date),
    Column("status", String(ENUM), nullable=False),
    Column("resolved_on", Date),
    _text("note"),
    _user("author_id", nullable=True, ondelete="SET NULL"),  # the member who wrote it (0014)
    sqlite_autoincrement=True,
)

cadences = Table(
    "cadences",
    metadata,
    _id(),
    _workspace(index=False),
    Column("ideal_days", Integer, nullable=False),
    Column("max_days", Integer, nullable=False),
    _person("person_id", nullable=True),
    Column("tag", String(NAME)),
    Column("tier", String(ENUM)),
    Column("snoozed_until", Date),
    Index(None, "workspace_id", "person_id", unique=True),
    Index(None, "workspace_id", "tag", unique=True),
    Index(None, "workspace_id", "tier", unique=True),
    sqlite_autoincrement=True,
)
