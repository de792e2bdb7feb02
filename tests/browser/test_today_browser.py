"""Working through Today in headless Chromium, on a laptop and on a phone: each line's
button takes it off at once (HTMX, no reload) and it stays gone after a reload.

Screenshots go to /tmp (``today-<width>-before.png``, ``...-after.png``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.alliances import manage as alliances
from allies.services.keep import log as routine
from allies.services.network.people import add_person
from tests.browser.chromium import free_port
from tests.stores import copy_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")
SIZES = {"laptop": (1440, 900), "phone": (390, 844)}


def _fill(settings: Settings) -> None:
    """Me and five people, each with something on today's agenda."""
    factory = unit_of_work_factory(settings)
    ws = settings.workspace
    today = date.today()
    add_person(factory(ws), "Me Myself", is_me=True)
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz", "Di Moss", "Ed Park"):
        add_person(factory(ws), name)
    for name, days in (("Ann Lee", 100), ("Bo Chen", 80), ("Cy Diaz", 40)):
        routine.log_interaction(factory(ws), [name], on=today - timedelta(days=days))
    routine.set_cadence(factory(ws), ideal_days=30, max_days=60, person="Ann Lee")
    routine.set_cadence(factory(ws), ideal_days=30, max_days=60, person="Bo Chen")
    routine.set_cadence(factory(ws), ideal_days=30, max_days=90, person="Cy Diaz")
    routine.make_promise(
        factory(ws),
        "Send the figures",
        to="Di Moss",
        due=today - timedelta(days=1),
        made_on=today - timedelta(days=6),
    )
    alliances.create_alliance(factory(ws), "Pilot", people=["Ed Park"])
    stone = alliances.add_milestone(factory(ws), "Pilot", "Memo signed").milestones[0]
    alliances.mark_milestone(factory(ws), "Pilot", stone.id or 0, "reached")


@pytest.fixture
def served(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """uvicorn serving a workspace with a full Today, in a background thread."""
    settings = Settings(
        database_url=copy_store(sqlite_template, tmp_path / "today.sqlite3"), workspace="today"
    )
    _fill(settings)
    from allies.web import create_app

    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 15 seconds")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _lines(page: Page) -> list[str]:
    return list(page.locator("li.agenda-line").evaluate_all("els => els.map(e => e.dataset.key)"))


def _click_away(page: Page, key: str, button: str) -> None:
    """Press a line's button and wait until the line has left the page."""
    line = page.locator(f'li.agenda-line[data-key="{key}"]')
    if button == "Dismiss":
        line.locator("details.dismiss summary").click()
        line.get_by_placeholder("Why (optional)").fill("not this week")
        line.locator("details.dismiss button").click()
    elif button == "done":
        line.locator("button.primary").click()
    else:
        line.locator("button", has_text=button).first.click()
    line.wait_for(state="detached")


@pytest.mark.parametrize("size", list(SIZES))
def test_work_through_today_by_clicking(browser: Browser, served: str, size: str) -> None:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served}/today")
    page.wait_for_function("() => !!window.htmx")  # the buttons post through HTMX
    page.screenshot(path=str(SCREENSHOTS / f"today-{width}-before.png"), full_page=True)
    keys = _lines(page)
    assert len(keys) == 6, keys  # Ann, Bo, the promise, the milestone; Cy and Pilot routine
    routine_box = page.locator("details.routine")
    assert routine_box.count() == 1 and routine_box.get_attribute("open") is None
    assert routine_box.locator("li.agenda-line").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    loads: list[int] = []
    page.on("load", lambda _: loads.append(1))
    actions = ["done", "Tomorrow", "Dismiss", "Next week"]
    for n in range(len(keys)):
        visible = page.locator("li.agenda-line:visible")
        if visible.count() == 0:
            routine_box.locator("> summary").click()  # unfold the routine check-ins
        key = page.locator("li.agenda-line:visible").first.get_attribute("data-key") or ""
        _click_away(page, key, actions[n % len(actions)])
        assert key not in _lines(page)
    assert not loads, "a line was handled by reloading the page"
    assert _lines(page) == []

    page.reload()
    page.wait_for_load_state()
    assert _lines(page) == []  # stays gone after a reload
    assert "Nothing needs you today" in page.content()
    page.screenshot(path=str(SCREENSHOTS / f"today-{width}-after.png"), full_page=True)
    assert not errors, errors
    context.close()
