"""Alembic environment for the ``allies`` schema.

Run programmatically by :mod:`allies.store.migrate`, which hands over an open connection
in ``config.attributes["connection"]``. Without one (the ``alembic`` command line with a
``sqlalchemy.url`` option), it makes its own engine.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from allies.store.engine import make_engine
from allies.store.tables import metadata

config = context.config


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Write the SQL to standard output instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the given connection, or on a new engine's."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("Set sqlalchemy.url, or run the migrations through allies.store.")
    engine = make_engine(url)
    try:
        with engine.connect() as own:
            _configure(own)
            own.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
