"""Quick captures sent from devices, by the key each device gave them (revision 0017).

A row is written before the capture is stored as a record and settled after, so a
capture sent twice (a retry after a lost answer, two tabs) is stored once, and one whose
storing was cut short is taken up again by the next sending. Only a digest of the fields
is kept, and settled rows are forgotten after a while.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, PrimaryKeyConstraint, String, Table

from allies.store.tables.columns import ENUM, UTCDateTime, _text, _workspace, metadata

#: The longest key a device may give a capture (a UUID is 36 characters).
CAPTURE_KEY = 64

captures = Table(
    "captures",
    metadata,
    _workspace(index=False),
    Column("key", String(CAPTURE_KEY), nullable=False),
    Column("kind", String(ENUM), nullable=False),
    Column("digest", String(CAPTURE_KEY), nullable=False),
    Column("status", String(ENUM), nullable=False),
    _text("message"),
    Column("record_id", Integer),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("settled_at", UTCDateTime()),
    PrimaryKeyConstraint("workspace_id", "key"),
    Index(None, "settled_at"),
)
