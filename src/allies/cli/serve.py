"""``allies serve``: the web pages and the REST API on this machine."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path
from typing import Annotated, Any

import typer

from allies.cli.context import state
from allies.config import load_settings, sqlite_url


def _database_url(db: str | None) -> str | None:
    """``--db`` as a URL: a SQLAlchemy URL as it is, anything else as a SQLite file path."""
    if not db:
        return None
    return db if "://" in db else sqlite_url(Path(db))


def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. The default keeps it on this machine; "
            "use 0.0.0.0 only on a network you trust."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workspace: Annotated[
        str | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Which network to show (default: the global -w, or 'default').",
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(help="A SQLite file, or a database URL such as postgresql://host/db."),
    ] = None,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the pages in your web browser.")
    ] = False,
) -> None:
    """Serve the web pages and the REST API (/api/v1) until Ctrl+C.

    Example: allies serve -w demo   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from allies.web import create_app

    overrides: dict[str, Any] = dict(state(ctx).overrides)
    if workspace:
        overrides["workspace"] = workspace
    if url := _database_url(db):
        overrides["database_url"] = url
    settings = load_settings(overrides)
    app = create_app(settings)
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    address = f"http://{shown_host}:{port}/"
    typer.echo(f"allies is serving the workspace {settings.workspace!r} at {address}")
    typer.echo(f"The REST API is under {address}api/v1 (OpenAPI: {address}api/v1/openapi.json).")
    typer.echo("Press Ctrl+C to stop.")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(address,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
