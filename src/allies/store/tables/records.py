"""Tables of a workspace's records about its records: the audit trail and whom each
entry is about, notes, and uploads waiting between their preview and their import
(revision 0003).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from allies.store.tables.columns import (
    ENUM,
    HASH,
    NAME,
    USERNAME,
    UTCDateTime,
    _id,
    _parent,
    _person,
    _user,
    _workspace,
    metadata,
)

audit_log = Table(
    "audit_log",
    metadata,
    _id(),
    _workspace(index=False),
    Column("at", UTCDateTime(), nullable=False),
    _user("actor_id", nullable=True, ondelete="SET NULL"),
    Column("actor", String(USERNAME), nullable=False),
    Column("entity", String(ENUM), nullable=False),
    Column("entity_id", Integer, nullable=False),
    Column("action", String(ENUM), nullable=False),
    Column("old_value", JSON),
    Column("new_value", JSON),
    Index(None, "workspace_id", "entity", "entity_id"),
    Index(None, "workspace_id", "at"),
    sqlite_autoincrement=True,
)

#: Which people an audit entry is about (the record itself, or the people it refers to).
#: No foreign key: the trail outlives a removed person until the person is erased.
audit_people = Table(
    "audit_people",
    metadata,
    _parent("audit_id", "audit_log", index=False),
    Column("person_id", Integer, nullable=False, index=True),
    PrimaryKeyConstraint("audit_id", "person_id"),
)

notes = Table(
    "notes",
    metadata,
    _id(),
    _workspace(index=False),
    _person("person_id"),
    _user("author_id", nullable=True, ondelete="SET NULL"),
    Column("private", Boolean, nullable=False, default=False),
    Column("body", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index(None, "workspace_id", "person_id"),
    sqlite_autoincrement=True,
)

# -- uploads waiting between their preview and their import (revision 0003) ---------------

#: A file uploaded for import and previewed, kept until it is imported or expires. It is in
#: the database, not on one machine's disk, so any app process can finish the import.
uploads = Table(
    "uploads",
    metadata,
    Column("token_hash", String(HASH), primary_key=True),
    _workspace(index=False),
    _user("user_id", nullable=True, ondelete="CASCADE"),
    Column("name", String(NAME), nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False, index=True),
    Index(None, "workspace_id", "user_id"),
)
