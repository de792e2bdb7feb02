"""The composition root: the one place that knows both the store and the services."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from allies.config import Settings, load_settings
from allies.services.ports import UnitOfWorkFactory

if TYPE_CHECKING:
    from allies.domain.accounts import Actor
    from allies.services.reminders.ports import RemindersContext
    from allies.services.sync.accounts import SyncContext
    from allies.store.backup import BackupResult
    from allies.store.versions import VersionWatch


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


def watch_versions() -> AbstractContextManager[VersionWatch]:
    """Watch the record versions one request reads and writes, and let it name the
    versions it expects (:mod:`allies.store.versions`; the API's ``If-Match``)."""
    from allies.store.versions import watching

    return watching()


def expect_version(kind: str, record_id: int, version: int) -> None:
    """Require ``version`` of a record when the request under way saves or removes it."""
    from allies.store.versions import expecting

    expecting(kind, record_id, version)


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


def sync_context(
    settings: Settings | None = None, workspace: str | None = None, actor: Actor | None = None
) -> SyncContext:
    """What account sync needs, wired: the store, its sync tables and the password vault.

    Passwords are encrypted in the database with the secret key when one is set (a team
    server always has one), and kept in the operating system's keyring otherwise.
    """
    from allies.services.sync.accounts import SyncContext
    from allies.services.sync.credentials import EncryptedVault, KeyringVault, Vault
    from allies.store.sync import sync_repository

    settings = settings or load_settings()
    vault: Vault = EncryptedVault(settings.secret_key) if settings.secret_key else KeyringVault()
    return SyncContext(
        factory=unit_of_work_factory(settings),
        repositories=sync_repository,  # type: ignore[arg-type]
        vault=vault,
        workspace=workspace,
        actor=actor,
    )


def reminders_context(settings: Settings | None = None) -> RemindersContext:
    """What reminders need, wired: the store, its reminder tables and the links' key."""
    from allies.services.reminders.ports import RemindersContext
    from allies.store.reminders import reminder_repository

    settings = settings or load_settings()
    return RemindersContext(
        factory=unit_of_work_factory(settings),
        repositories=reminder_repository,  # type: ignore[arg-type]
        secret_key=settings.secret_key,
    )
