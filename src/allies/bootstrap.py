"""The composition root: the one place that knows both the store and the services."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from allies.config import Settings, load_settings
from allies.services.ports import UnitOfWorkFactory

if TYPE_CHECKING:
    from allies.store.backup import BackupResult


@lru_cache(maxsize=8)
def _factory_for(url: str) -> UnitOfWorkFactory:
    from allies.store import open_store

    return open_store(url)


def warm_up(settings: Settings) -> None:
    """Migrate the database and open the connections a team server's process keeps
    (at start-up, so the first busy moment does not pay for them)."""
    from allies.store.engine import POOL_SIZE
    from allies.store.uow import SqlUnitOfWorkFactory

    factory = _factory_for(settings.database_url)
    if isinstance(factory, SqlUnitOfWorkFactory):
        factory.warm(POOL_SIZE)


def unit_of_work_factory(settings: Settings | None = None) -> UnitOfWorkFactory:
    """A unit-of-work factory for the configured database, migrated to the latest schema.

    The store is opened (and its migrations applied) once per database URL per process.
    """
    settings = settings or load_settings()
    return _factory_for(settings.database_url)


@dataclass(frozen=True)
class DatabaseInfo:
    """Which database is in use and where its schema stands."""

    url: str
    revision: str | None
    head: str
    workspaces: list[str]


def _safe_url(url: str) -> str:
    """The URL with any password hidden."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def upgrade_database(settings: Settings | None = None) -> str:
    """Apply pending migrations to the configured database; returns the revision reached."""
    from allies.store.engine import make_engine
    from allies.store.migrate import current_revision, upgrade

    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        return current_revision(engine) or "none"
    finally:
        engine.dispose()


def database_info(settings: Settings | None = None) -> DatabaseInfo:
    """Describe the configured database (migrating it first, as any use does)."""
    from allies.store.migrate import current_revision, head_revision

    settings = settings or load_settings()
    factory = unit_of_work_factory(settings)
    engine = factory.engine  # type: ignore[attr-defined]
    return DatabaseInfo(
        url=_safe_url(settings.database_url),
        revision=current_revision(engine),
        head=head_revision(),
        workspaces=list(factory.workspaces()),
    )


def backup_database(settings: Settings, target: Path) -> BackupResult:
    """Back up the whole configured database to ``target`` (see :mod:`allies.store.backup`)."""
    from allies.store.backup import backup_database as backup

    factory = unit_of_work_factory(settings)
    factory.workspaces()  # migrated before it is copied
    return backup(factory.engine, target)  # type: ignore[attr-defined]


def restore_database(settings: Settings, source: Path) -> BackupResult:
    """Replace the configured database with the backup in ``source``.

    A workspace backup (``allies export backup``) is not restored here: the result's
    ``kind`` is ``"workspace-json"`` and the caller restores it into a workspace.
    """
    from allies.store.backup import restore_database as restore

    factory = unit_of_work_factory(settings)
    factory.workspaces()
    return restore(factory.engine, source)  # type: ignore[attr-defined]


def backup_kind(path: Path) -> str:
    """What a backup file holds: ``sqlite``, ``pg_dump``, ``json`` or ``workspace-json``."""
    from allies.store.backup import sniff

    return sniff(path)
