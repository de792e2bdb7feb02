"""Storage: SQLAlchemy tables, mapping, repositories, unit of work and migrations.

The one entry point most code needs is :func:`open_store`::

    >>> from allies.store import open_store
    >>> uow_factory = open_store("sqlite://")       # or sqlite:///path, postgresql://...
    >>> with uow_factory("default") as uow:
    ...     uow.people.count()
    0
"""

from __future__ import annotations

from allies.store.engine import make_engine
from allies.store.migrate import current_revision, ensure_current, head_revision, upgrade
from allies.store.uow import SqlUnitOfWork, SqlUnitOfWorkFactory

__all__ = [
    "SqlUnitOfWork",
    "SqlUnitOfWorkFactory",
    "current_revision",
    "head_revision",
    "make_engine",
    "open_store",
    "upgrade",
]


def open_store(
    url: str, *, migrate: bool = True, default_workspace: str = "default"
) -> SqlUnitOfWorkFactory:
    """Open the database at ``url`` and return a factory of units of work.

    Parameters
    ----------
    url
        ``sqlite:///path/to/allies.db``, ``sqlite://`` (in memory) or
        ``postgresql://user:password@host/dbname``.
    migrate
        Bring the schema up to date on first use (idempotent; one cheap query when it is
        already current). Without it, the schema is left as it is.
    default_workspace
        The workspace used when a unit of work is asked for without one.

    Returns
    -------
    SqlUnitOfWorkFactory
        Implements :class:`allies.services.ports.UnitOfWorkFactory`.
    """
    engine = make_engine(url)
    return SqlUnitOfWorkFactory(
        engine, default_workspace, prepare=ensure_current if migrate else None
    )
