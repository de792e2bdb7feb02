"""The map at 2,000 people: its data from the server, and the drawing in Chromium.

Builds, seeded, an organisation of 2,000 people and 10,000 stated ties (with 1,000
observations) in SQLite through the project's own store
(:func:`influence_org.make_organisation`), then times:

- ``/api/v1/graph`` the first time (the layout computed and stored) and again (the layout
  read from the workspace's analysis cache);
- the Map page in headless Chromium, from navigation until the map says it is ready, then
  a focus on one person (their circle, the rest faded) and gathering into groups.

Run it from the project root::

    python benchmarks/map_2000.py
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from influence_org import WORKSPACE, make_organisation, write_store
from tests.browser.chromium import CHROMIUM, LAUNCH_ARGS, free_port

from allies.config import Settings
from allies.web import create_app

PEOPLE = 2_000
TIES = 10_000


def main() -> None:
    """Build, serve, time, print a Markdown table."""
    with tempfile.TemporaryDirectory() as folder:
        write_store(make_organisation(PEOPLE, TIES, 1_000), Path(folder))
        settings = Settings(
            database_url=f"sqlite:///{Path(folder) / 'allies.db'}", workspace=WORKSPACE
        )
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        rows = []
        for label in ("graph data, first (layout computed)", "graph data, again (layout cached)"):
            start = time.perf_counter()
            answer = httpx.get(f"{url}/api/v1/graph", timeout=300)
            rows.append((label, time.perf_counter() - start))
            assert answer.status_code == 200 and len(answer.json()["nodes"]) == PEOPLE
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            start = time.perf_counter()
            page.goto(f"{url}/map")
            page.wait_for_function(
                "() => document.getElementById('cy').dataset.ready === 'true'", timeout=300_000
            )
            rows.append(("map page drawn in Chromium", time.perf_counter() - start))
            start = time.perf_counter()
            page.evaluate("() => document.querySelector('#map-search').value = 'Person 17'")
            page.get_by_label("Find on the map").press("Enter")
            rows.append(("focus on one person", time.perf_counter() - start))
            start = time.perf_counter()
            page.get_by_label("Gather into").select_option("group")
            rows.append(("gather into groups", time.perf_counter() - start))
            browser.close()
        server.should_exit = True
    print(f"Map at {PEOPLE:,} people and {TIES:,} ties\n")
    print("| step | seconds |\n| --- | ---: |")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
