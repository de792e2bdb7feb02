"""Tables of reminders: how each workspace's digest is sent, and each send (revision 0013).

- ``reminder_settings``: one row per workspace and member that set reminders up (``member``
  is the username on a team server, ``""`` on a laptop); no password and no Apprise URL
  (those are secrets, kept in the keyring), only the kind of channel.
- ``reminder_sends``: one row per workspace, member, day and channel (``email``,
  ``apprise``); its primary key is what makes a digest go at most once a day per channel,
  and its status and attempts what a failed send is retried by.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    Time,
)

from allies.store.tables.columns import ENUM, NAME, USERNAME, UTCDateTime, _workspace, metadata

#: Length of the link base (a URL) and of the list of addresses.
LONG = 2000

reminder_settings = Table(
    "reminder_settings",
    metadata,
    _workspace(index=False),
    Column("member", String(USERNAME), nullable=False),
    Column("email_to", String(LONG), nullable=False),
    Column("smtp_host", String(NAME), nullable=False),
    Column("smtp_port", Integer, nullable=False),
    Column("smtp_security", String(ENUM), nullable=False),
    Column("smtp_user", String(NAME), nullable=False),
    Column("smtp_from", String(NAME), nullable=False),
    Column("channel", String(ENUM), nullable=False),
    Column("send_at", Time, nullable=False),
    Column("quiet_days", String(ENUM), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("link_base", String(LONG), nullable=False),
    Column("link_key", String(128), nullable=False),
    PrimaryKeyConstraint("workspace_id", "member"),
)

reminder_sends = Table(
    "reminder_sends",
    metadata,
    _workspace(index=False),
    Column("member", String(USERNAME), nullable=False),
    Column("day", Date, nullable=False),
    Column("channel", String(ENUM), nullable=False),
    Column("status", String(ENUM), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("lines", Integer, nullable=False),
    Column("error", Text, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("workspace_id", "member", "day", "channel"),
)
