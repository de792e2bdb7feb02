"""Schema migrations with Alembic, configured in code (no ``alembic.ini`` needed).

The scripts live in ``allies/store/migrations`` inside the package. Create a new revision
from a checkout with::

    python -c "from allies.store.migrate import revision; revision('what changed')"
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from allies.errors import ConfigurationError

if TYPE_CHECKING:  # Alembic loads only when the schema has to change
    from alembic.config import Config
    from alembic.script import ScriptDirectory

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
#: One upgrade at a time in a process: Alembic keeps the running migration's context in
#: module globals, and two stores opened at once (the web app and the scheduler of
#: ``allies serve`` on a new database) would otherwise both upgrade, into each other.
_UPGRADING = threading.RLock()


def _config(connection: Connection | None = None, url: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


_REVISION = re.compile(r"^revision\b[^=\n]*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\b[^=\n]*=(.*)$", re.MULTILINE)


@lru_cache(maxsize=1)
def _declared_head() -> str | None:
    """The head revision read from the scripts' ``revision`` and ``down_revision`` lines:
    the one revision no other script builds on. Reading a dozen small files is far cheaper
    than loading Alembic's script machinery, which every command would otherwise pay to
    learn that nothing needs doing. ``None`` when the scripts do not say plainly (then
    Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        down = _DOWN_REVISION.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        parents.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def head_revision() -> str:
    """The newest revision the migration scripts know."""
    head = _declared_head() or _scripts().get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise ConfigurationError("The migration scripts of allies are missing.")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` for an empty database.

    One query of Alembic's own ``alembic_version`` table; Alembic is asked only when the
    table holds more than one row (a database between branches).
    """
    with engine.connect() as connection:
        try:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        except (OperationalError, ProgrammingError):  # no such table: never migrated
            return None
        if len(rows) <= 1:
            return rows[0][0] if rows else None
        from alembic.runtime.migration import MigrationContext

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
    from alembic import command

    with _UPGRADING:
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
    """Upgrade to the newest revision if the database is behind; cheap when it is not
    (one query, compared with the head the scripts declare; Alembic is not loaded).

    Raises
    ------
    ConfigurationError
        When the database was migrated by a newer ``allies`` than this one.
    """
    # checked under the lock: a store of this process that reads the revision while
    # another upgrades would wait on SQLite's busy timeout, not on the upgrade
    with _UPGRADING:
        if current_revision(engine) != head_revision():
            upgrade(engine)


def revision(message: str, *, url: str = "sqlite:///:memory:", autogenerate: bool = True) -> None:
    """Write a new migration script (for developers), compared against ``url``'s schema."""
    from alembic import command

    from allies.store.engine import make_engine

    engine = make_engine(url)
    try:
        if autogenerate:
            upgrade(engine)
        with engine.connect() as connection:
            command.revision(_config(connection), message=message, autogenerate=autogenerate)
    finally:
        engine.dispose()
