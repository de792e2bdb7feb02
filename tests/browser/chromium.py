"""Headless Chromium for the tests: the ``browser`` and ``page`` fixtures, and a free port.

Runs Debian's Chromium (``/usr/bin/chromium``) through Playwright. ``make test`` installs
Chromium when it is missing; without it the tests that drive it fail and say so. These
fixtures are a plugin of the whole suite (``tests/conftest.py``): the browser tier uses
them, and so do the few web tests that check a page in a real browser too.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

__all__ = ["CHROMIUM", "LAUNCH_ARGS", "Network", "browser", "free_port", "page", "serve_app"]

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now, chosen by the system (so parallel
    workers never pick the same one, as they could with a fixed number)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """uvicorn serving ``app`` on a free port of 127.0.0.1 in a background thread, until
    the block ends; its base URL."""
    import uvicorn

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
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


#: Whether the page has loaded and htmx has no request, swap or settle going on: htmx marks
#: an element while it asks for its part (``htmx-request``), and the part while it swaps
#: and settles it in; a part that loads parts of its own asks for them while it settles.
HTMX_IDLE = """() => document.readyState === "complete"
  && !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")"""


class Network:
    """The requests of a tab in flight, to wait until its page has loaded its parts.

    Playwright's ``wait_until="networkidle"`` waits for 500 ms without a request after
    every page; :meth:`settle` waits until no request is in flight and htmx has no part
    to load, swap or settle in the page (the parts a page loads with htmx ask for
    themselves as soon as the page, or the part that holds them, is in), with a quiet
    time after the last request as a margin (a fraction of that on a crawl of every page).
    """

    def __init__(self, tab: Page) -> None:
        self._pending: set[Request] = set()
        self._last = time.monotonic()
        tab.on("request", self._started)
        tab.on("requestfinished", self._ended)
        tab.on("requestfailed", self._ended)
        self._tab = tab

    def _started(self, request: Request) -> None:
        self._pending.add(request)
        self._last = time.monotonic()

    def _ended(self, request: Request) -> None:
        self._pending.discard(request)
        self._last = time.monotonic()

    def _quiet_for(self, quiet: float) -> bool:
        return not self._pending and time.monotonic() - self._last >= quiet

    def settle(self, quiet: float = 0.2, timeout: float = 30) -> None:
        """Return once no request of the tab has been in flight for ``quiet`` seconds and
        htmx is idle in the page (:data:`HTMX_IDLE`)."""
        deadline = time.monotonic() + timeout
        while not (
            self._quiet_for(quiet) and self._tab.evaluate(HTMX_IDLE) and self._quiet_for(quiet)
        ):
            if time.monotonic() > deadline:
                urls = sorted(request.url for request in self._pending)
                pytest.fail(f"the page kept loading for {timeout} seconds: {urls}")
            self._tab.wait_for_timeout(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright."""
    if not CHROMIUM.exists():
        found = shutil.which("chromium")
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}{f' (found {found})' if found else ''}. "
            "Install it with `apt-get install -y chromium` (make test does this) and run again."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab that fails the test on any script error or policy violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    yield tab
    context.close()
    # A page answering 404 (nothing there) or 422 (a form sent back with its mistakes)
    # is what the test asked for; Chromium still logs the status as a console error.
    expected = ("status of 404", "status of 422")
    assert not [p for p in problems if not any(e in p for e in expected)], problems
