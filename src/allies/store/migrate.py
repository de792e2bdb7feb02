"""Schema migrations with Alembic, configured in code (no ``alembic.ini`` needed).

The scripts live in ``allies/store/migrations`` inside the package. Create a new revision
from a checkout with::

    python -c "from allies.store.migrate import revision; revision('what changed')"
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from allies.errors import ConfigurationError

__all__ = [
    "MIGRATIONS",
    "current_revision",
    "ensure_current",
    "head_revision",
    "revision",
    "upgrade",
]

#: The folder of the migration scripts.
MIGRATIONS = Path(__file__).parent / "migrations"

_LOCK_KEY = 0x616C6C696573  # "allies": serialises concurrent upgrades on PostgreSQL


def _config(connection: Connection | None = None, url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    """The newest revision the migration scripts know."""
    head = _scripts().get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise ConfigurationError("The migration scripts of allies are missing.")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction, ready for schema changes.

    On SQLite, foreign keys are switched off while the migration runs (a batch migration
    recreates tables, which must not cascade) and checked before committing. On
    PostgreSQL, an advisory lock keeps two processes from upgrading at once.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # outside any transaction, or the pragma is ignored
            connection.connection.driver_connection.execute(  # type: ignore[union-attr]
                "PRAGMA foreign_keys = OFF"
            )
        try:
            if not sqlite:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            yield connection
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise ConfigurationError(
                        f"The migration left {len(broken)} broken references; nothing changed."
                    )
            connection.commit()
        finally:
            connection.rollback()
            if sqlite:
                connection.connection.driver_connection.execute(  # type: ignore[union-attr]
                    "PRAGMA foreign_keys = ON"
                )


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database's schema up to ``revision`` (the newest by default), atomically.

    Parameters
    ----------
    engine
        From :func:`allies.store.make_engine`.
    revision
        An Alembic revision id, or ``"head"``.
    """
    _refuse_unknown(current_revision(engine))
    with _migration_connection(engine) as connection:
        command.upgrade(_config(connection), revision)


def _refuse_unknown(current: str | None) -> None:
    """ConfigurationError when the database is at a revision this allies does not know
    (one written by a newer allies)."""
    known = {script.revision for script in _scripts().walk_revisions()}
    if current is not None and current not in known:
        raise ConfigurationError(
            f"The database is at schema revision {current}, which this version of allies "
            "does not know.",
            hint="Upgrade allies, or point ALLIES_DATABASE_URL at another database.",
        )


def ensure_current(engine: Engine) -> None:
    """Upgrade to the newest revision if the database is behind; cheap when it is not.

    Raises
    ------
    ConfigurationError
        When the database was migrated by a newer ``allies`` than this one.
    """
    current = current_revision(engine)
    if current == head_revision():
        return
    upgrade(engine)


def revision(message: str, *, url: str = "sqlite:///:memory:", autogenerate: bool = True) -> None:
    """Write a new migration script (for developers), compared against ``url``'s schema."""
    from allies.store.engine import make_engine

    engine = make_engine(url)
    try:
        if autogenerate:
            upgrade(engine)
        with engine.connect() as connection:
            command.revision(_config(connection), message=message, autogenerate=autogenerate)
    finally:
        engine.dispose()
