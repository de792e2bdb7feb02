"""Whether the settings are fit for a team server, and if not, why."""

from __future__ import annotations

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.team.accounts import list_users

__all__ = ["LOOPBACK", "MIN_SECRET", "is_loopback", "team_problems"]

#: The shortest secret key accepted.
MIN_SECRET = 32
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` keeps the server on this machine."""
    return host in LOOPBACK or host.startswith("127.")


def settings_problems(settings: Settings) -> list[str]:
    """What in the settings keeps a team server from starting (no database access)."""
    problems = []
    if settings.is_sqlite:
        problems.append(
            "A team server needs PostgreSQL: set ALLIES_DATABASE_URL (or --db) to "
            "postgresql://user@host/dbname. SQLite is for one person on one machine."
        )
    if len(settings.secret_key or "") < MIN_SECRET:
        problems.append(
            f"Set ALLIES_SECRET_KEY to a random string of at least {MIN_SECRET} characters; "
            'it signs the session cookies. Make one with: python -c "import secrets; '
            'print(secrets.token_urlsafe(48))"'
        )
    if not settings.cookie_secure:
        problems.append(
            "ALLIES_COOKIE_SECURE is off: session cookies would travel in clear text. "
            "Leave it on and serve over HTTPS (--ssl-certfile/--ssl-keyfile, or behind a "
            "proxy that terminates TLS)."
        )
    return problems


def team_problems(settings: Settings) -> list[str]:
    """Everything that keeps these settings from running a team server; [] when ready."""
    problems = settings_problems(settings)
    if problems:
        return problems
    rows = list_users(unit_of_work_factory(settings))
    if not any(row.active and "(owner)" in row.workspaces for row in rows):
        problems.append(
            "There is no user who owns a workspace yet, so nobody could log in and do "
            "anything. Add one: allies user add NAME, then allies workspace add TEAM --owner NAME."
        )
    return problems
