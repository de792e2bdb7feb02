"""The composition root: the one place that knows both the store and the services."""

from __future__ import annotations

from functools import lru_cache

from allies.config import Settings, load_settings
from allies.services.ports import UnitOfWorkFactory


@lru_cache(maxsize=8)
def _factory_for(url: str) -> UnitOfWorkFactory:
    from allies.store import open_store

    return open_store(url)


def unit_of_work_factory(settings: Settings | None = None) -> UnitOfWorkFactory:
    """A unit-of-work factory for the configured database, migrated to the latest schema.

    The store is opened (and its migrations applied) once per database URL per process.
    """
    settings = settings or load_settings()
    return _factory_for(settings.database_url)
