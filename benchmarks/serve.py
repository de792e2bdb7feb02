"""Load on the team server: a realistic mix of pages at 50 concurrent users.

Run from the project root::

    python benchmarks/serve.py [--users 50] [--think 1.0] [--requests 3000] [--seconds 90]

It creates a throwaway PostgreSQL database (on ``ALLIES_BENCH_POSTGRES_URL``, or the local
server at ``postgresql://postgres@127.0.0.1:5432/test``), loads the workspace of
:mod:`serve_workspace` (10,000 people, 200,000 interactions, ties, favours, promises and
cadences) and starts ``allies serve --team`` on loopback: worker processes with
no state of their own, sessions and CSRF checks in the database. Five members log in
through the login form; then 50 virtual users, each with one of those sessions, repeat a
mix for a bounded number of requests (and time):

====================  =====  ===============================================
people list           35 %   ``GET /people`` (its first page, as the menu opens it)
person page           30 %   ``GET /people/{id}`` of a random person
log an interaction    15 %   ``POST /log/meeting`` (the form, with its CSRF token)
the Today page        20 %   ``GET /today``
====================  =====  ===============================================

It runs the mix twice: *paced*, each user pausing between requests (a random pause of
``--think`` seconds on average, exponentially distributed; one second is brisker than
people click), and *flat out*, each user sending the next request as soon as the last is
answered, which measures the most the server can answer. It prints a Markdown section
(``## Team server load``) with the throughput and the p50/p95/p99 latency of each kind
and of all together. The target, a p95 under 100 ms for pages, applies to the paced run;
the load generator shares the machine's processors with the server and the database.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from allies.services.team import accounts
from allies.store import open_store
from allies.store import tables as t

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve_workspace import PEOPLE, load_workspace, throwaway_database

SECRET = "benchmark-secret-key-long-enough-for-team-mode-0123456789"
PASSWORD = "a benchmark password"
MIX = (
    ("people list", 0.35),
    ("person page", 0.30),
    ("log an interaction", 0.15),
    ("the Today page", 0.20),
)


# -- the server ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def team_server(url: str, workers: int, log: Path) -> Iterator[str]:
    """``allies serve --team`` on loopback, with ``workers`` processes; yields its address."""
    port = _free_port()
    environment = {
        **os.environ,
        "ALLIES_DATABASE_URL": url,
        "ALLIES_TEAM": "true",
        "ALLIES_SECRET_KEY": SECRET,
        "ALLIES_COOKIE_SECURE": "true",
    }
    command = [
        sys.executable,
        "-m",
        "allies",
        "serve",
        "--team",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=environment, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/login", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Session:
    """A logged-in member: the cookies to send (by hand: they are Secure, and this is plain
    HTTP on loopback) and the CSRF token for forms."""

    cookie: str
    csrf: str


def _set_cookie(response: httpx.Response, name: str) -> str:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{name}="):
            return header.split(";", 1)[0].split("=", 1)[1]
    raise RuntimeError(f"no {name} cookie: {response.status_code} {response.text[:300]}")


def log_in(base: str, username: str) -> Session:
    """Log in through the login form, as a browser does."""
    form = httpx.get(f"{base}/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    if not token:
        raise RuntimeError("the login form has no CSRF field")
    nonce = _set_cookie(form, "__Host-allies_login")
    done = httpx.post(
        f"{base}/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)},
        headers={"Cookie": f"__Host-allies_login={nonce}"},
    )
    session = _set_cookie(done, "__Host-allies_session")
    csrf = _set_cookie(done, "__Host-allies_csrf")
    return Session(f"__Host-allies_session={session}; __Host-allies_csrf={csrf}", csrf)


# -- the load ------------------------------------------------------------------------------


@dataclass
class Sample:
    """One request: what it was, how long it took, and how it ended."""

    kind: str
    seconds: float
    status: int


#: The unloaded measurement of the team server's own part.
GATE = "session check"
#: A request slower than this is abandoned and counted as an error.
TIMEOUT = 120.0


async def _request(client: httpx.AsyncClient, kind: str, rng: random.Random, csrf: str) -> int:
    if kind == "people list":
        response = await client.get("/people")
    elif kind == "person page":
        response = await client.get(f"/people/{rng.randint(2, PEOPLE)}")
    elif kind == "the Today page":
        response = await client.get("/today")
    else:
        response = await client.post(
            "/log/meeting",
            data={
                "people": f"#{rng.randint(2, PEOPLE)}",
                "summary": "Load test catch-up",
                "tone": "1",
                "csrf_token": csrf,
            },
        )
    return response.status_code


async def _user(
    number: int,
    client: httpx.AsyncClient,
    session: Session,
    budget: list[int],
    deadline: float,
    samples: list[Sample],
    seed: int,
    think: float,
) -> None:
    rng = random.Random(seed * 1000 + number)
    if think > 0:  # users do not all arrive at once
        await asyncio.sleep(rng.uniform(0, think))
    kinds, weights = zip(*MIX, strict=True)
    while budget[0] > 0 and time.monotonic() < deadline:
        budget[0] -= 1
        kind = rng.choices(kinds, weights)[0]
        started = time.perf_counter()
        try:
            status = await _request(client, kind, rng, session.csrf)
        except httpx.HTTPError:
            status = 599  # timed out, or the connection dropped
        samples.append(Sample(kind, time.perf_counter() - started, status))
        if think > 0:
            await asyncio.sleep(rng.expovariate(1 / think))


async def drive(
    base: str,
    sessions: list[Session],
    users: int,
    requests: int,
    seconds: float,
    seed: int,
    think: float = 0.0,
) -> tuple[list[Sample], float]:
    """Run ``users`` virtual users until ``requests`` are made or ``seconds`` pass.

    Every user's client is made before the clock starts: making one takes about 20 ms of
    the load generator's processor (its TLS settings), which would otherwise stall the
    requests already under way and be counted as the server's time.
    """
    samples: list[Sample] = []
    budget = [requests]
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(
                    base_url=base,
                    headers={"Cookie": sessions[n % len(sessions)].cookie},
                    timeout=TIMEOUT,
                )
            )
            for n in range(users)
        ]
        started = time.perf_counter()
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(
                _user(
                    n,
                    clients[n],
                    sessions[n % len(sessions)],
                    budget,
                    deadline,
                    samples,
                    seed,
                    think,
                )
                for n in range(users)
            )
        )
        elapsed = time.perf_counter() - started
    return samples, elapsed


async def warm_up(base: str, session: Session, workers: int) -> None:
    """A few requests of every kind on as many connections as there are workers, so no
    measured request pays for a worker's first templates and queries."""
    rng = random.Random(1)
    for _ in range(3 * workers):
        async with httpx.AsyncClient(
            base_url=base, headers={"Cookie": session.cookie}, timeout=TIMEOUT * 3
        ) as client:
            for kind, _ in MIX:
                await _request(client, kind, rng, session.csrf)


async def alone(base: str, session: Session) -> dict[str, float]:
    """Each kind of request with nothing else running: its unloaded latency (s), median of
    five; and the team server's own part alone (``GET /api/v1/me``: session, user, role),
    median of 20."""
    rng = random.Random(0)
    times: dict[str, float] = {}
    async with httpx.AsyncClient(
        base_url=base, headers={"Cookie": session.cookie}, timeout=TIMEOUT * 3
    ) as client:
        for kind, _ in MIX:
            single = []
            for _ in range(5):
                started = time.perf_counter()
                await _request(client, kind, rng, session.csrf)
                single.append(time.perf_counter() - started)
            times[kind] = statistics.median(single)
        gate = []
        for _ in range(20):
            started = time.perf_counter()
            await client.get("/api/v1/me")
            gate.append(time.perf_counter() - started)
        times[GATE] = statistics.median(gate)
    return times


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


@dataclass
class Run:
    """One load: how the users behaved and what they measured."""

    title: str
    users: int
    think: float
    samples: list[Sample]
    elapsed: float


def _table(run: Run, unloaded: dict[str, float]) -> list[str]:
    groups: dict[str, list[Sample]] = defaultdict(list)
    for sample in run.samples:
        groups[sample.kind].append(sample)
    pace = (
        f"pausing a random {run.think:g} s on average (exponential) between requests"
        if run.think > 0
        else "each sending its next request as soon as the last is answered"
    )
    lines = [
        f"### {run.title}",
        "",
        f"{run.users} users, {pace}, made {len(run.samples):,} requests in {run.elapsed:.1f} s.",
        "",
        "| request | share | alone ms | count | per second | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [(kind, share, groups.get(kind, [])) for kind, share in MIX]
    rows.append(("all together", 1.0, run.samples))
    for kind, share, group in rows:
        times = [s.seconds * 1000 for s in group] or [0.0]
        errors = sum(1 for s in group if s.status >= 400)
        single = f"{unloaded[kind] * 1000:.0f}" if kind in unloaded else ""
        lines.append(
            f"| {kind} | {share:.0%} | {single} | {len(group):,} | "
            f"{len(group) / run.elapsed:.1f} | {statistics.median(times):.0f} | "
            f"{_quantile(times, 0.95):.0f} | {_quantile(times, 0.99):.0f} | {errors} |"
        )
    pages = [s.seconds * 1000 for s in run.samples if s.kind != "log an interaction"]
    if pages and run.think > 0:
        p95 = _quantile(pages, 0.95)
        verdict = "meets" if p95 < 100 else "misses"
        lines += ["", f"Pages together: p95 {p95:.0f} ms, which {verdict} the 100 ms target."]
    elif pages:
        in_flight = run.users / (len(run.samples) / run.elapsed) * 1000
        lines += [
            "",
            f"This run measures capacity, not latency: with {run.users} requests always in "
            f"flight, each waits for the others, about {in_flight:.0f} ms at this throughput "
            "(Little's law), whatever the server does.",
        ]
    return lines


def report(
    runs: list[Run],
    counts: dict[str, int],
    workers: int,
    seeding: float,
    unloaded: dict[str, float],
) -> str:
    """The Markdown section."""
    lines = [
        "## Team server load",
        "",
        f"`allies serve --team` on loopback ({workers} uvicorn worker processes, PostgreSQL), "
        f"a workspace of {counts['people']:,} people, {counts['interactions']:,} interactions "
        f"({counts['participants']:,} participations), {counts['ties']:,} ties, "
        f"{counts['favours']:,} favours and {counts['promises']:,} promises (loaded in "
        f"{seeding:.0f} s); every user logged in with a session cookie. The machine has "
        f"{os.cpu_count()} processors, shared by the server, PostgreSQL and the load "
        "generator.",
        "",
    ]
    for run in runs:
        lines += [*_table(run, unloaded), ""]
    lines += [
        "*alone* is the median of five requests with nothing else running (after a warm-up); "
        "errors count answers of 400 or "
        f"more and requests abandoned after {TIMEOUT:.0f} s. Logging an interaction is timed "
        "to its answer (a redirect), not the page after it. The team server's own part (the "
        "session and role checks in the database) takes "
        f"{unloaded.get(GATE, 0) * 1000:.0f} ms alone (median of 20 `GET /api/v1/me`).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Seed, serve, load (paced, then flat out), report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause (s) of the paced run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    options = parser.parse_args(argv)
    with throwaway_database() as url, tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        factory = open_store(url)
        for n in range(5):
            accounts.add_user(factory, f"member{n}", PASSWORD)
        accounts.add_workspace(factory, "team", owner="member0")
        for n in range(1, 5):
            accounts.grant(factory, "team", f"member{n}", "editor")
        with factory.engine.connect() as connection:
            workspace_id = connection.scalar(
                t.workspaces.select()
                .with_only_columns(t.workspaces.c.id)
                .where(t.workspaces.c.name == "team")
            )
        factory.dispose()
        counts = load_workspace(url, int(workspace_id or 0), options.seed)
        seeding = time.perf_counter() - started
        runs = []
        with team_server(url, options.workers, Path(folder) / "server.log") as base:
            sessions = [log_in(base, f"member{n}") for n in range(5)]
            asyncio.run(warm_up(base, sessions[0], options.workers))
            unloaded = asyncio.run(alone(base, sessions[0]))
            for title, think in (("Paced users", options.think), ("Flat out", 0.0)):
                samples, elapsed = asyncio.run(
                    drive(
                        base,
                        sessions,
                        options.users,
                        options.requests,
                        options.seconds,
                        options.seed,
                        think,
                    )
                )
                runs.append(Run(title, options.users, think, samples, elapsed))
    sys.stdout.write(report(runs, counts, options.workers, seeding, unloaded))
    return 0 if all(run.samples for run in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
