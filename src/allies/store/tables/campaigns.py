"""Tables of the campaigns: issues, deciders, stances, and the meeting plans of the
active campaigns computed once a day (revision 0008).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
)

from allies.store.tables.columns import (
    ENUM,
    NAME,
    UTCDateTime,
    _id,
    _parent,
    _person,
    _position,
    _text,
    _workspace,
    metadata,
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
    # The organisation the stance is of, its person speaking for it (revision 0014).
    Column(
        "organisation_id", Integer, ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    ),
    Index(None, "issue_id", "person_id", "recorded_on"),
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
