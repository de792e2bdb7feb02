"""``allies worker``: work the team server's job queue (background work on PostgreSQL)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from allies.cli import start
from allies.cli.context import state
from allies.errors import ConfigurationError


def worker(
    ctx: typer.Context,
    apply_schema: Annotated[
        bool,
        typer.Option(
            "--apply-schema",
            help="Create the job queue's tables in the database first, if they are missing.",
        ),
    ] = False,
    concurrency: Annotated[
        int, typer.Option(min=1, max=32, help="Jobs this worker runs at the same time.")
    ] = 1,
    stalled_after: Annotated[
        float,
        typer.Option(
            min=1.0,
            help="Seconds without a heartbeat after which a worker is taken for dead and "
            "its running jobs are queued again.",
        ),
    ] = 30.0,
    heartbeat: Annotated[
        float, typer.Option(min=0.2, help="Seconds between this worker's heartbeats.")
    ] = 10.0,
) -> None:
    """Work the background jobs of a team server (PostgreSQL) until Ctrl+C.

    Runs the periodic work the features register (reminders, account sync) as jobs of
    the job queue in the team's database; run one or more workers, on any machine that
    reaches the database. A job whose worker dies is queued again; two jobs for one
    workspace and account never run at the same time.

    Example: allies --db postgresql://db.example.org/allies worker --apply-schema
    """
    start.long_running()  # works until stopped: collect garbage as usual
    from allies.background import queue
    from allies.background.tasks import registered

    settings = state(ctx).settings
    if apply_schema:
        if queue.apply_schema(settings):
            typer.echo("Created the job queue's tables.")
    elif not queue.schema_applied(settings.database_url):
        raise ConfigurationError(
            "The database has no job queue yet.",
            hint="Start one worker with --apply-schema once to create it.",
        )
    heartbeat = min(heartbeat, stalled_after / 3)
    app = queue.make_app(settings, stalled_after=stalled_after)
    names = ", ".join(f"{t.name} (every {t.every})" for t in registered()) or "none"
    typer.echo(f"allies worker: tasks {names}. Press Ctrl+C to stop.")
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    app.run_worker(
        concurrency=concurrency,
        update_heartbeat_interval=heartbeat,
        stalled_worker_timeout=stalled_after,
        delete_jobs="successful",
        install_signal_handlers=True,
    )
