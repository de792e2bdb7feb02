"""The views of :mod:`scale` timed: each page through the web app (in-process ASGI
client, one request at a time) and each command as a whole process, with the target
beside each figure; what a first view shows before the background work has kept its
slow part, and how long until the full answer is there."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from influence_org import WORKSPACE

from allies.config import Settings

#: The most seconds a view may take (the issue's target for every page and command).
TARGET = 0.5
#: The command-line views: (label, arguments, target in seconds).
CLI_VIEWS: list[tuple[str, list[str], float]] = [
    ("`allies --help`", ["--help"], 0.25),
    ("`allies person list`", ["person", "list"], TARGET),
    ("`allies influencers`", ["influencers"], TARGET),
    ("`allies powerbase`", ["powerbase"], TARGET),
    ("`allies campaign plan`", ["campaign", "plan"], 3.0),
    ("`allies today`", ["today"], TARGET),
]


def progress(message: str) -> None:
    """A line on stderr, so the Markdown on stdout stays clean."""
    print(message, file=sys.stderr, flush=True)


def timed(run: Callable[[], Any], repeats: int = 3, budget: float = 20.0) -> tuple[float, float]:
    """(first time, median of the next ``repeats``: at least one, fewer when slow)."""
    start = time.perf_counter()
    run()
    first = time.perf_counter() - start
    again: list[float] = []
    spent = first
    for done in range(repeats):
        if done and spent > budget:  # at least one more: the view once cached
            break
        start = time.perf_counter()
        run()
        again.append(time.perf_counter() - start)
        spent += again[-1]
    return first, statistics.median(again) if again else float("nan")


def present(value: float) -> str:
    return "—" if value != value else f"{value:.3f}"


def met(value: float) -> str:
    return "yes" if value == value and value <= TARGET else "**no**"


POLL_EVERY = 2.0
POLL_LIMIT = 900.0


def _until(ready: Callable[[], bool]) -> float:
    """Seconds until ``ready()`` is true, looking every :data:`POLL_EVERY` seconds as the
    page's fragment does (NaN when it never is within :data:`POLL_LIMIT`)."""
    start = time.perf_counter()
    while not ready():
        if time.perf_counter() - start > POLL_LIMIT:
            return float("nan")
        time.sleep(POLL_EVERY)
    return time.perf_counter() - start


def _first_views(client: Any, campaign: int, person: int) -> list[str]:
    """The views whose slow part is worked out in the background, each the first time
    with nothing of it kept: the time of the first view, what it shows, and how long
    after it the full answer is there (the page's fragment asked until it says so)."""
    from allies.bootstrap import unit_of_work_factory
    from allies.domain import Tie, TieKind

    rows: list[str] = []
    # The server has started: its first request (connecting, reading the schema, the
    # first page drawn) is not the first view of the day.
    client.get("/people")

    def row(label: str, seconds: float, size: int, full: float) -> None:
        after = "never" if full != full else f"{full:.1f} s"
        rows.append(
            f"| {label}; the full answer there {after} later | {present(seconds)} | — "
            f"| {size / 1024:.0f} KB | {TARGET} | {met(seconds)} |"
        )
        progress(rows[-1])

    def timed_get(path: str) -> tuple[float, Any]:
        start = time.perf_counter()
        answer = client.get(path)
        seconds = time.perf_counter() - start
        if answer.status_code not in (200, 202):
            raise SystemExit(f"{path} answered {answer.status_code}")
        return seconds, answer

    def no_poll(path: str) -> Callable[[], bool]:
        return lambda: "hx-get" not in client.get(path, headers={"HX-Request": "true"}).text

    # Influence: nothing worked out yet: the page says so and fills in when it is.
    progress("timing /influence before the background work")
    seconds, answer = timed_get("/influence")
    waiting = "Working out who listens to whom" in answer.text
    brokers, groups = no_poll("/influence/brokers?seed=0"), no_poll("/influence/communities?seed=0")
    ready = "/influence/ready"
    full = _until(
        lambda: (
            "HX-Refresh" in client.get(ready, headers={"HX-Request": "true"}).headers
            and brokers()
            and groups()
        )
    )
    row(
        "Influence `GET /influence`, first view with nothing worked out: "
        + ("the page says it is being worked out" if waiting else "**the analyses**"),
        seconds,
        len(answer.content),
        full,
    )
    # The plan page: its plan not made yet; the form shown, the plan fetched when made.
    plan = f"/campaigns/{campaign}/plan"
    progress(f"timing {plan} before the plan is made")
    seconds, answer = timed_get(plan)
    waiting = "Working out today" in answer.text
    full = _until(
        lambda: "HX-Redirect" in client.get(f"{plan}/ready", headers={"HX-Request": "true"}).headers
    )
    row(
        "campaign plan `GET /campaigns/{id}/plan`, first view before the plan is made: "
        + ("the campaign and its settings, the plan announced" if waiting else "**the plan**"),
        seconds,
        len(answer.content),
        full,
    )
    # Today before the day's plans are stored: every other line, the meetings announced.
    progress("timing /today before the day's plans are stored")
    seconds, answer = timed_get("/today")
    waiting = 'id="planning-note"' in answer.text
    full = _until(no_poll("/today/planning?days=1"))
    row(
        "Today `GET /today`, first view of the day: every line but the campaign meetings, "
        + ("those announced" if waiting else "**all lines**"),
        seconds,
        len(answer.content),
        full,
    )
    # The map's data, after a change of the network: 202 with Retry-After until redrawn.
    progress("timing /api/v1/graph after a change of the network")
    settings = client.app.state.settings
    with unit_of_work_factory(settings)(settings.workspace) as uow:
        other = int(uow.people.distinct_values("id")[0])
        uow.ties.add(Tie(person, other, TieKind.TRUSTS, weight=0.6))
        uow.commit()
    seconds, answer = timed_get("/api/v1/graph")
    drawing = answer.status_code == 202
    full = _until(lambda: client.get("/api/v1/graph").status_code == 200)
    row(
        "map data `GET /api/v1/graph`, first view after a change of the network: "
        + ("202 with Retry-After, the map says it is being drawn" if drawing else "the map"),
        seconds,
        len(answer.content),
        full,
    )
    from allies.background.soon import wait_here
    from allies.services.influence.kept import wait_refreshed

    wait_refreshed()
    wait_here()
    return rows


def pages(url: str, person: int, campaign: int) -> list[str]:
    """Time every page through the web app in-process; the table's rows.

    First the views whose slow part is worked out in the background, the first time
    (:func:`_first_views`); then every view once all is kept (*first* and *again*).
    """
    from fastapi.testclient import TestClient

    from allies.web.app import create_app

    settings = Settings(database_url=url, workspace=WORKSPACE)
    views = [
        ("home `GET /`", "/"),
        ("People `GET /people`", "/people"),
        ("a person `GET /people/{id}`", f"/people/{person}"),
        ("Today `GET /today`, the day's plans stored", "/today"),
        ("Influence `GET /influence`, worked out", "/influence"),
        ("map page `GET /map`", "/map"),
        ("map data `GET /api/v1/graph`, drawn", "/api/v1/graph"),
        ("Health `GET /health`", "/health"),
        (
            "campaign plan `GET /campaigns/{id}/plan`, the plan made",
            f"/campaigns/{campaign}/plan",
        ),
    ]
    rows: list[str] = []
    client_of = TestClient(
        create_app(settings), follow_redirects=False, raise_server_exceptions=False
    )
    with client_of as client:
        rows.extend(_first_views(client, campaign, person))
        for label, path in views:
            progress(f"timing {path}")
            sizes: list[int] = []

            def get(path: str = path, sizes: list[int] = sizes) -> None:
                answer = client.get(path)
                if answer.status_code != 200:
                    raise RuntimeError(f"answered {answer.status_code}")
                sizes.append(len(answer.content))

            try:
                first, again = timed(get)
            except RuntimeError as failed:
                rows.append(f"| {label} | {failed} | — | — | {TARGET} | **no** |")
                progress(rows[-1])
                continue
            rows.append(
                f"| {label} | {present(first)} | {present(again)} | {sizes[0] / 1024:.0f} KB "
                f"| {TARGET} | {met(max(first, again if again == again else first))} |"
            )
            progress(rows[-1])
    return rows


def _process(args: list[str], env: dict[str, str]) -> float:
    """Seconds one ``allies`` process takes from start to exit (NaN when it fails)."""
    command = [
        sys.executable,
        "-c",
        "import sys; from allies.cli.app import main; sys.argv[0] = 'allies'; main()",
        *args,
    ]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        progress(f"allies {' '.join(args)} failed ({done.returncode}): {done.stderr[-300:]}")
        return float("nan")
    return elapsed


def command_line(url: str, repeats: int = 3) -> list[str]:
    """Time each command-line view as whole processes; the table's rows."""
    env = {
        **os.environ,
        "ALLIES_DATABASE_URL": url,
        "ALLIES_WORKSPACE": WORKSPACE,
        "COLUMNS": "100",
    }
    # bytecode as an installed package has it: the libraries' compiled when installed,
    # the project's compiled here, before any command is timed
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    package = Path(__file__).resolve().parent.parent / "src" / "allies"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True)
    rows: list[str] = []
    for label, args, target in CLI_VIEWS:
        progress(f"timing allies {' '.join(args)}")
        first = _process(args, env)
        again = [_process(args, env) for _ in range(repeats)]
        median = statistics.median(again) if again else float("nan")
        done = first == first and median == median and max(first, median) <= target
        verdict = "yes" if done else "**no**"
        rows.append(f"| {label} | {present(first)} | {present(median)} | {target} | {verdict} |")
        progress(rows[-1])
    return rows
