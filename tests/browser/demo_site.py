"""The demo organisation served by uvicorn, and every HTML page of the app to visit on it.

Used by the map, accessibility and plain-words browser tests: :func:`build_demo` builds the
demo in a SQLite file (once per test process: the ``demo_database`` fixture of
``tests/browser/conftest.py``), :func:`serve_demo` serves a copy of that file of the
module's own on a free port; :func:`html_pages` lists the app's own routes that answer a
page, with real ids of the demo filled in.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings, sqlite_url
from allies.services.network.people_list import list_people
from allies.services.ports import UnitOfWorkFactory
from allies.services.surveys.manage import create_survey
from allies.services.team.workspaces import build_demo_workspace
from allies.web import create_app
from tests.browser.chromium import free_port

#: The demo's last day, fixed so the tests see the same network every day.
DEMO_DAY = date(2026, 11, 30)
WORKSPACE = "demo"


@dataclass(frozen=True)
class DemoSite:
    """Where the demo is served, and the app and store behind it."""

    url: str
    app: FastAPI
    factory: UnitOfWorkFactory


def build_demo(folder: Path, migrated: Path | None = None) -> Path:
    """Build the demo organisation (and one survey) in a new SQLite file in ``folder``
    (a copy of the ``migrated`` empty store when given); its path. Built once per test
    process and copied by :func:`serve_demo`: building it takes seconds, a copy
    milliseconds."""
    path = folder / "demo.sqlite3"
    if migrated is not None:
        _copy(migrated, path)
    settings = Settings(database_url=sqlite_url(path), workspace=WORKSPACE)
    factory = unit_of_work_factory(settings)
    build_demo_workspace(factory, WORKSPACE, today=DEMO_DAY)
    names = [p.name for p in list_people(factory(WORKSPACE))[:4]]
    create_survey(factory(WORKSPACE), "Whom do you go to?", names, today=DEMO_DAY)
    return path


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of the SQLite file ``source`` (its write-ahead log included)."""
    read, write = sqlite3.connect(source), sqlite3.connect(target)
    try:
        read.backup(write)
    finally:
        read.close()
        write.close()


@contextmanager
def serve_demo(folder: Path, demo: Path | None = None) -> Iterator[DemoSite]:
    """Serve a copy of the demo ``demo`` (from :func:`build_demo`; built here in
    ``folder`` when not given) from ``folder`` until the block ends: what the tests
    write goes to the copy, never to the demo the other modules copy."""
    path = folder / "demo.sqlite3"
    if demo is None:
        build_demo(folder)
    else:
        _copy(demo, path)
    settings = Settings(database_url=sqlite_url(path), workspace=WORKSPACE)
    factory = unit_of_work_factory(settings)
    app = create_app(settings)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 20 seconds")
        time.sleep(0.05)
    try:
        yield DemoSite(url=f"http://127.0.0.1:{port}", app=app, factory=factory)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _routes(routes: Iterable[object]) -> Iterator[object]:
    for route in routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is not None:
            yield from contexts() if callable(contexts) else contexts
        else:
            yield route


def page_paths(app: FastAPI) -> list[str]:
    """The path templates of every GET route answering an HTML page (not the API)."""
    paths = []
    for route in _routes(app.routes):
        methods = getattr(route, "methods", None) or set()
        response = getattr(route, "response_class", None)
        path = getattr(route, "path", "")
        is_page = getattr(response, "__name__", "") == "HTMLResponse"
        if "GET" in methods and is_page and not path.startswith("/api") and path not in paths:
            paths.append(path)
    return paths


def _ids(factory: UnitOfWorkFactory) -> dict[str, int]:
    """One real id of each kind of record the page routes take."""
    with factory(WORKSPACE) as uow:
        people = uow.people.list()
        ties = uow.ties.list()
        known = {p.id: 0 for p in people if not p.is_me}
        for tie in ties:
            if tie.target_id in known:
                known[tie.target_id] += 1
        busiest = max((pid for pid in known if pid is not None), key=lambda pid: known[pid])
        first = {
            name: getattr(uow, name).list()[0].id
            for name in (
                "organisations",
                "units",
                "ties",
                "observations",
                "interactions",
                "favours",
                "promises",
                "cadences",
                "alliances",
                "campaigns",
                "goals",
            )
        }
        first["surveys"] = uow.surveys.list()[0].id
    return {"person": busiest, **first}


def html_pages(site: DemoSite) -> list[str]:
    """Every page of the app as a path with the demo's ids filled in."""
    ids = _ids(site.factory)
    pages = []
    for path in page_paths(site.app):
        if path.startswith("/team") or path in {"/login"} or "{token}" in path:
            continue  # team pages need a team server; token links come from a message
        record = re.match(r"^/(\w+)/\{record_id\}", path)
        filled = path
        if record:
            filled = filled.replace("{record_id}", str(ids[record.group(1)]))
        filled = (
            filled.replace("{person_id}", str(ids["person"]))
            .replace("{alliance_id}", str(ids["alliances"]))
            .replace("{campaign_id}", str(ids["campaigns"]))
            .replace("{goal_id}", str(ids["goals"]))
            .replace("{survey_id}", str(ids["surveys"]))
            .replace("{number}", "1")
        )
        if "{" in filled:
            pytest.fail(f"The page {path} takes a parameter the test does not know how to fill.")
        pages.append(filled)
    return pages
