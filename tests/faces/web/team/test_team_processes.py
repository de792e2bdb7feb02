"""Two app processes on one PostgreSQL database serve one team: whatever one process
writes, logs in, locks out or previews for import, the other sees; and twenty writers at
once lose no update. Each process has a temporary folder of its own, as on two machines."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher

from allies.bootstrap import unit_of_work_factory
from allies.services.network.people import add_person
from allies.services.team import accounts, passwords
from tests.faces.web.team_setup import CSRF, PASSWORD, SECRET, SESSION, team_settings
from tests.pg import PostgresUnavailable, fresh_database

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

WRITERS = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    temporary = log.parent / f"tmp-{port}"
    temporary.mkdir()
    environment = {
        "TMPDIR": str(temporary),
        **os.environ,
        "ALLIES_DATABASE_URL": url,
        "ALLIES_TEAM": "true",
        "ALLIES_SECRET_KEY": SECRET,
        "ALLIES_COOKIE_SECURE": "true",
        "ALLIES_CONFIG": str(log.parent / "no-config.toml"),
    }
    command = [
        sys.executable, "-m", "uvicorn", "allies.web.team.entry:app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    with log.open("wb") as out:
        return subprocess.Popen(command, env=environment, stdout=out, stderr=subprocess.STDOUT)


def _wait(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    pytest.fail(f"the server at {base} did not answer: {log.read_text(errors='replace')[-2000:]}")


@dataclass
class Servers:
    """Two app processes over one database, and what the database holds."""

    first: str
    second: str
    person: int
    token: str


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Two uvicorn processes on loopback, same PostgreSQL database, team mode. They
    start on the migrated database and the team is added while they start up."""
    folder = tmp_path_factory.mktemp("processes")
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    try:
        with fresh_database() as url:
            ports = [_free_port(), _free_port()]
            logs = [folder / f"server-{port}.log" for port in ports]
            processes = [_start(url, port, log) for port, log in zip(ports, logs, strict=True)]
            try:
                with pytest.MonkeyPatch.context() as patch:
                    patch.setattr(passwords, "hasher", lambda: cheap)  # as in every test
                    factory = unit_of_work_factory(team_settings(url))
                    for name in ("ann", "bo", "lockme"):
                        accounts.add_user(factory, name, PASSWORD)
                    accounts.add_workspace(factory, "team", owner="ann")
                    accounts.grant(factory, "team", "bo", "editor")
                    accounts.grant(factory, "team", "lockme", "editor")
                    person = add_person(factory("team"), "Shared Person").id or 0
                    token, _ = accounts.create_token(factory, "bo", "team", "writers")
                    factory.engine.dispose()  # type: ignore[attr-defined]
                bases = [f"http://127.0.0.1:{port}" for port in ports]
                for base, process, log in zip(bases, processes, logs, strict=True):
                    _wait(base, process, log)
                yield Servers(bases[0], bases[1], person, token)
            finally:
                for process in processes:
                    process.terminate()
                for process in processes:
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        process.kill()
    except PostgresUnavailable as error:
        pytest.fail(str(error), pytrace=False)


def _cookie(response: httpx.Response, name: str) -> str:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{name}="):
            return header.split(";", 1)[0].split("=", 1)[1]
    raise AssertionError(f"no {name} cookie in {response.headers.get_list('set-cookie')}")


def _login(base: str, username: str, password: str = PASSWORD) -> httpx.Response:
    """Log in through the form. The cookies are Secure, so they are carried by hand over
    plain HTTP on loopback (a browser would only send them over HTTPS)."""
    form = httpx.get(f"{base}/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token
    nonce = _cookie(form, "__Host-allies_login")
    return httpx.post(
        f"{base}/login",
        data={"username": username, "password": password, "csrf_token": token.group(1)},
        headers={"Cookie": f"__Host-allies_login={nonce}"},
    )


def test_two_processes_serve_one_team(servers: Servers) -> None:
    done = _login(servers.first, "ann")
    assert done.status_code == 303
    session, csrf = _cookie(done, SESSION), _cookie(done, CSRF)
    cookie = {"Cookie": f"{SESSION}={session}"}
    me = httpx.get(f"{servers.second}/api/v1/me", headers=cookie).json()
    assert me["username"] == "ann" and me["workspace"] == "team"
    write = {**cookie, "X-CSRF-Token": csrf}
    made = httpx.post(f"{servers.first}/api/v1/people", json={"name": "Written On One"},
                      headers=write)  # fmt: skip
    assert made.status_code == 201
    seen = httpx.get(f"{servers.second}/api/v1/people", params={"q": "Written"}, headers=cookie)
    assert [p["name"] for p in seen.json()["items"]] == ["Written On One"]
    other = httpx.post(f"{servers.second}/api/v1/people", json={"name": "Written On Two"},
                       headers=write)  # fmt: skip
    assert other.status_code == 201
    page = httpx.get(f"{servers.first}/people/{other.json()['id']}", headers=cookie)
    assert page.status_code == 200 and "Written On Two" in page.text
    out = httpx.post(f"{servers.second}/logout", data={"csrf_token": csrf}, headers=cookie)
    assert out.status_code == 303
    assert httpx.get(f"{servers.first}/api/v1/me", headers=cookie).status_code == 401


def test_a_lock_out_counts_failures_on_both_processes(servers: Servers) -> None:
    for attempt in range(accounts.LOCK_AFTER):
        base = servers.first if attempt % 2 else servers.second
        assert _login(base, "lockme", "wrong password").status_code == 401
    locked = _login(servers.first, "lockme")
    assert locked.status_code == 429 and SESSION not in locked.headers.get("set-cookie", "")


def test_twenty_concurrent_writers_lose_no_update(servers: Servers) -> None:
    auth = {"Authorization": f"Bearer {servers.token}"}
    url = f"/api/v1/people/{servers.person}"

    def writer(number: int) -> int:
        base = servers.first if number % 2 else servers.second
        conflicts = 0
        with httpx.Client(base_url=base, headers=auth, timeout=30) as client:
            for _ in range(200):
                current = client.get(url)
                assert current.status_code == 200, current.text
                tags = current.json()["tags"]
                changed = client.patch(
                    url,
                    json={"tags": [*tags, f"writer-{number}"]},
                    headers={"If-Match": current.headers["etag"]},
                )
                if changed.status_code == 200:
                    return conflicts
                assert changed.status_code == 412, changed.text  # a stale If-Match: retry
                conflicts += 1
        raise AssertionError(f"writer {number} never got its change in")

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        conflicts = list(pool.map(writer, range(WRITERS)))
    final = httpx.get(f"{servers.first}{url}", headers=auth).json()
    assert sorted(final["tags"]) == sorted(f"writer-{n}" for n in range(WRITERS))
    assert sum(conflicts) > 0  # they did collide, and the stale edits were refused
    history = httpx.get(f"{servers.second}{url}/history", headers=auth).json()
    assert sum(1 for h in history if h["action"] == "update" and h["actor"] == "bo") == WRITERS


def test_an_upload_previewed_on_one_process_is_imported_on_the_other(servers: Servers) -> None:
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Uploaded Across\r\n"
        b"EMAIL:across@example.org\r\nEND:VCARD\r\n"
    )
    done = _login(servers.first, "ann")
    session, csrf = _cookie(done, SESSION), _cookie(done, CSRF)
    headers = {"Cookie": f"{SESSION}={session}", "X-CSRF-Token": csrf}
    preview = httpx.post(
        f"{servers.first}/transfer/import",
        data={"format": "vcard", "dry_run": "on"},
        files={"file": ("across.vcf", card, "text/vcard")},
        headers=headers,
    )
    assert preview.status_code == 200, preview.text
    token = re.search(r'action="/transfer/import/([\w-]+)"', preview.text)
    assert token is not None and "Nothing was saved yet" in preview.text
    confirmed = httpx.post(
        f"{servers.second}/transfer/import/{token.group(1)}",
        data={"format": "vcard"},
        headers=headers,
    )
    assert confirmed.status_code == 200, confirmed.text
    found = httpx.get(
        f"{servers.first}/api/v1/people", params={"q": "Uploaded Across"}, headers=headers
    )
    assert [p["name"] for p in found.json()["items"]] == ["Uploaded Across"]
    again = httpx.post(
        f"{servers.first}/transfer/import/{token.group(1)}",
        data={"format": "vcard"},
        headers=headers,
    )
    assert again.status_code == 404
