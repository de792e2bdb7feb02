"""The database schema as SQLAlchemy Core tables.

Rows here are plain table rows, kept apart from the domain dataclasses;
:mod:`allies.store.mapping` translates between the two.

Rules the schema follows:

- Every *root* table (one per kind of entity) has ``workspace_id`` NOT NULL, referencing
  ``workspaces`` ON DELETE CASCADE.
- *Child* rows (an interaction's participants, a campaign's issues, an alliance's parts)
  reference their parent ON DELETE CASCADE and carry a ``position`` that keeps the order
  of the domain object's list.
- Every foreign key that points at a *person* is ON DELETE RESTRICT: the database refuses
  to delete a person who is still referenced. Links to organisations and units from people
  and units are ON DELETE SET NULL; an alliance partner that is an organisation is
  RESTRICT.
- Enums are stored as strings, dates as ``Date``, moments as timezone-aware UTC
  (:class:`UTCDateTime`).

Changes to this module need a migration in ``allies/store/migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.types import TypeDecorator

__all__ = [
    "ROOT_TABLES",
    "UTCDateTime",
    "account_audit",
    "alliance_conflicts",
    "alliance_goals",
    "alliance_partners",
    "alliances",
    "api_tokens",
    "assessments",
    "audit_log",
    "audit_people",
    "cadences",
    "campaign_deciders",
    "campaign_issues",
    "campaign_plan_days",
    "campaigns",
    "favours",
    "goal_needs",
    "goals",
    "interaction_participants",
    "interactions",
    "login_attempts",
    "memberships",
    "metadata",
    "milestones",
    "notes",
    "observations",
    "organisations",
    "people",
    "promises",
    "responsibilities",
    "sessions",
    "stances",
    "ties",
    "units",
    "uploads",
    "users",
    "workspaces",
]

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ENUM = 32  # length of the string columns that hold enum values
NAME = 300  # length of names and titles


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware moment, stored in UTC and always read back as aware UTC.

    SQLite has no time zones: the value is stored as naive UTC and given ``tzinfo=UTC``
    when read. A naive value handed in is taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC (naive for SQLite) before it is written."""
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Return an aware UTC datetime."""
        if value is None:
            return None
        if not isinstance(value, datetime):  # pragma: no cover - drivers return datetimes
            value = datetime.fromisoformat(str(value))
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _workspace(*, index: bool = True) -> Column[int]:
    """The owning workspace; ``index=False`` where a composite index starts with it."""
    return Column(
        "workspace_id",
        Integer,
        ForeignKey("workspaces.id", ondelete="CASCADE"),
        nullable=False,
        index=index,
    )


def _person(name: str, *, nullable: bool = False) -> Column[int]:
    """A reference to a person: ON DELETE RESTRICT, indexed for the check."""
    return Column(
        name,
        Integer,
        ForeignKey("people.id", ondelete="RESTRICT"),
        nullable=nullable,
        index=True,
    )


def _parent(name: str, table: str, *, index: bool = True) -> Column[int]:
    """The link of a child row to its parent: ON DELETE CASCADE."""
    return Column(
        name, Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, index=index
    )


def _text(name: str) -> Column[str]:
    return Column(name, Text, nullable=False, default="")


def _position() -> Column[int]:
    return Column("position", Integer, nullable=False, default=0)


workspaces = Table(
    "workspaces",
    metadata,
    _id(),
    Column("name", String(100), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    sqlite_autoincrement=True,
)

organisations = Table(
    "organisations",
    metadata,
    _id(),
    _workspace(),
    Column("name", String(NAME), nullable=False),
    _text("kind"),
    _text("notes"),
    sqlite_autoincrement=True,
)

units = Table(
    "units",
    metadata,
    _id(),
    _workspace(),
    Column("name", String(NAME), nullable=False),
    Column(
        "organisation_id",
        Integer,
        ForeignKey("organisations.id", ondelete="SET NULL"),
        index=True,
    ),
    Column("parent_id", Integer, ForeignKey("units.id", ondelete="SET NULL"), index=True),
    sqlite_autoincrement=True,
)

#: The index of the people list's default order (workspace, lower-case name, id).
PEOPLE_BY_NAME = "ix_people_workspace_id_lower_name"

people = Table(
    "people",
    metadata,
    _id(),
    _workspace(),
    Column("name", String(NAME), nullable=False),
    _text("title"),
    Column(
        "organisation_id",
        Integer,
        ForeignKey("organisations.id", ondelete="SET NULL"),
        index=True,
    ),
    Column("unit_id", Integer, ForeignKey("units.id", ondelete="SET NULL"), index=True),
    Column("emails", JSON, nullable=False),
    Column("phones", JSON, nullable=False),
    Column("tags", JSON, nullable=False),
    _text("interests"),
    _text("agenda"),
    _text("values"),
    _text("offers"),
    _text("trades"),
    Column("level", String(ENUM)),
    Column("tier", String(ENUM)),
    Column("is_me", Boolean, nullable=False, default=False),
    _text("notes"),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    # The people list's order: a page of it is read from this index, not sorted.
    Index(PEOPLE_BY_NAME, "workspace_id", text("lower(name)"), "id"),
    sqlite_autoincrement=True,
)

ties = Table(
    "ties",
    metadata,
    _id(),
    _workspace(),
    _person("source_id"),
    _person("target_id"),
    Column("kind", String(ENUM), nullable=False),
    Column("weight", Float, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("origin", String(ENUM), nullable=False),
    Column("valid_from", Date),
    Column("valid_to", Date),
    _text("note"),
    sqlite_autoincrement=True,
)

observations = Table(
    "observations",
    metadata,
    _id(),
    _workspace(),
    _person("subject_id"),
    _person("object_id"),
    Column("kind", String(ENUM), nullable=False),
    Column("observed_on", Date, nullable=False),
    Column("strength", Float, nullable=False),
    _text("context"),
    _text("note"),
    sqlite_autoincrement=True,
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

campaigns = Table(
    "campaigns",
    metadata,
    _id(),
    _workspace(),
    Column("name", String(NAME), nullable=False),
    Column("decision_on", Date),
    _text("description"),
    Column("status", String(ENUM), nullable=False),
    sqlite_autoincrement=True,
)

campaign_issues = Table(
    "campaign_issues",
    metadata,
    _id(),
    _parent("campaign_id", "campaigns"),
    _position(),
    Column("name", String(NAME), nullable=False),
    Column("low_label", String(NAME), nullable=False),
    Column("high_label", String(NAME), nullable=False),
    Column("desired_position", Float, nullable=False),
    _text("description"),
    sqlite_autoincrement=True,
)

campaign_deciders = Table(
    "campaign_deciders",
    metadata,
    _parent("campaign_id", "campaigns", index=False),
    _person("person_id"),
    _position(),
    PrimaryKeyConstraint("campaign_id", "person_id"),
)

stances = Table(
    "stances",
    metadata,
    _id(),
    _workspace(),
    _person("person_id"),
    Column(
        "issue_id",
        Integer,
        ForeignKey("campaign_issues.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("position", Float, nullable=False),
    Column("salience", Float, nullable=False),
    Column("capability", Float),
    Column("confidence", Float, nullable=False),
    Column("recorded_on", Date, nullable=False),
    _text("note"),
    Index(None, "issue_id", "person_id", "recorded_on"),
    sqlite_autoincrement=True,
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

# -- a shared server: accounts, the audit trail and notes (revision 0002) -----------------

USERNAME = 64  # length of a username
HASH = 64  # a SHA-256 in hex


def _user(name: str, *, nullable: bool, ondelete: str) -> Column[int]:
    """A reference to a user, indexed."""
    return Column(
        name,
        Integer,
        ForeignKey("users.id", ondelete=ondelete),
        nullable=nullable,
        index=True,
    )


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
    sqlite_autoincrement=True,
)

memberships = Table(
    "memberships",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    _workspace(),
    Column("role", String(ENUM), nullable=False),
    Column("granted_at", UTCDateTime(), nullable=False),
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

#: The tables that hold one kind of entity each and carry ``workspace_id``, in an order
#: in which they can be created (referenced tables first).
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

# -- the active campaigns' meeting plans, computed once a day (revision 0008) ---------------

#: The meetings of an active campaign's plan as computed on ``day`` for the campaign's state
#: ``state_key`` (a fingerprint of its row, issues, deciders and stances): a cache, so the
#: agenda does not plan every campaign anew on every look. ``meetings`` is a list of plain
#: values (who, what, why, on, person_id, campaign_id). Only the latest day is kept.
campaign_plan_days = Table(
    "campaign_plan_days",
    metadata,
    _workspace(),
    _parent("campaign_id", "campaigns", index=False),
    Column("day", Date, nullable=False),
    Column("state_key", String(100), nullable=False),
    Column("computed_at", UTCDateTime(), nullable=False),
    Column("meetings", JSON, nullable=False),
    PrimaryKeyConstraint("campaign_id", "day"),
)

ROOT_TABLES: tuple[Table, ...] = tuple(
    table for table in metadata.sorted_tables if "workspace_id" in table.c
)
