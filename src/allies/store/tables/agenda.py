"""Tables of the daily agenda: the lines already handled (revision 0010).

A line of the agenda is computed from the records each time it is shown; what the user
did with it (done, snoozed until a day, dismissed with a reason) is kept here, so a line
handled on one device stays handled on every other. ``line_key`` names the line stably:
its kind, the record it is about and, when it has one, its day (see
:func:`allies.services.agenda.lines.line_key`).
"""

from __future__ import annotations

from sqlalchemy import Column, Date, PrimaryKeyConstraint, String, Table

from allies.store.tables.columns import (
    ENUM,
    NAME,
    USERNAME,
    UTCDateTime,
    _text,
    _workspace,
    metadata,
)

#: One row per handled line of a workspace's agenda; handling it again replaces the row.
agenda_handled = Table(
    "agenda_handled",
    metadata,
    _workspace(index=False),
    Column("line_key", String(NAME), nullable=False),
    Column("action", String(ENUM), nullable=False),
    Column("handled_on", Date, nullable=False),
    Column("until", Date),
    _text("reason"),
    Column("handled_by", String(USERNAME)),
    Column("handled_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("workspace_id", "line_key"),
)
