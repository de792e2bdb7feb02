"""``allies serve``: the web pages and the REST API on this machine."""

from __future__ import annotations

import os
import threading
import webbrowser
from pathlib import Path
from typing import Annotated, Any

import typer

from allies.cli import start
from allies.cli.context import state
from allies.config import Settings, load_settings, sqlite_url


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
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="Port to listen on (1 to 65535).")
    ] = 8000,
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
    team: Annotated[
        bool,
        typer.Option(
            "--team",
            help="A team server: PostgreSQL, accounts and logins, roles per workspace. "
            "Needed to listen beyond this machine.",
        ),
    ] = False,
    ssl_certfile: Annotated[
        Path | None, typer.Option(help="Serve HTTPS with this certificate (PEM).")
    ] = None,
    ssl_keyfile: Annotated[Path | None, typer.Option(help="The certificate's key (PEM).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Processes to serve with (team mode).")
    ] = 1,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            help="Behind a proxy that terminates TLS: its addresses (comma-separated), whose "
            "X-Forwarded-Proto is believed. Lets a team server listen on plain HTTP beyond "
            "this machine."
        ),
    ] = None,
    public_url: Annotated[
        str | None,
        typer.Option(
            help="The address people open the server at (https://allies.example.org); "
            "links in mails are built from it."
        ),
    ] = None,
) -> None:
    """Serve the web pages and the REST API (/api/v1) until Ctrl+C.

    Without --team it is a single-user app with no login, on this machine only. With
    --team it needs PostgreSQL, ALLIES_SECRET_KEY, secure cookies (HTTPS) and a user who
    owns a workspace (allies user add, allies workspace add --owner).

    Example: allies serve -w demo   (then open http://127.0.0.1:8000/)
    """
    start.long_running()  # serves until stopped: collect garbage as usual
    import uvicorn

    from allies.web import create_app
    from allies.web.serving import NoDelayProtocol, event_loop, plain_http_problem
    from allies.web.team.readiness import is_loopback, team_problems

    overrides: dict[str, Any] = dict(state(ctx).overrides)
    if workspace:
        overrides["workspace"] = workspace
    if url := _database_url(db):
        overrides["database_url"] = url
    if team:
        overrides["team"] = True
    overrides.update(
        host=host, port=port, forwarded_allow_ips=forwarded_allow_ips, public_url=public_url
    )
    settings = load_settings(overrides)
    if not settings.team and not is_loopback(host):
        _refuse(
            [
                f"Listening on {host} would open a single-user app, with no login, to the "
                "network. Serve it as a team server with --team, or keep it on this "
                "machine (--host 127.0.0.1)."
            ]
        )
    if settings.team:
        plain = plain_http_problem(
            host,
            team=True,
            tls=ssl_certfile is not None,
            forwarded_allow_ips=settings.forwarded_allow_ips,
            loopback=is_loopback(host),
        )
        _refuse(([plain] if plain else []) + team_problems(settings))  # every problem at once
    if workers > 1 and not settings.team:
        _refuse(["Several worker processes need --team (PostgreSQL)."])
    scheme = "https" if ssl_certfile else "http"
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    address = settings.public_url.rstrip("/") + "/" if settings.public_url else ""
    address = address or f"{scheme}://{shown_host}:{port}/"
    mode = "a team server for" if settings.team else "the workspace"
    shown = "the users' workspaces" if settings.team else repr(settings.workspace)
    typer.echo(f"allies is serving {mode} {shown} at {address}")
    typer.echo(f"The REST API is under {address}api/v1 (OpenAPI: {address}api/v1/openapi.json).")
    typer.echo("Press Ctrl+C to stop.")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(address,)).start()
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "http": NoDelayProtocol,
        "loop": event_loop(),
    }
    if ssl_certfile:
        options.update(ssl_certfile=str(ssl_certfile), ssl_keyfile=str(ssl_keyfile or ""))
    # Only the named proxy's X-Forwarded-* are believed (uvicorn believes 127.0.0.1's
    # by default).
    options.update(
        proxy_headers=bool(settings.forwarded_allow_ips),
        forwarded_allow_ips=settings.forwarded_allow_ips or None,
    )
    if workers > 1:
        os.environ.update(_environment(settings))
        uvicorn.run("allies.web.team.entry:app", factory=True, workers=workers, **options)
        return
    scheduler = _start_background(settings)
    try:
        uvicorn.run(create_app(settings), **options)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)


def _start_background(settings: Settings) -> Any:
    """On a laptop, the embedded scheduler of the background work (reminders, sync); a
    team server leaves it to ``allies worker`` processes (docs/background.md)."""
    if settings.team:
        return None
    from allies.background.scheduler import start_embedded

    return start_embedded(settings)


def _refuse(problems: list[str]) -> None:
    """Stop with the reasons, when there are any."""
    if not problems:
        return
    typer.echo("allies serve cannot start:", err=True)
    for problem in problems:
        typer.echo(f"  - {problem}", err=True)
    raise typer.Exit(code=2)


def _environment(settings: Settings) -> dict[str, str]:
    """The settings as ALLIES_* variables, for worker processes that build their own app."""
    return {
        "ALLIES_DATABASE_URL": settings.database_url,
        "ALLIES_WORKSPACE": settings.workspace,
        "ALLIES_HALF_LIFE_DAYS": str(settings.half_life_days),
        "ALLIES_TEAM": "true" if settings.team else "false",
        "ALLIES_SECRET_KEY": settings.secret_key,
        "ALLIES_COOKIE_SECURE": "true" if settings.cookie_secure else "false",
        "ALLIES_HOST": settings.host,
        "ALLIES_PORT": str(settings.port),
        "ALLIES_PUBLIC_URL": settings.public_url,
        "ALLIES_FORWARDED_ALLOW_IPS": settings.forwarded_allow_ips,
    }
