"""End-to-end tests in headless Chromium: what a newcomer does in the first minutes.

Runs Debian's Chromium (``/usr/bin/chromium``) through Playwright against uvicorn on a free
port of 127.0.0.1 and a temporary SQLite database. ``make test`` installs Chromium when it
is missing; without it these tests fail and say so.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
import uvicorn

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie
from allies.web import create_app
from tests.browser.chromium import free_port
from tests.stores import copy_store

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[str]:
    """uvicorn serving a small network (me, Ann, Bo) in a background thread."""
    path = tmp_path_factory.mktemp("browser") / "browser.sqlite3"
    settings = Settings(database_url=copy_store(sqlite_template, path), workspace="browser")
    factory = unit_of_work_factory(settings)
    add_person(factory("browser"), "Me Myself", is_me=True)
    add_person(factory("browser"), "Ann Lee", organisation="Acme", unit="Legal", tags="legal")
    add_person(factory("browser"), "Bo Chen", organisation="Acme", unit="Finance")
    add_tie(factory("browser"), "me", "knows", "Ann Lee", weight=0.9)
    add_tie(factory("browser"), "Ann Lee", "listens_to", "Bo Chen", weight=0.7)
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 15 seconds")
        time.sleep(0.05)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def test_add_a_person_through_the_form(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/people")
    page.get_by_role("link", name="Add a person").click()
    name = page.get_by_label("Name", exact=True)
    assert name.evaluate("el => el === document.activeElement")  # the first field has focus
    name.fill("Dee Evans")
    page.get_by_label("Title").fill("Planning officer")
    page.get_by_label("Organisation").fill("City Council")
    page.get_by_label("Tags").fill("council, housing")
    page.get_by_label("Level relative to me").select_option("external")
    page.get_by_label("Name", exact=True).press("Enter")  # Enter submits
    page.wait_for_url(re.compile(r"/people/\d+\?saved=person"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Dee Evans")
    assert "Planning officer" in page.content()


def test_log_a_meeting_with_two_people(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/log")
    people = page.get_by_label("Who did you meet?")
    assert people.evaluate("el => el === document.activeElement")
    people.fill("Ann Lee, Bo Chen")
    page.get_by_label("What happened, in a line").fill("Agreed the budget approach")
    page.get_by_label("How did it go?").select_option("1")
    page.get_by_role("button", name="Log meeting").click()
    page.wait_for_url(re.compile(r"saved=meeting"))
    assert "Meeting logged." in page.content()
    page.goto(f"{base_url}/people")
    page.get_by_role("link", name="Bo Chen").click()
    story = page.locator("#story").inner_text()
    assert "group meeting with Ann Lee, Bo Chen" in story
    assert "Agreed the budget approach" in story
    page.screenshot(path=str(SCREENSHOTS / "allies-person.png"), full_page=True)


def test_record_an_observation(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/people")
    page.get_by_role("link", name="Ann Lee").click()
    page.get_by_role("tab", name="Observation").click()
    panel = page.locator("#panel-observation")
    assert panel.get_by_label("Who", exact=True).input_value().startswith("Ann Lee")
    panel.get_by_label("… did what").select_option("deferred_to")
    panel.get_by_label("… to whom").fill("Bo Chen")
    panel.get_by_label("Where (a meeting, a thread)").fill("Steering group")
    panel.get_by_role("button", name="Record observation").click()
    page.wait_for_url(re.compile(r"saved=observation"))
    assert "Ann Lee deferred to Bo Chen (Steering group)" in page.locator("#story").inner_text()


def test_a_mistake_is_shown_on_the_field(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/log")
    page.get_by_label("Who did you meet?").fill("Nobody Atall")
    page.get_by_role("button", name="Log meeting").click()
    assert "That was not saved" in page.get_by_role("alert").inner_text()
    field = page.get_by_label("Who did you meet?")
    assert field.input_value() == "Nobody Atall"
    assert field.get_attribute("aria-invalid") == "true"
    said = page.locator("#" + (field.get_attribute("aria-describedby") or "none"))
    assert "Nobody called 'Nobody Atall'" in said.inner_text()  # beside the field


def test_find_someone_by_typing(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/")
    page.keyboard.press("/")  # the search shortcut
    page.keyboard.type("be")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/find\?q=be"))  # everything that matches, by kind
    page.goto(f"{base_url}/people?q=be")
    search = page.get_by_label("Search")
    search.fill("")
    search.press_sequentially("che", delay=40)  # search as you type, no Enter
    page.wait_for_function(
        "() => document.querySelectorAll('#people-rows .person-link').length === 1"
    )
    assert page.locator("#people-rows .person-link").inner_text().strip() == "Bo Chen"
    assert "q=che" in page.url  # the address follows the search
    page.get_by_role("link", name="Bo Chen").click()
    page.wait_for_url(re.compile(r"/people/\d+$"))


def test_the_map_draws_everyone(page: Page, base_url: str) -> None:
    people = httpx.get(f"{base_url}/api/v1/people", params={"limit": 500}).json()["total"]
    page.goto(f"{base_url}/map")
    page.wait_for_function("() => document.getElementById('cy').dataset.ready === 'true'")
    assert page.evaluate("() => window.alliesMap.nodeCount") == people
    assert page.locator("#cy").get_attribute("data-node-count") == str(people)
    assert page.evaluate("() => window.alliesMap.cy.edges().length") == 2
    page.get_by_label("To", exact=True).fill("Bo Chen")
    page.get_by_role("button", name="Highlight path").click()
    page.wait_for_function("() => document.getElementById('cy').dataset.pathLength === '3'")
    assert "Me Myself → Ann Lee → Bo Chen" in page.locator("#path-result").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "allies-map.png"), full_page=True)
    page.get_by_label("knows", exact=True).uncheck()
    page.wait_for_function(
        "() => window.alliesMap.cy.edges().not('.off').not('.meta-edge').length === 1"
    )


def test_a_phone_sized_screen(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{base_url}/log")
    width = tab.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    tab.screenshot(path=str(SCREENSHOTS / "allies-phone-log.png"), full_page=True)
    context.close()
