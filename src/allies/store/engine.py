"""Making a SQLAlchemy engine for SQLite (the default) or PostgreSQL (for a team)."""

from __future__ import annotations

import re
import threading
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from allies.errors import ConfigurationError

__all__ = [
    "BUSY_TIMEOUT_MS",
    "POOL_OVERFLOW",
    "POOL_SIZE",
    "READ_ONLY",
    "dispose_all",
    "environment_problem",
    "make_engine",
    "normalise_url",
    "wrote",
]

#: How long a SQLite connection waits for another writer before giving up.
BUSY_TIMEOUT_MS = 15_000

#: The execution option that marks a connection's transactions as reading only: on SQLite
#: they begin deferred, so they neither wait for nor hold up a writer.
READ_ONLY = "allies_read_only"

#: Marks, in a connection's ``info``, a transaction begun with ``BEGIN IMMEDIATE``.
_IMMEDIATE = "allies_immediate"

#: Marks, in a PostgreSQL connection's ``info``, a transaction that did more than read
#: (cleared when it ends): see :func:`wrote`.
_WROTE = "allies_wrote"
#: A statement that only reads: a ``SELECT`` that locks no rows.
_READS_ONLY = re.compile(
    r"\s*SELECT\b(?!.*\bFOR\s+(?:NO\s+KEY\s+)?(?:UPDATE|SHARE|KEY\s+SHARE)\b)",
    re.IGNORECASE | re.DOTALL,
)

_POSTGRES_PREFIXES = ("postgres://", "postgresql://")

#: PostgreSQL connections each process keeps open. A team server's process answers many
#: requests at once; with fewer kept than it uses, every request past them would open a
#: connection (a new server process) and close it again.
POOL_SIZE = 10
#: Connections a process may open beyond :data:`POOL_SIZE` at its busiest (then closed).
POOL_OVERFLOW = 10

#: Every engine :func:`make_engine` made in this process and not yet dropped.
_MADE: weakref.WeakSet[Engine] = weakref.WeakSet()


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
    transactions (so that savepoints work) on every connection; a transaction begins
    with ``BEGIN IMMEDIATE`` so a writer waits for another (up to the busy timeout)
    instead of failing, unless its connection has the :data:`READ_ONLY` option; the
    folder of a database file is created. An in-memory SQLite database is one shared
    connection. PostgreSQL goes through psycopg 3 with a pre-ping on checkout and a pool
    of :data:`POOL_SIZE` connections kept open.

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
        engine = create_engine(parsed, **options)
        _note_writes(engine)
        return engine
    raise ConfigurationError(
        f"allies stores its data in SQLite or PostgreSQL, not {backend!r}.",
        hint="Use a sqlite:/// or postgresql:// URL.",
    )


def _note_writes(engine: Engine) -> None:
    """Mark a PostgreSQL transaction that ran anything but a plain ``SELECT`` (a write, a
    lock, a savepoint), until it ends; :func:`wrote` tells."""

    @event.listens_for(engine, "before_cursor_execute")
    def _executing(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _WROTE not in connection.info and not _READS_ONLY.match(statement):
            connection.info[_WROTE] = True

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _ended(connection: Any) -> None:
        connection.info.pop(_WROTE, None)

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info.pop(_WROTE, None)


def wrote(connection: Connection) -> bool:
    """Whether the transaction under way on a PostgreSQL connection did more than read:
    ran a statement other than a ``SELECT`` that locks no rows. Always true on SQLite,
    whose transactions hold the write lock from their start (``BEGIN IMMEDIATE``)."""
    if connection.dialect.name != "postgresql":
        return True
    return bool(connection.info.get(_WROTE))


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

    holding = threading.local()  # write transactions this thread holds on this engine

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A deferred BEGIN takes the write lock only at the first write, and a reader that
        # must then become a writer after another has written fails at once: the busy
        # timeout applies only to a lock taken at BEGIN. So a transaction takes the write
        # lock at its start and waits its turn (BEGIN IMMEDIATE), unless marked read-only
        # (READ_ONLY) or opened by a thread that already holds the lock on another
        # connection, which would otherwise wait for itself.
        held = getattr(holding, "count", 0)
        if held or connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN DEFERRED")
            return
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        connection.info[_IMMEDIATE] = True
        holding.count = getattr(holding, "count", 0) + 1

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(connection: Any) -> None:
        if connection.info.pop(_IMMEDIATE, False):
            holding.count = max(0, getattr(holding, "count", 0) - 1)

    _MADE.add(engine)
    return engine


def _where(url: str | None) -> str:
    """The database ``url`` names, for people: a SQLite file's path, or PostgreSQL's
    host, port and database (never its password)."""
    if not url:
        return "the database"
    try:
        parsed = normalise_url(url)
    except ConfigurationError:
        return "the database"
    if parsed.get_backend_name() == "sqlite":
        database = (parsed.database or "").removeprefix("file:").split("?")[0]
        return f"the database file {database}" if database else "the in-memory database"
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    return f"the PostgreSQL database {parsed.database or ''} at {host}{port}".replace("  ", " ")


#: Words in SQLite's and PostgreSQL's messages, what they mean and what to do.
_PROBLEMS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("file is not a database", "malformed", "not a database"),
        "{where} is damaged or is not an allies database",
        "Restore it from a backup (allies restore FILE), or use another file with --db.",
    ),
    (
        ("readonly database", "read-only", "read only"),
        "{where} is read-only",
        "Make the file and its folder writable, or work on a copy of it.",
    ),
    (
        ("database or disk is full", "disk is full", "no space left"),
        "the disk holding {where} is full",
        "Free some space on the disk, then run the command again.",
    ),
    (
        ("unable to open database file", "cannot open"),
        "{where} cannot be opened",
        "Check that its folder exists and that you may read and write there.",
    ),
    (
        ("database is locked",),
        "{where} is busy: another program held it too long",
        "Try again in a moment; stop other programs using the file if it persists.",
    ),
    (
        ("disk i/o error",),
        "{where} could not be read or written (a disk error)",
        "Check the disk, then restore the database from a backup if it persists.",
    ),
    (
        ("password authentication failed", "no pg_hba.conf entry", "fatal:  database",
         "fatal:  role"),
        "{where} refused the connection",
        "Check the user, password and database name in ALLIES_DATABASE_URL (or "
        "--database-url).",
    ),
    (
        ("connection failed", "connection refused", "could not connect", "timeout expired"),
        "{where} cannot be reached",
        "Check that the server is running and that ALLIES_DATABASE_URL (or --database-url) "
        "names it correctly.",
    ),
)  # fmt: skip


def environment_problem(error: BaseException, url: str | None = None) -> ConfigurationError | None:
    """What a failure of the database's surroundings means, in plain words, or None.

    A damaged, read-only, full, missing or unreachable database fails deep inside the
    driver with its own exception; a person needs one line saying what is wrong and what
    to do. Errors that are not about the environment give None (the caller re-raises).

    Parameters
    ----------
    error
        The exception raised while using the database.
    url
        The database URL in use, to name the file or server in the message.

    Examples
    --------
    >>> import sqlite3
    >>> problem = environment_problem(
    ...     sqlite3.DatabaseError("file is not a database"), "sqlite:////tmp/a.db"
    ... )
    >>> problem.message
    'The database file /tmp/a.db is damaged or is not an allies database.'
    """
    where = _where(url)
    if isinstance(error, OSError) and not isinstance(error, ConnectionError):
        text = error.strerror or str(error)
        name = f" {error.filename}" if error.filename else ""
        return ConfigurationError(
            f"Could not use{name}: {text}.",
            hint="Check that the folder exists, that you may write there and that the disk "
            "has room.",
        )
    orig = getattr(error, "orig", None) or error
    if not _is_database_error(error):
        return None
    text = str(orig).lower()
    for words, message, hint in _PROBLEMS:
        if any(word in text for word in words):
            said = message.format(where=where)
            return ConfigurationError(said[0].upper() + said[1:] + ".", hint=hint)
    return None


def _is_database_error(error: BaseException) -> bool:
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    if isinstance(error, DBAPIError | sqlite3.Error):
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - installed with allies
        return False
    return isinstance(error, psycopg.Error)


def dispose_all() -> int:
    """Close the pooled connections of every engine this process made; returns how many
    engines there were.

    A program that leaves without the interpreter's clean-up (the command line, see
    :mod:`allies.cli.start`) calls it first, so that every SQLite connection is closed
    as a normal exit closes it (its write-ahead log checkpointed and removed).
    """
    engines = list(_MADE)
    for engine in engines:
        engine.dispose()
    return len(engines)
