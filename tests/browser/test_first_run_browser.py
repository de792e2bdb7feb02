"""A first run that guides, in headless Chromium at 1440 and 390 px: an empty workspace
offers to add yourself, to import contacts or a calendar, or to open the demo, and the
demo is built in a workspace of its own (never in yours), with no command-line text on
the page.

Screenshots go to /tmp/allies-forms-shots.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings, sqlite_url
from tests.browser.forms_world import look, serve, tab

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

COMMAND = re.compile(r"\ballies\s+(-w|--|[a-z]+\s)")


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_an_empty_workspace_offers_three_ways_to_begin(
    browser: Browser, tmp_path: Path, size: str
) -> None:
    settings = Settings(database_url=sqlite_url(tmp_path / "empty.sqlite3"), workspace="mine")
    with serve(settings) as base, tab(browser, size) as page:
        page.goto(base + "/")
        offers = page.inner_text("#first-run")
        look(page, "first-run")
        assert "Add yourself" in offers and "Import" in offers and "demo" in offers
        page.click("text=Add yourself >> nth=-1")
        page.wait_for_url(re.compile(r"/people/new\?me=1"))
        assert page.is_checked("input[name=is_me]")
        page.go_back()
        page.click("#first-run >> text=Import a file")
        page.wait_for_url(re.compile(r"/transfer"))


def test_the_demo_button_builds_the_demo_beside_my_workspace(
    browser: Browser, tmp_path: Path
) -> None:
    settings = Settings(database_url=sqlite_url(tmp_path / "fresh.sqlite3"), workspace="mine")
    with serve(settings) as base, tab(browser, "phone") as page:
        page.goto(base + "/")
        page.click("text=Load the demo")
        page.wait_for_url(re.compile(r"/demo$"))
        text = page.inner_text("main")
        look(page, "demo-ready")
        assert "“demo”" in text and "“mine”" in text and not COMMAND.search(text)
    factory = unit_of_work_factory(settings)
    with factory("demo") as uow:
        assert uow.people.count() > 20
    with factory("mine") as uow:
        assert uow.people.count() == 0


def test_the_demo_appears_at_once_where_the_app_shows_the_demo_workspace(
    browser: Browser, tmp_path: Path
) -> None:
    settings = Settings(database_url=sqlite_url(tmp_path / "demo.sqlite3"), workspace="demo")
    with serve(settings) as base, tab(browser) as page:
        page.goto(base + "/")
        page.click("text=Load the demo")
        page.wait_for_url(re.compile(r"saved=demo"))
        assert "The demo is ready" in page.inner_text(".flash")
        assert page.query_selector("#first-run") is None
