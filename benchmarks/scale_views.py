"""The views of :mod:`scale` timed: each page through the web app (in-process ASGI
client, one request at a time) and each command as a whole process, with the target
beside each figure; what a first view shows before the background work has kept its
slow part, and how long until the full answer is there (for the command line: its first
run with nothing kept, again once kept, and its first run after a change)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def _me(settings: Settings) -> int:
    """The id of "me" in the workspace."""
    from allies.bootstrap import unit_of_work_factory

    with unit_of_work_factory(settings)(settings.workspace) as uow:
        found = uow.people.me()
    if found is None or found.id is None:
        raise SystemExit("the workspace has no one marked as me")
    return found.id


def pages(url: str, person: int, campaign: int) -> list[str]:
    """Time every page through the web app in-process; the table's rows.

    First the views whose slow part is worked out in the background, the first time
    (:func:`_first_views`); then every view once all is kept (*first* and *again*).
    """
    from fastapi.testclient import TestClient

    from allies.web.app import create_app

    settings = Settings(database_url=url, workspace=WORKSPACE)
    me = _me(settings)
    views = [
        ("home `GET /`", "/"),
        ("People `GET /people`", "/people"),
        ("a person `GET /people/{id}`", f"/people/{person}"),
        (
            "a person's influence `GET /people/{id}/influence`, the fragment of their page",
            f"/people/{person}/influence",
        ),
        (
            "a person's trades `GET /people/{id}/trades`, the fragment of their page",
            f"/people/{person}/trades",
        ),
        ("my own page `GET /people/{id}`, me in two of three interactions", f"/people/{me}"),
        ("my own person `GET /api/v1/people/{id}`", f"/api/v1/people/{me}"),
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
    # Loaded into a page by htmx, which asks for them with its header.
    fragments = {f"/people/{person}/influence", f"/people/{person}/trades"}
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
                htmx = {"HX-Request": "true"} if path in fragments else None
                answer = client.get(path, headers=htmx)
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
    return _run(args, env)[0]


def _run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds one ``allies`` process takes from start to exit (NaN when it fails), and
    what it printed."""
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
        return float("nan"), done.stdout
    return elapsed, done.stdout


#: The views whose slow part the background works out, with the change made before their
#: run *after a change* (one that makes their kept answer stale) and how it is described.
BACKGROUND_VIEWS: dict[str, tuple[list[str], str]] = {
    "influencers": (
        ["observe", "Person 7", "deferred-to", "Person 8"],
        "`allies observe` (the network changed)",
    ),
    "powerbase": (
        ["log", "Person 9", "--summary", "Coffee"],
        "`allies log` (an interaction logged)",
    ),
    "today": (
        ["stance", "set", "Person 9", "-c", "Budget", "-i", "Budget", "-p", "70"],
        "`allies stance set` (the campaign changed)",
    ),
}
#: How often the benchmark looks whether the background has kept the full answer (s).
KEPT_EVERY = 0.5


def _shows(output: str) -> str:
    """What a view's output shows, in words."""
    if "being worked out in the background" in output:
        return "says it is being worked out, and about how long"
    if "before the latest changes" in output:
        return "the earlier answer, saying when it was worked out"
    if "are being planned" in output:
        return "every other line, the campaign meetings announced"
    return "**the full answer, worked out while waiting**"


def _kept(settings: Settings, view: str) -> Callable[[], bool]:
    """Whether the background has kept the current answer of ``view``."""
    from datetime import date

    from allies.bootstrap import unit_of_work_factory
    from allies.services.agenda.campaign_meetings import unplanned_campaigns
    from allies.services.influence.kept_ranking import kept_ranking
    from allies.services.standing.kept import current_power_base

    factory = unit_of_work_factory(settings)
    lens = settings.lens
    checks: dict[str, Callable[[], bool]] = {
        "influencers": lambda: kept_ranking(factory(WORKSPACE), lens, 10) is not None,
        "powerbase": lambda: current_power_base(factory(WORKSPACE), lens) is not None,
        "today": lambda: not unplanned_campaigns(factory(WORKSPACE), date.today()),
    }
    return checks[view]


def _quiet(settings: Settings) -> None:
    """Wait until no background run of the command line goes (their work would be timed
    with the next view's otherwise)."""
    from allies.background.detached import going

    while any(going(settings, name, WORKSPACE) for name in ("analyses", "plans")):
        time.sleep(KEPT_EVERY)


def _forget_kept(settings: Settings) -> None:
    """Drop every kept analysis and day's plan: the next views are the first ones."""
    from sqlalchemy import delete

    from allies.bootstrap import unit_of_work_factory
    from allies.store import tables as t

    engine = unit_of_work_factory(settings).engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(delete(t.analysis_cache))
        connection.execute(delete(t.campaign_plan_days))


def _background_rows(label: str, view: str, env: dict[str, str], repeats: int) -> list[str]:
    """A view whose slow part the background works out: its first run with nothing kept
    (what it shows; when the full answer is kept), then, once kept, the median of a few
    more (*again*); then its first run after a change."""
    settings = Settings(database_url=env["ALLIES_DATABASE_URL"], workspace=WORKSPACE)
    kept = _kept(settings, view)
    rows: list[str] = []
    _forget_kept(settings)  # what the changes before kept: this is the first run
    first, shown = _run([view], env)
    full = _until_kept(kept)
    _quiet(settings)
    again = statistics.median(_process([view], env) for _ in range(repeats))
    rows.append(
        f"| {label}, first run with nothing kept: {_shows(shown)}; the full answer kept "
        f"{_later(full)} | {present(first)} | {present(again)} | {TARGET} "
        f"| {met(max(first, again))} |"
    )
    progress(rows[-1])
    change, what = BACKGROUND_VIEWS[view]
    _process(change, env)  # asks for the background work itself, as any change does
    after, shown = _run([view], env)
    full = _until_kept(kept)
    _quiet(settings)
    rows.append(
        f"| {label}, first run after {what}: {_shows(shown)}; the current one kept "
        f"{_later(full)} | {present(after)} | — | {TARGET} | {met(after)} |"
    )
    progress(rows[-1])
    return rows


def _until_kept(kept: Callable[[], bool]) -> float:
    start = time.perf_counter()
    while not kept():
        if time.perf_counter() - start > POLL_LIMIT:
            return float("nan")
        time.sleep(KEPT_EVERY)
    return time.perf_counter() - start


def _later(seconds: float) -> str:
    return "never" if seconds != seconds else f"{seconds:.1f} s later"


def command_line(url: str, repeats: int = 3) -> list[str]:
    """Time each command-line view as whole processes; the table's rows.

    Every kept analysis and day's plan is dropped first, so that the views the background
    works out (:data:`BACKGROUND_VIEWS`) are timed at their first run with nothing kept,
    then once kept (*again*), then at their first run after a change; the background
    runs (detached processes) have a data directory of their own and are waited for
    between two timings.
    """
    data = tempfile.mkdtemp(prefix="allies-bench-data-")
    env = {
        **os.environ,
        "ALLIES_DATABASE_URL": url,
        "ALLIES_WORKSPACE": WORKSPACE,
        "ALLIES_BACKGROUND": "on",
        "XDG_DATA_HOME": data,
        "COLUMNS": "100",
    }
    # bytecode as an installed package has it: the libraries' compiled when installed,
    # the project's compiled here, before any command is timed
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    package = Path(__file__).resolve().parent.parent / "src" / "allies"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True)
    chosen = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = data  # where the background runs' locks are looked for
    rows: list[str] = []
    try:
        _forget_kept(Settings(database_url=url, workspace=WORKSPACE))
        for label, args, target in CLI_VIEWS:
            progress(f"timing allies {' '.join(args)}")
            if len(args) == 1 and args[0] in BACKGROUND_VIEWS:
                rows.extend(_background_rows(label, args[0], env, repeats))
                continue
            first = _process(args, env)
            again = [_process(args, env) for _ in range(repeats)]
            median = statistics.median(again) if again else float("nan")
            done = first == first and median == median and max(first, median) <= target
            verdict = "yes" if done else "**no**"
            rows.append(
                f"| {label} | {present(first)} | {present(median)} | {target} | {verdict} |"
            )
            progress(rows[-1])
    finally:
        if chosen is None:
            os.environ.pop("XDG_DATA_HOME", None)
        else:
            os.environ["XDG_DATA_HOME"] = chosen
        shutil.rmtree(data, ignore_errors=True)
    return rows
