"""Where the features' periodic work is registered (imported on first use of the registry).

- ``reminders``: every 5 minutes, send the digests that are due
  (:func:`allies.services.reminders.due.send_due`).
- ``sync``: every 15 minutes, each account of each workspace under its own lock
  (:func:`allies.services.sync.run.sync_account`), when the sync package is present.

Modules named in ``ALLIES_BACKGROUND_MODULES`` (comma-separated) are imported after these,
so a deployment (or a test) can register tasks of its own with
:func:`allies.background.tasks.register`.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from importlib import import_module
from importlib.util import find_spec

__all__ = ["load"]

_loaded = False

#: How often the digests are looked at (each goes once a day, at its own hour).
REMINDERS_EVERY = timedelta(minutes=5)
#: How often every account is synced.
SYNC_EVERY = timedelta(minutes=15)


def _register_reminders() -> None:
    from allies.background.tasks import TaskRun, register
    from allies.bootstrap import reminders_context
    from allies.services.reminders.due import send_due

    def reminders(run: TaskRun) -> None:
        ctx = reminders_context(run.settings)
        send_due(ctx, ctx.factory(run.workspace))

    register("reminders", reminders, every=REMINDERS_EVERY)


def _register_sync() -> None:
    """Account sync (:mod:`allies.services.sync.run`): every 15 minutes, each account of
    each workspace under its own lock; nothing when the sync package is not there."""
    try:
        from allies.services.sync.accounts import account_names
        from allies.services.sync.run import sync_account
    except ImportError as missing:
        if find_spec("allies.services.sync") is not None:
            logging.getLogger("allies.background").warning(
                "account sync is not scheduled: %s", missing
            )
        return
    from allies.background.tasks import TaskRun, register
    from allies.bootstrap import sync_context

    def accounts(run: TaskRun) -> list[str]:
        return account_names(sync_context(run.settings, run.workspace))

    def sync(run: TaskRun) -> None:
        sync_account(sync_context(run.settings, run.workspace), run.key or "")

    register("sync", sync, every=SYNC_EVERY, keys=accounts)


def load() -> None:
    """Register every feature's periodic work (once per process)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    _register_reminders()
    _register_sync()
    for name in os.environ.get("ALLIES_BACKGROUND_MODULES", "").split(","):
        if name.strip():
            import_module(name.strip())
