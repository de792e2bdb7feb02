"""How many times each kind of record of a workspace has changed (revision 0024).

One row per workspace, kept by database triggers on ``people``, ``ties``,
``observations``, ``interactions``, ``favours`` and ``promises`` (made by the migration,
so that no writer can forget them): every insert, update or delete adds one to the count
of its kind (PostgreSQL adds one per transaction and kind, :mod:`allies.store.changes`).
``people_ids`` counts only people added or removed, which is all the network's analyses
read of a person's row. ``epoch`` is drawn at random when the row is made, so counts that
start again (a restored backup) never repeat an earlier stamp.

The views kept between requests are keyed by these counts (a *stamp*) instead of by
aggregates over every record, which a large workspace would read at each view.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, String, Table

from allies.store.tables.columns import metadata

#: The counted kinds, each a column of :data:`record_changes`.
COUNTED: tuple[str, ...] = (
    "people_ids",
    "people",
    "ties",
    "observations",
    "interactions",
    "favours",
    "promises",
)

record_changes = Table(
    "record_changes",
    metadata,
    # no foreign key: the triggers of a workspace's records being deleted with it may
    # still count those deletions after the workspace row is gone
    Column("workspace_id", Integer, primary_key=True, autoincrement=False),
    Column("epoch", String(32), nullable=False),
    *(Column(kind, BigInteger, nullable=False, server_default="0") for kind in COUNTED),
)
