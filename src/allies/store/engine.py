"""Making a SQLAlchemy engine for SQLite (the default) or PostgreSQL (for a team)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from allies.errors import ConfigurationError

__all__ = ["BUSY_TIMEOUT_MS", "POOL_OVERFLOW", "POOL_SIZE", "make_engine", "normalise_url"]

#: How long a SQLite connection waits for another writer before giving up.
BUSY_TIMEOUT_MS = 15_000

_POSTGRES_PREFIXES = ("postgres://", "postgresql://")

#: PostgreSQL connections each process keeps open. A team server's process answers many
#: requests at once; with fewer kept than it uses, every request past them would open a
#: connection (a new server process) and close it again.
POOL_SIZE = 10
#: Connections a process may open beyond :data:`POOL_SIZE` at its busiest (then closed).
POOL_OVERFLOW = 10


def normalise_url(url: str) -> URL:
    """Parse ``url``; ``postgres://`` and ``postgresql://`` are rewritten to psycopg 3.

    Raises
    ------
    ConfigurationError
        When the URL cannot be parsed.
    """
    text = url.strip()
    for prefix in _POSTGRES_PREFIXES:
        if text.startswith(prefix):
            text = "postgresql+psycopg://" + text[len(prefix) :]
            break
    try:
        return make_url(text)
    except ArgumentError as error:
        raise ConfigurationError(
            f"The database URL {url!r} cannot be read: {error}.",
            hint="Set ALLIES_DATABASE_URL to sqlite:///path/to/allies.db or "
            "postgresql://user@host/dbname.",
        ) from None


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for ``url``, set up the way ``allies`` needs it.

    SQLite gets foreign keys on, WAL journal mode, a busy timeout and SQLAlchemy-driven
    transactions (so that savepoints work) on every connection; the folder of a database
    file is created. An in-memory SQLite database is one shared connection. PostgreSQL
    goes through psycopg 3 with a pre-ping on checkout and a pool of
    :data:`POOL_SIZE` connections kept open.

    Parameters
    ----------
    url
        ``sqlite:///path/file.db``, ``sqlite://`` (in memory), or
        ``postgresql://user:password@host:port/dbname`` (``postgres://`` and
        ``postgresql+psycopg://`` work too).
    **options
        Passed on to :func:`sqlalchemy.create_engine`.

    Examples
    --------
    >>> engine = make_engine("sqlite://")
    >>> engine.dialect.name
    'sqlite'
    """
    parsed = normalise_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed, options)
    if backend == "postgresql":
        options.setdefault("pool_pre_ping", True)
        options.setdefault("pool_size", POOL_SIZE)
        options.setdefault("max_overflow", POOL_OVERFLOW)
        return create_engine(parsed, **options)
    raise ConfigurationError(
        f"allies stores its data in SQLite or PostgreSQL, not {backend!r}.",
        hint="Use a sqlite:/// or postgresql:// URL.",
    )


def _in_memory(url: URL) -> bool:
    database = url.database or ""
    return database in ("", ":memory:") or url.query.get("mode") == "memory"


def _sqlite_engine(url: URL, options: dict[str, Any]) -> Engine:
    memory = _in_memory(url)
    if not memory and not (url.database or "").startswith("file:"):
        Path(url.database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
    connect_args = dict(options.pop("connect_args", {}))
    connect_args.setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
    if memory:
        connect_args.setdefault("check_same_thread", False)
        options.setdefault("poolclass", StaticPool)
    engine = create_engine(url, connect_args=connect_args, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (see "begin" below): the sqlite3 module's own
        # transaction handling breaks savepoints.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
            if not memory:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine
