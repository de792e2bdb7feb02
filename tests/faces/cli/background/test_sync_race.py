"""Two ``allies worker`` processes racing for one mail account on a real PostgreSQL and a
real Dovecot: every sync job of the account succeeds (they hold one lock, so they run one
at a time: ``test_worker`` shows the lock's order) and the workspace ends as one sync
leaves it, with nothing twice."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from allies.background import queue
from allies.cli.app import app
from allies.config import load_settings
from allies.store import open_store
from tests.faces.cli.background.test_worker import ROOT, _stop, _wait_for
from tests.servers.dovecot import PASSWORD, Dovecot, DovecotUnavailable, running_dovecot
from tests.servers.mailgen import ME, mailbox

SECRET_KEY = "a-secret-key-of-the-team-server-0123456789"
JOBS = 4


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot of this module's own."""
    try:
        with running_dovecot() as server:
            yield server
    except DovecotUnavailable as error:
        pytest.fail(str(error), pytrace=False)


def _allies(url: str, *args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(
        app, ["--database-url", url, *args], input=stdin, env={"ALLIES_SECRET_KEY": SECRET_KEY}
    )
    assert result.exit_code == 0, result.output
    return result.output


def _worker(url: str, log: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, ALLIES_SECRET_KEY=SECRET_KEY, PYTHONPATH=str(ROOT))
    env.pop("ALLIES_DATABASE_URL", None)
    env.pop("ALLIES_BACKGROUND_MODULES", None)
    env["ALLIES_CONFIG"] = str(log.parent / "no-config.toml")
    command = [sys.executable, "-m", "allies", "--database-url", url, "worker"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


def _left(url: str, ids: list[int]) -> list[str]:
    """The status of each of the test's sync jobs still in the queue (a worker deletes
    those that succeeded; one that failed stays, ``failed``). Only the test's own jobs
    count: a worker's periodic sync tick may queue one more when the run crosses a
    quarter hour."""
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT status FROM procrastinate_jobs WHERE id = ANY(%s)", (ids,)
        ).fetchall()
    return [str(status) for (status,) in rows]


def _workspace(url: str) -> tuple[int, int, list[str]]:
    store = open_store(url)
    try:
        with store() as uow:
            people = uow.people.list()
            interactions = uow.interactions.list()
            return len(people), len(interactions), sorted(p.name for p in people)
    finally:
        store.dispose()


def test_two_workers_never_sync_one_account_at_once(
    postgres_database_url: str, dovecot: Dovecot, tmp_path: Path
) -> None:
    url = postgres_database_url
    settings = load_settings({"database_url": url})
    queue.apply_schema(settings)
    user = dovecot.new_user()
    dovecot.deliver(user, mailbox(300))
    _allies(url, "person", "add", "Ana Ruiz", "--me", "--email", ME)
    _allies(url, "account", "add", "work", "--kind", "imap", "--url", dovecot.url, "--user", user,
            "--password-stdin", "--me", ME, stdin=PASSWORD + "\n")  # fmt: skip
    jobs = queue.make_app(settings)
    with jobs.open():
        ids = [
            queue.defer_run(jobs, "sync", "default", "work", queueing=False) for _ in range(JOBS)
        ]
    assert all(ids)
    mine = [job for job in ids if job is not None]
    log = tmp_path / "workers.log"
    workers = [_worker(url, log) for _ in range(2)]
    try:
        _wait_for(
            lambda: not {"todo", "doing"} & set(_left(url, mine)), "every sync done", log, workers
        )
    finally:
        _stop(*workers)
    assert _left(url, mine) == [], log.read_text()  # every run succeeded
    after_race = _workspace(url)
    assert after_race[1] > 0 and len(set(after_race[2])) == after_race[0]  # no one twice
    listed = _allies(url, "account", "list")
    assert "work" in listed and "error" not in listed.lower()
    # one more sync finds nothing new: the racing runs left the workspace as one run would
    again = _allies(url, "sync", "work")
    assert _workspace(url) == after_race, again
