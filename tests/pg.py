"""A PostgreSQL server for the tests, found or started, and throwaway databases on it.

Where the server comes from, in order:

1. the URL in ``ALLIES_TEST_POSTGRES_URL`` (any database on the server; it must answer);
2. the server at ``127.0.0.1:5432`` (user ``postgres``, trust authentication, database
   ``test``), if it answers;
3. a throwaway server started here with ``initdb`` and ``pg_ctl`` from
   ``/usr/lib/postgresql/*/bin`` (or ``$PATH``) in a temporary folder on a free port, run
   as the ``postgres`` user when we are root; it is stopped when the process exits.

If none of these works, :func:`postgres_url` raises :class:`PostgresUnavailable` and the
fixtures *fail* the tests with the reason: PostgreSQL tests never skip.

A migrated database is a copy of one template database, migrated once per process
(``CREATE DATABASE ... TEMPLATE``: a third of the time of running the migrations, and
the same schema every time); the template is dropped when the process exits. Names carry
the pytest-xdist worker (``gw0``, ``gw1``...) and a random part, so parallel workers and
parallel runs never share a database.

The fixtures built on this live in the tiers' ``conftest.py`` (``postgres_database_url``);
for one fresh database in your own fixture::

    with fresh_database() as url:          # migrated, empty
        ...
    with fresh_database(migrated=False) as url:   # no tables at all
        ...
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg import sql

__all__ = [
    "PostgresUnavailable",
    "fresh_database",
    "migrated_template",
    "postgres_server_url",
    "postgres_url",
    "worker",
]

ENV_VAR = "ALLIES_TEST_POSTGRES_URL"
LOCAL_URL = "postgresql://postgres@127.0.0.1:5432/test"
CONNECT_TIMEOUT = 3


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be found or started; the message says why."""


_server_url: str | None = None
_own_server: _ThrowawayServer | None = None


def postgres_url() -> str:
    """The URL of a PostgreSQL database that answers (the server's own, not a fresh one).

    Found once per process: from ``ALLIES_TEST_POSTGRES_URL``, else the local server at
    127.0.0.1:5432, else a throwaway server started for this process.

    Raises
    ------
    PostgresUnavailable
        With every reason, when no server can be reached or started.
    """
    global _server_url, _own_server
    if _server_url is not None:
        return _server_url
    configured = os.environ.get(ENV_VAR)
    if configured:
        problem = _probe(configured)
        if problem:
            raise PostgresUnavailable(
                f"{ENV_VAR}={_redact(configured)} does not answer: {problem}. "
                f"Fix the URL or unset {ENV_VAR} to use a local or throwaway server."
            )
        _server_url = configured
        return configured
    local_problem = _probe(LOCAL_URL)
    if local_problem is None:
        _server_url = LOCAL_URL
        return LOCAL_URL
    try:
        _own_server = _ThrowawayServer.start()
    except PostgresUnavailable as error:
        raise PostgresUnavailable(
            f"No PostgreSQL for the tests. {ENV_VAR} is not set; {LOCAL_URL} does not "
            f"answer ({local_problem}); and a throwaway server could not start: {error}"
        ) from None
    atexit.register(_own_server.stop)
    _server_url = _own_server.url
    return _server_url


#: Another name for :func:`postgres_url`, for readers who look for "server".
postgres_server_url = postgres_url


def worker() -> str:
    """The pytest-xdist worker this process is (``gw0``...), or ``main`` without xdist."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _new_name(prefix: str) -> str:
    return f"{prefix}_{worker()}_{uuid.uuid4().hex[:10]}"


_template: str | None = None


def migrated_template() -> str:
    """The name of this process's template database: migrated to the newest revision,
    made on first use and dropped when the process exits."""
    global _template
    if _template is not None:
        return _template
    from allies.store import make_engine, upgrade

    server = postgres_url()
    name = _new_name("allies_template")
    with psycopg.connect(server, autocommit=True, connect_timeout=CONNECT_TIMEOUT) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        engine = make_engine(_with_database(server, name))
        try:
            upgrade(engine)
        finally:
            engine.dispose()
    except BaseException:
        _drop_database(server, name)
        raise
    atexit.register(_drop_database, server, name)
    _template = name
    return name


@contextlib.contextmanager
def fresh_database(
    prefix: str = "allies_test", *, migrated: bool = True, copy_of: str | None = None
) -> Iterator[str]:
    """Create a database on the test server; yield its URL; drop it afterwards.

    Parameters
    ----------
    prefix
        The start of the database's name (the worker and a random part follow).
    migrated
        A copy of :func:`migrated_template` (the schema at the newest revision, no
        records); without it, an empty database with no tables.
    copy_of
        The name of a database of the server to copy instead (schema and records); no
        one may be connected to it meanwhile.
    """
    server = postgres_url()
    template = copy_of or (migrated_template() if migrated else None)
    name = _new_name(prefix)
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        create = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    with psycopg.connect(server, autocommit=True, connect_timeout=CONNECT_TIMEOUT) as admin:
        admin.execute(create)
    try:
        yield _with_database(server, name)
    finally:
        _drop_database(server, name)


# -- helpers --------------------------------------------------------------------------------


def _drop_database(server: str, name: str) -> None:
    """Drop a test database, closing its connections first (WITH FORCE needs PostgreSQL 13)."""
    with psycopg.connect(server, autocommit=True, connect_timeout=CONNECT_TIMEOUT) as admin:
        try:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        except psycopg.errors.SyntaxError:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def _probe(url: str) -> str | None:
    """``None`` when ``url`` answers a query, else the reason it does not."""
    try:
        with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT) as connection:
            connection.execute("SELECT 1")
    except Exception as error:  # any failure means "not usable"
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return None


def _with_database(url: str, database: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = database
    user = info.get("user", "")
    password = f":{info['password']}" if info.get("password") else ""
    auth = f"{user}{password}@" if user else ""
    host = info.get("host", "127.0.0.1")
    port = f":{info['port']}" if info.get("port") else ""
    return f"postgresql://{auth}{host}{port}/{database}"


def _redact(url: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(url)
    if info.get("password"):
        return url.replace(str(info["password"]), "***")
    return url


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _find_binaries() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    raise PostgresUnavailable(
        "initdb and pg_ctl are not installed (looked in /usr/lib/postgresql)."
    )


class _ThrowawayServer:
    """A PostgreSQL server in a temporary folder, owned by this process."""

    def __init__(self, binaries: Path, folder: Path, port: int, as_postgres: bool) -> None:
        self.binaries = binaries
        self.folder = folder
        self.port = port
        self.as_postgres = as_postgres
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        self._stopped = False

    @classmethod
    def start(cls) -> _ThrowawayServer:
        binaries = _find_binaries()
        as_postgres = hasattr(os, "geteuid") and os.geteuid() == 0
        if as_postgres and not shutil.which("runuser"):
            raise PostgresUnavailable("we run as root, and runuser is missing to drop to postgres.")
        folder = Path(tempfile.mkdtemp(prefix="allies-pg-"))
        if as_postgres:
            try:
                shutil.chown(folder, user="postgres", group=None)
            except (LookupError, PermissionError) as error:
                shutil.rmtree(folder, ignore_errors=True)
                raise PostgresUnavailable(
                    f"cannot hand {folder} to the postgres user: {error}"
                ) from None
        server = cls(binaries, folder, _free_port(), as_postgres)
        try:
            server._run(
                "initdb",
                "-D",
                str(folder / "data"),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            )
            options = (
                f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            server._run(
                "pg_ctl",
                "-D",
                str(folder / "data"),
                "-l",
                str(folder / "log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            )
        except PostgresUnavailable:
            server._cleanup()
            raise
        problem = _probe(server.url)
        if problem:
            server.stop()
            raise PostgresUnavailable(
                f"the throwaway server started but does not answer: {problem}"
            )
        return server

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.binaries / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        try:
            subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as error:
            output = getattr(error, "stderr", "") or ""
            log = self.folder / "log"
            if log.exists():
                output += log.read_text(errors="replace")[-2000:]
            raise PostgresUnavailable(f"{program} failed: {error}. {output.strip()}") from None

    def stop(self) -> None:
        """Stop the server and delete its folder (safe to call twice)."""
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(PostgresUnavailable):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        self._cleanup()

    def _cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
