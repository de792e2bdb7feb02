"""Whether this process changed records: a commit that wrote to the audit trail.

Every change of a record writes its entry to the audit trail in the same transaction
(:mod:`allies.store.audit`); what the analyses keep (the analysis cache, the day's plans)
and reading write none. :func:`watch` listens on a database engine for an insert into the
audit trail and notes it when its transaction commits (dropped when it is rolled back);
:func:`changed` tells whether one was committed since :func:`forget`. The command line
asks for the background work after a command that changed something
(:func:`allies.background.detached.ask_after_change`).
"""

from __future__ import annotations

import weakref
from typing import Any

__all__ = ["changed", "forget", "watch"]

#: The audit trail's table: an insert into it is a change of the records.
AUDIT_TABLE = "audit_log"
_FLAG = "allies.wrote_records"

_watched: weakref.WeakSet[Any] = weakref.WeakSet()
_changed = False


def _before_execute(conn: Any, clause: Any, *_: Any) -> None:
    if getattr(clause, "is_insert", False):
        table = getattr(clause, "table", None)
        if getattr(table, "name", None) == AUDIT_TABLE:
            conn.info[_FLAG] = True


def _commit(conn: Any) -> None:
    global _changed
    if conn.info.pop(_FLAG, False):
        _changed = True


def _rollback(conn: Any) -> None:
    conn.info.pop(_FLAG, None)


def watch(engine: Any) -> None:
    """Note the commits of ``engine`` (a SQLAlchemy engine) that change records; once per
    engine, however often it is called. Anything else is left alone."""
    from sqlalchemy import Engine, event

    if not isinstance(engine, Engine) or engine in _watched:
        return
    event.listen(engine, "before_execute", _before_execute)
    event.listen(engine, "commit", _commit)
    event.listen(engine, "rollback", _rollback)
    _watched.add(engine)


def changed() -> bool:
    """Whether a watched engine committed a change of records since :func:`forget`."""
    return _changed


def forget() -> None:
    """Start noting afresh (at the start of each command)."""
    global _changed
    _changed = False
