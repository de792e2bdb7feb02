"""allies on a phone, in headless Chromium at 390x844 and 360x740: installable (a valid
manifest and a service worker that takes control), a compact header with a menu, no page
wider than the screen, and quick capture that survives a lost connection: typed with no
connection, kept on the device, sent once when the connection returns, and a refusal
explained and put back in the form, never lost.

Screenshots go to /tmp (``phone-*.png``).
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn
from PIL import Image

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.network.people import add_person
from tests.browser.chromium import free_port
from tests.browser.demo_site import DemoSite, html_pages, serve_demo
from tests.stores import copy_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL = {"width": 360, "height": 740}


class Server:
    """uvicorn serving one workspace on a fixed port, in a thread; it can be stopped and
    started again on the same port (a lost connection, then its return)."""

    def __init__(self, settings: Settings) -> None:
        from allies.web import create_app

        self.app = create_app(settings)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline:
                pytest.fail("uvicorn did not start within 15 seconds")
            time.sleep(0.05)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
            self._server = None


def _serve(settings: Settings) -> Iterator[Server]:
    server = Server(settings)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, demo_database: Path) -> Iterator[DemoSite]:
    """The demo network, served, with every page of the app listed from its routes."""
    with serve_demo(tmp_path_factory.mktemp("phone-demo"), demo_database) as served:
        yield served


@pytest.fixture
def small(tmp_path: Path, sqlite_template: Path) -> Iterator[tuple[Server, Settings]]:
    """Me, Ann Lee and Bo Chen, served; the settings to read what was stored."""
    settings = Settings(
        database_url=copy_store(sqlite_template, tmp_path / "phone.sqlite3"), workspace="phone"
    )
    factory = unit_of_work_factory(settings)
    add_person(factory("phone"), "Me Myself", is_me=True)
    add_person(factory("phone"), "Ann Lee")
    add_person(factory("phone"), "Bo Chen")
    for server in _serve(settings):
        yield server, settings


def _summaries(settings: Settings) -> list[str]:
    with unit_of_work_factory(settings)(settings.workspace) as uow:
        return [i.summary for i in uow.interactions.list()]


def _phone(browser: Browser, size: dict[str, int] = PHONE) -> BrowserContext:
    return browser.new_context(viewport=size, service_workers="allow")  # type: ignore[arg-type]


def _controlled(page: Page, url: str) -> None:
    """Open ``url`` and wait until the service worker controls the page."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    page.wait_for_function("!!navigator.serviceWorker.controller")


def _meeting(page: Page, who: str, summary: str) -> None:
    form = page.locator('form[action="/log/meeting"]')
    form.locator('[name="people"]').fill(who)
    form.locator('[name="summary"]').fill(summary)
    form.locator('button[type="submit"]').first.click()


def test_it_can_be_installed(browser: Browser, site: DemoSite) -> None:
    context = _phone(browser)
    page = context.new_page()
    manifest = json.loads(page.request.get(f"{site.url}/manifest.webmanifest").text())
    assert manifest["name"] == "allies" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/today" and manifest["scope"] == "/"
    sizes = set()
    for icon in manifest["icons"]:
        got = page.request.get(site.url + icon["src"])
        assert got.ok and got.headers["content-type"] == "image/png"
        width, height = Image.open(io.BytesIO(got.body())).size
        assert f"{width}x{height}" == icon["sizes"]
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes
    _controlled(page, f"{site.url}/today")
    linked = page.evaluate("document.querySelector('link[rel=manifest]').href")
    assert linked == f"{site.url}/manifest.webmanifest"
    worker = page.evaluate("navigator.serviceWorker.controller.scriptURL")
    assert worker == f"{site.url}/sw.js"
    context.close()


@pytest.mark.parametrize("size", [PHONE, SMALL], ids=["390", "360"])
def test_a_compact_header_and_no_page_wider_than_the_screen(
    browser: Browser, site: DemoSite, size: dict[str, int]
) -> None:
    context = _phone(browser, size)
    page = context.new_page()
    wide = []
    pages = html_pages(site)
    assert len(pages) > 40  # every page of the app, from its routes
    for path in pages:
        answer = page.goto(site.url + path)
        assert answer is not None and answer.ok, path
        if page.evaluate("document.documentElement.scrollWidth") > size["width"]:
            wide.append(path)
    assert wide == [], f"these pages scroll sideways at {size['width']} pixels: {wide}"
    page.goto(f"{site.url}/log")
    header = page.locator("header.top")
    assert header.bounding_box()["height"] <= 64  # type: ignore[index]
    nav = page.locator("#main-nav")
    assert not nav.is_visible()
    form_top = page.locator('form[action="/log/meeting"]').bounding_box()["y"]  # type: ignore[index]
    assert form_top < size["height"] / 2  # the log form is reached without scrolling
    page.get_by_role("button", name="Menu").click()
    assert nav.is_visible() and page.get_by_role("link", name="People").is_visible()
    page.screenshot(path=f"/tmp/phone-menu-{size['width']}.png")
    page.keyboard.press("Escape")
    assert not nav.is_visible()
    context.close()


def test_a_capture_typed_offline_arrives_once(
    browser: Browser, small: tuple[Server, Settings]
) -> None:
    server, settings = small
    context = _phone(browser)
    page = context.new_page()
    _controlled(page, f"{server.url}/log")
    context.set_offline(True)
    _meeting(page, "Ann Lee", "Coffee typed on the train")
    kept = page.locator("#kept-captures")
    kept.get_by_text("1 capture is kept on this device").wait_for()
    assert "Meeting: Ann Lee" in kept.inner_text()
    page.reload()  # still offline: the page comes from the device, the capture too
    kept.get_by_text("Meeting: Ann Lee").wait_for()
    page.screenshot(path="/tmp/phone-kept-offline.png", full_page=True)
    assert _summaries(settings) == []
    context.set_offline(False)
    kept.get_by_text("Sent: The meeting with Ann Lee is stored.").wait_for()
    page.screenshot(path="/tmp/phone-sent.png")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.reload()
    page.wait_for_timeout(500)
    assert _summaries(settings) == ["Coffee typed on the train"]
    assert "kept on this device" not in page.locator("main").inner_text()
    context.close()


def test_a_capture_sent_as_the_connection_drops_is_kept_and_sent_later(
    browser: Browser, small: tuple[Server, Settings]
) -> None:
    server, settings = small
    context = _phone(browser)
    page = context.new_page()
    _controlled(page, f"{server.url}/log")
    server.stop()  # the phone still thinks it is online; the server is out of reach
    _meeting(page, "Bo Chen", "Met in the lift")
    page.locator("#kept-captures").get_by_text("Meeting: Bo Chen").wait_for()
    assert _summaries(settings) == []
    server.start()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator("#kept-captures").get_by_text("Sent: The meeting with Bo Chen").wait_for()
    assert _summaries(settings) == ["Met in the lift"]
    context.close()


def test_a_refused_capture_is_explained_and_put_back_in_the_form(
    browser: Browser, small: tuple[Server, Settings]
) -> None:
    server, settings = small
    context = _phone(browser)
    page = context.new_page()
    _controlled(page, f"{server.url}/log")
    context.set_offline(True)
    _meeting(page, "Zoe Gone", "Dinner with someone not on record")
    page.locator("#kept-captures").get_by_text("Meeting: Zoe Gone").wait_for()
    context.set_offline(False)
    refused = page.locator(".kept-refused")
    refused.wait_for()
    assert "could not be stored" in refused.inner_text() and "Zoe Gone" in refused.inner_text()
    page.screenshot(path="/tmp/phone-refused.png", full_page=True)
    refused.get_by_role("button", name="Put back in the form").click()
    form = page.locator('form[action="/log/meeting"]')
    assert form.locator('[name="summary"]').input_value() == "Dinner with someone not on record"
    page.reload()
    assert "Zoe Gone" in page.locator(".kept-refused").inner_text()  # kept until discarded
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".kept-refused").get_by_role("button", name="Discard").click()
    page.locator(".kept-refused").wait_for(state="detached")
    assert _summaries(settings) == []
    context.close()
