"""Tables of a shared server's accounts (revision 0002): users, memberships, API
tokens, login sessions and attempts, and the trail of account changes (revision 0004).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
)

from allies.store.tables.columns import (
    ENUM,
    HASH,
    NAME,
    USERNAME,
    UTCDateTime,
    _id,
    _user,
    _workspace,
    metadata,
)

# -- a shared server: accounts, the audit trail and notes (revision 0002) -----------------

users = Table(
    "users",
    metadata,
    _id(),
    Column("username", String(USERNAME), nullable=False, unique=True),
    Column("display_name", String(NAME), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("disabled_at", UTCDateTime()),
    # One more with every change, for edits that name the version they read (0022).
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    sqlite_autoincrement=True,
)

memberships = Table(
    "memberships",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    _workspace(),
    Column("role", String(ENUM), nullable=False),
    Column("granted_at", UTCDateTime(), nullable=False),
    # The person who is this member in the workspace's network (revision 0014).
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL"), index=True),
    # One more with every change of role or person, for edits that name it (0022).
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    PrimaryKeyConstraint("user_id", "workspace_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    _id(),
    _user("user_id", nullable=False, ondelete="CASCADE"),
    _workspace(),
    Column("name", String(NAME), nullable=False),
    Column("token_hash", String(HASH), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_used_at", UTCDateTime()),
    Column("revoked_at", UTCDateTime()),
    sqlite_autoincrement=True,
)

#: A browser's login. The workspace in use is looked up through ``memberships`` on every
#: request, so it needs no foreign key: a dropped workspace simply stops matching.
sessions = Table(
    "sessions",
    metadata,
    Column("key_hash", String(HASH), primary_key=True),
    _user("user_id", nullable=False, ondelete="CASCADE"),
    Column("selected_workspace_id", Integer),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_seen_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False, index=True),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    _id(),
    Column("username", String(USERNAME), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index(None, "username", "at"),
    Index(None, "address", "at"),
    sqlite_autoincrement=True,
)

# -- the trail of account changes (revision 0004) -------------------------------------------

#: Changes to users, workspaces, roles and API tokens: the server's own audit trail, for
#: whoever runs it. The workspace is kept by name, without a foreign key, so the trail
#: outlives a dropped workspace.
account_audit = Table(
    "account_audit",
    metadata,
    _id(),
    Column("at", UTCDateTime(), nullable=False, index=True),
    _user("actor_id", nullable=True, ondelete="SET NULL"),
    Column("actor", String(USERNAME), nullable=False),
    Column("entity", String(ENUM), nullable=False),
    Column("entity_id", Integer, nullable=False),
    Column("action", String(ENUM), nullable=False),
    Column("workspace", String(100)),
    Column("old_value", JSON),
    Column("new_value", JSON),
    Index(None, "entity", "entity_id"),
    sqlite_autoincrement=True,
)
