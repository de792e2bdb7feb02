"""The job queue of a team server: procrastinate on the team's PostgreSQL.

Each registered task (:mod:`allies.background.tasks`) becomes a procrastinate *periodic*
task, ``allies.tick.<name>``: at each tick one worker (procrastinate deduplicates periodic
deferrals across workers) defers one job of ``allies.run`` per workspace and key. That job
carries a ``lock`` and a ``queueing_lock`` named by :func:`~allies.background.tasks.lock_key`,
so no two jobs for one workspace and key ever run at the same time, on any number of
workers, and at most one waits in the queue.

A failed job is retried (procrastinate's ``RetryStrategy``, exponential wait). A job whose
worker died (``kill -9``, a lost machine) stays *doing* with a worker whose heartbeat has
stopped; the periodic task ``allies.recover`` puts such stalled jobs back in the queue
(procrastinate's ``get_stalled_jobs`` and ``retry_job``, as its documentation advises), and
another worker takes them.

References: procrastinate documentation, "Define a retry strategy", "Ensure jobs run
sequentially and in order" (locks), "Retry stalled jobs", "Launch a task periodically".
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import procrastinate
from procrastinate import exceptions as pexc

from allies.background.tasks import Periodic, TaskRun, get, lock_key, registered
from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.errors import ConfigurationError

__all__ = [
    "RUN_TASK",
    "conninfo",
    "cron_for",
    "defer_run",
    "make_app",
    "schema_applied",
]

log = logging.getLogger("allies.background")

#: The one task every job of the queue runs: a registered task for a workspace and key.
RUN_TASK = "allies.run"
#: Retries of a failed run: 5 attempts, waiting 10 s, 20 s, 40 s, 80 s between them.
RETRY = procrastinate.RetryStrategy(max_attempts=5, exponential_wait=10)


def conninfo(database_url: str) -> str:
    """A libpq connection string for a SQLAlchemy PostgreSQL URL (the driver part dropped).

    Raises
    ------
    allies.errors.ConfigurationError
        When the database is not PostgreSQL.
    """
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise ConfigurationError(
            f"The job queue needs the team's PostgreSQL database, not {url.get_backend_name()}.",
            hint="Point the database setting at postgresql://host/db; on a laptop the "
            "web server runs the background work itself.",
        )
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def cron_for(every: timedelta) -> str:
    """A cron line (with procrastinate's sixth column, seconds, when needed) for a period.

    >>> cron_for(timedelta(minutes=15))
    '*/15 * * * *'
    >>> cron_for(timedelta(seconds=2))
    '* * * * * */2'
    """
    seconds = max(1, int(every.total_seconds()))
    if seconds < 60:
        return f"* * * * * */{seconds}"
    if seconds % 86400 == 0:
        return f"0 0 */{seconds // 86400} * *"
    if seconds % 3600 == 0:
        return f"0 */{seconds // 3600} * * *"
    return f"*/{max(1, seconds // 60)} * * * *"


def make_app(settings: Settings, *, stalled_after: float = 30.0) -> procrastinate.App:
    """The procrastinate app of the configured database, with every registered task.

    Parameters
    ----------
    settings
        Their ``database_url`` must be PostgreSQL.
    stalled_after
        Seconds without a worker heartbeat after which its running jobs are stalled and
        put back in the queue.
    """
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=conninfo(settings.database_url))
    )

    @app.task(name=RUN_TASK, retry=RETRY, pass_context=False)
    def run(name: str, workspace: str, key: str | None = None) -> None:
        """Run one registered task for one workspace (and key)."""
        get(name).run(TaskRun(settings, workspace, key))

    for task in registered():
        _add_tick(app, settings, task)

    recover_every = max(1, min(10, int(stalled_after // 3) or 1))

    @app.periodic(cron=cron_for(timedelta(seconds=recover_every)), periodic_id="recover")
    @app.task(name="allies.recover", pass_context=False, queueing_lock="allies:recover")
    async def recover(timestamp: int) -> None:
        """Put the jobs of workers whose heartbeat stopped back in the queue."""
        manager = app.job_manager
        for job in await manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after):
            log.warning("job %s (%s) was stalled; retrying it", job.id, job.task_name)
            await manager.retry_job(job)
        await manager.prune_stalled_workers(seconds_since_heartbeat=stalled_after)

    return app


def _add_tick(app: procrastinate.App, settings: Settings, task: Periodic) -> None:
    """The periodic task that defers one job per workspace and key of ``task``."""

    async def tick(timestamp: int) -> None:
        factory = unit_of_work_factory(settings)
        for workspace in factory.workspaces():
            for one in task.runs(settings, workspace):
                await _defer(app, task.name, workspace, one.key, queueing=True)

    tick.__name__ = f"tick_{task.name}"
    registered_tick = app.task(
        name=f"allies.tick.{task.name}",
        pass_context=False,
        queueing_lock=f"allies:tick:{task.name}",
    )(tick)
    app.periodic(cron=cron_for(task.every), periodic_id=task.name)(registered_tick)


async def _defer(
    app: procrastinate.App, name: str, workspace: str, key: str | None, *, queueing: bool
) -> int | None:
    lock = lock_key(name, workspace, key)
    options: dict[str, Any] = {"lock": lock}
    if queueing:
        options["queueing_lock"] = lock
    try:
        return (
            await app.tasks[RUN_TASK]
            .configure(**options)
            .defer_async(name=name, workspace=workspace, key=key)
        )
    except pexc.AlreadyEnqueued:
        return None  # one is waiting already: it will do


def defer_run(
    app: procrastinate.App,
    name: str,
    workspace: str,
    key: str | None = None,
    *,
    queueing: bool = True,
) -> int | None:
    """Queue one run of a registered task now (the app must be open); the job's id, or
    None when one for the same workspace and key is already waiting.

    With ``queueing=False`` any number may wait; they still run one at a time.
    """
    get(name)  # a clear error for an unknown name
    lock = lock_key(name, workspace, key)
    options: dict[str, Any] = {"lock": lock}
    if queueing:
        options["queueing_lock"] = lock
    try:
        job_id: int = (
            app.tasks[RUN_TASK].configure(**options).defer(name=name, workspace=workspace, key=key)
        )
    except pexc.AlreadyEnqueued:
        return None
    return job_id


def schema_applied(database_url: str) -> bool:
    """Whether procrastinate's tables are in the database."""
    import psycopg

    with psycopg.connect(conninfo(database_url)) as connection:
        row = connection.execute("select to_regclass('procrastinate_jobs')").fetchone()
    return row is not None and row[0] is not None


def apply_schema(settings: Settings) -> bool:
    """Create procrastinate's tables (its own ``schema_manager.apply_schema``) unless they
    are there; True when they were created now."""
    if schema_applied(settings.database_url):
        return False
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=conninfo(settings.database_url))
    )
    with app.open():
        app.schema_manager.apply_schema()
    return True
