"""Stamps of a workspace's records from the counts the database keeps of their changes.

The triggers of revision 0024 count every change of people, ties, observations,
interactions, favours and promises in :data:`allies.store.tables.record_changes`; a stamp
is one read of that row (the counts of the kinds asked for and the row's random epoch),
however many records the workspace holds.

On PostgreSQL a transaction counts each kind once (a mark set by the trigger); reading a
stamp clears the marks of the kinds read, so that a change made later in the same
transaction counts again and the stamp of what it leaves differs from the one read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import Connection, select, text

from allies.store import tables as t
from allies.store.tables.changes import COUNTED

__all__ = ["changes_stamp"]


def changes_stamp(
    connection: Connection, workspace_id: int, kinds: Sequence[str], *extra: object
) -> str:
    """A digest of the change counts of ``kinds`` in a workspace (and of ``extra``).

    Parameters
    ----------
    connection
        The unit of work's connection (its transaction).
    workspace_id
        The workspace.
    kinds
        Columns of :data:`~allies.store.tables.changes.COUNTED`.
    *extra
        More that the stamp depends on (who is me, who looks), hashed with the counts.

    Returns
    -------
    str
        32 hexadecimal digits (BLAKE2b, 16-byte digest); a workspace with no change
        counted yet has a stamp of its own too.
    """
    unknown = [kind for kind in kinds if kind not in COUNTED]
    if unknown:
        raise ValueError(f"not a counted kind of record: {', '.join(unknown)}")
    c = t.record_changes.c
    query = select(c.epoch, *(c[kind] for kind in kinds)).where(c.workspace_id == workspace_id)
    row = connection.execute(query).first()
    if connection.dialect.name == "postgresql":
        marks = ", ".join(f"set_config(:mark{i}, '', true)" for i in range(len(kinds)))
        names = {
            f"mark{i}": f"allies_changed.{kind}_{workspace_id}" for i, kind in enumerate(kinds)
        }
        connection.execute(text(f"SELECT {marks}"), names)
    digest = hashlib.blake2b(digest_size=16)
    counts = None if row is None else tuple(row)
    digest.update(repr((tuple(kinds), counts, extra)).encode())
    return digest.hexdigest()
