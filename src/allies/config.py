"""Typed settings, read when asked for (never at import time).

Precedence, highest first: command-line flags (passed as ``overrides``), environment
variables ``ALLIES_*``, the config file (TOML, ``ALLIES_CONFIG`` or ``config.toml`` in the
user's config directory), then the defaults below.

=====================  ======================  =========================================
setting                environment variable    default
=====================  ======================  =========================================
database_url           ALLIES_DATABASE_URL     SQLite file ``allies.sqlite3`` in the user
                                               data directory (platformdirs)
workspace              ALLIES_WORKSPACE        ``default``
half_life_days         ALLIES_HALF_LIFE_DAYS   182 (how fast observations fade)
host                   ALLIES_HOST             127.0.0.1
port                   ALLIES_PORT             8000
team                   ALLIES_TEAM             false: a single-user app with no login;
                                               true: accounts, roles and sessions
secret_key             ALLIES_SECRET_KEY       none; signs session cookies in team mode
                                               (at least 32 characters)
cookie_secure          ALLIES_COOKIE_SECURE    true: cookies only travel over HTTPS
public_url             ALLIES_PUBLIC_URL       none: the address people reach the server
                                               at (``https://allies.example.org``); links
                                               in mails are built from it, never from the
                                               request's ``Host``
forwarded_allow_ips    ALLIES_FORWARDED_ALLOW  none: the addresses of the proxy that
                       _IPS                    terminates TLS in front of a team server
                                               (comma-separated, or ``*``); it may then
                                               listen on plain HTTP beyond this machine
background             ALLIES_BACKGROUND       true: a command that finds a slow answer
                                               missing has it worked out in a process of
                                               its own (the job queue on a team server)
                                               and shows what is kept meanwhile; false:
                                               every command works it out while you wait
=====================  ======================  =========================================
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from allies.errors import ConfigurationError
from allies.services.context import HALF_LIFE_DAYS, Lens

APP_NAME = "allies"


@dataclass(frozen=True)
class Settings:
    """Everything the composition root needs to wire the system."""

    database_url: str
    workspace: str = "default"
    half_life_days: float = HALF_LIFE_DAYS
    host: str = "127.0.0.1"
    port: int = 8000
    team: bool = False
    secret_key: str = field(default="", repr=False)
    cookie_secure: bool = True
    public_url: str = ""
    forwarded_allow_ips: str = ""
    background: bool = True

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is an embedded SQLite file."""
        return self.database_url.startswith("sqlite")

    @property
    def public_address(self) -> str:
        """Where people reach the server, ending in ``/``: ``public_url`` when set, else
        this machine's address (``http://127.0.0.1:8000/``). Never the request's ``Host``."""
        if self.public_url:
            return self.public_url.rstrip("/") + "/"
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        return f"http://{host}:{self.port}/"

    @property
    def lens(self) -> Lens:
        """The lens of the analyses under these settings: today, with their half-life."""
        return Lens(half_life_days=self.half_life_days)


def data_dir() -> Path:
    """The user's data directory for ``allies`` (created when needed)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """Where the config file is looked for."""
    explicit = os.environ.get("ALLIES_CONFIG")
    if explicit:
        return Path(explicit)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def sqlite_url(path: str | Path) -> str:
    """The SQLAlchemy URL of a SQLite file at ``path``."""
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def default_database_url() -> str:
    """The embedded default: a SQLite file in the user's data directory."""
    return sqlite_url(data_dir() / "allies.sqlite3")


_ENV = {
    "database_url": "ALLIES_DATABASE_URL",
    "workspace": "ALLIES_WORKSPACE",
    "half_life_days": "ALLIES_HALF_LIFE_DAYS",
    "host": "ALLIES_HOST",
    "port": "ALLIES_PORT",
    "team": "ALLIES_TEAM",
    "secret_key": "ALLIES_SECRET_KEY",
    "cookie_secure": "ALLIES_COOKIE_SECURE",
    "public_url": "ALLIES_PUBLIC_URL",
    "forwarded_allow_ips": "ALLIES_FORWARDED_ALLOW_IPS",
    "background": "ALLIES_BACKGROUND",
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _coerce(name: str, value: Any, source: str) -> Any:
    kinds = {f.name: f.type for f in fields(Settings)}
    kind = kinds[name]
    if kind in ("bool", bool):
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE | _FALSE:
            return text in _TRUE
        raise ConfigurationError(
            f"{source}: {name} must be true or false, not {value!r}.",
            hint="Fix or remove that setting.",
        )
    try:
        if kind in ("float", float):
            return float(value)
        if kind in ("int", int):
            return int(value)
    except (TypeError, ValueError):
        raise ConfigurationError(
            f"{source}: {name} must be a number, not {value!r}.",
            hint="Fix or remove that setting.",
        ) from None
    return str(value)


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings from defaults, the config file, the environment and ``overrides``.

    Parameters
    ----------
    overrides
        Values from command-line flags; ``None`` values are ignored.
    environ
        The environment to read (``os.environ`` when omitted).

    Returns
    -------
    Settings
        The settings in force.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = Path(env["ALLIES_CONFIG"]) if "ALLIES_CONFIG" in env else config_file()
    if path.is_file():
        try:
            loaded = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigurationError(
                f"{path}: cannot read the config file ({exc}).",
                hint="Fix the TOML or remove the file.",
            ) from None
        section = loaded.get("allies", loaded)
        for key, value in section.items():
            if key not in _ENV:
                raise ConfigurationError(
                    f"{path}: unknown setting {key!r}.",
                    hint="Known settings: " + ", ".join(_ENV) + ".",
                )
            values[key] = _coerce(key, value, str(path))
    for key, variable in _ENV.items():
        if env.get(variable):
            values[key] = _coerce(key, env[variable], variable)
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = _coerce(key, value, f"--{key.replace('_', '-')}")
    settings = Settings(database_url=values.pop("database_url", None) or default_database_url())
    settings = replace(settings, **values)
    _check_public_url(settings.public_url)
    return settings


def _check_public_url(url: str) -> None:
    """Refuse a public URL that is not an absolute ``http(s)://`` address."""
    if not url:
        return
    scheme, _, rest = url.partition("://")
    if scheme not in ("http", "https") or not rest.strip("/") or any(c.isspace() for c in url):
        raise ConfigurationError(
            f"public_url must be an address such as https://allies.example.org, not {url!r}.",
            hint="Set ALLIES_PUBLIC_URL (or public_url in the config file) to the address "
            "people open the server at.",
        )
