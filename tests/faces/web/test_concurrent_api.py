"""Two hundred writes at once through the REST API of a real server on SQLite: none is
answered 500, and 409 only where the request lost a real race (its ``If-Match`` named a
version someone else had changed meanwhile).

The server is ``allies serve`` in a process of its own on a free port; the writes come
from twenty threads: people added, edited blindly and with ``If-Match``, interactions
logged, and people removed.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.stores import copy_store

ALLIES = str(Path(sys.executable).with_name("allies"))
REQUESTS = 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def server(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """The base URL of ``allies serve`` on a fresh SQLite file."""
    db = tmp_path / "allies.sqlite3"
    copy_store(sqlite_template, db)
    port = _free_port()
    process = subprocess.Popen(
        [ALLIES, "serve", "--db", str(db), "--port", str(port), "--no-open"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"ALLIES_CONFIG": str(tmp_path / "none.toml"), "PATH": "/usr/bin:/bin"},
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/people", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server never answered"
            time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_two_hundred_concurrent_writes_get_no_500(server: str) -> None:
    with httpx.Client(base_url=server, timeout=60) as client:
        ids = [client.post("/people", json={"name": f"Seed {n}"}).json()["id"] for n in range(30)]
    kept, doomed = ids[:20], ids[20:]

    def one(n: int) -> tuple[str, int]:
        with httpx.Client(base_url=server, timeout=60) as client:
            choice = n % 5
            if choice == 0:
                return "add", client.post("/people", json={"name": f"New {n}"}).status_code
            if choice == 1:
                target = kept[n % len(kept)]
                answer = client.patch(f"/people/{target}", json={"title": f"Title {n}"})
                return "edit", answer.status_code
            if choice == 2:
                target = kept[(n // 5) % len(kept)]
                etag = client.get(f"/people/{target}").headers["ETag"]
                answer = client.patch(
                    f"/people/{target}", json={"title": f"Checked {n}"}, headers={"If-Match": etag}
                )
                return "edit-if-match", answer.status_code
            if choice == 3:
                pair = [kept[n % len(kept)], kept[(n + 1) % len(kept)]]
                body = {"participant_ids": pair, "summary": f"Meeting {n}"}
                return "log", client.post("/interactions", json=body).status_code
            target = doomed[(n // 5) % len(doomed)]
            answer = client.delete(f"/people/{target}", params={"delete_related": True})
            return "remove", answer.status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(one, range(REQUESTS)))
    assert [a for a in answers if a[1] >= 500] == []
    assert {kind for kind, code in answers if code == 409} <= {"edit-if-match"}
    for kind, code in answers:
        if kind == "remove":
            assert code in (204, 404)  # each of the ten is removed once; later tries: gone
        elif kind != "edit-if-match":
            assert code in (200, 201), (kind, code)
    removed = [code for kind, code in answers if kind == "remove"]
    assert removed.count(204) == len(doomed)
