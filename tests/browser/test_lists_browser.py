"""Lists that scale, in headless Chromium at 1440 and 390 px: interactions, ties,
observations, favours and promises come fifty to a page and searchable like People; the
command palette (Ctrl-K) and the header search find people, organisations, campaigns,
alliances, goals and notes.

Screenshots go to /tmp/allies-forms-shots.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from allies.config import Settings
from tests.browser.forms_world import MANY, fill, look, serve, tab
from tests.stores import copy_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

LISTS = ("/interactions", "/ties", "/observations", "/favours", "/promises")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[str]:
    """The app serving a workspace with more of every record than one page holds."""
    path: Path = tmp_path_factory.mktemp("lists") / "lists.sqlite3"
    settings = Settings(database_url=copy_store(sqlite_template, path), workspace="lists")
    fill(settings)
    with serve(settings) as url:
        yield url


@pytest.mark.parametrize("path", LISTS)
def test_each_list_is_paged_and_searchable(browser: Browser, base: str, path: str) -> None:
    with tab(browser) as page:
        page.goto(base + path)
        count = page.inner_text("#list-count")
        assert count.startswith("1–50 of "), count
        assert len(page.query_selector_all("ul.records:first-of-type > li.record")) == 50
        page.click("a[rel=next]")
        page.wait_for_url(re.compile(r"page=2"))
        assert page.inner_text("#list-count").startswith("51–")
        assert page.query_selector("a[rel=prev]") is not None
        page.fill("#list-q", "di moss")
        page.press("#list-q", "Enter")
        page.wait_for_url(re.compile(r"q=di\+moss"))
        rows = page.query_selector_all("ul.records:first-of-type > li.record")
        assert 0 < len(rows) < MANY
        assert all("Di Moss" in row.inner_text() for row in rows)
        assert "matching “di moss”" in page.inner_text("#list-count")


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_the_lists_fit_the_screen(browser: Browser, base: str, size: str) -> None:
    with tab(browser, size) as page:
        for path in LISTS:
            page.goto(base + path + "?q=weekly")
            look(page, "list" + path.replace("/", "-"))


def test_a_search_without_accents_finds_the_accented_name(browser: Browser, base: str) -> None:
    with tab(browser) as page:
        page.goto(base + "/interactions?q=bergstrom")
        rows = page.query_selector_all("ul.records:first-of-type > li.record")
        assert len(rows) == 1 and "Anna Bergström" in rows[0].inner_text()
        page.goto(base + "/interactions?q=nothing+like+this")
        assert "Nothing here matches" in page.inner_text("main")


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_the_palette_finds_every_kind(browser: Browser, base: str, size: str) -> None:
    with tab(browser, size) as page:
        page.goto(base + "/today")
        page.keyboard.press("Control+k")
        page.wait_for_selector("#palette:not([hidden])")
        page.keyboard.type("etienne")
        page.wait_for_selector("#palette-results [role=option]")
        assert "Étienne Dubois" in page.inner_text("#palette-results")
        look(page, "palette")
        for typed, kind, title in (
            ("office", "Campaigns", "Office move"),
            ("pilot part", "Alliances", "Pilot partnership"),
            ("analytics", "Goals", "Lead the analytics programme"),
            ("rotterdam", "Notes", "Anna Bergström"),
            ("acme", "Organisations", "Acme"),
        ):
            page.fill("#palette-input", typed)
            page.wait_for_function(
                "t => document.querySelector('#palette-results').innerText.includes(t)", arg=title
            )
            text = page.inner_text("#palette-results")
            assert kind.upper() in text.upper() and title in text
        page.fill("#palette-input", "pilot part")
        page.wait_for_function(
            "() => document.querySelector('#palette-results').innerText.includes('Pilot')"
        )
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/alliances/\d+$"))
        page.keyboard.press("Control+k")
        page.wait_for_selector("#palette:not([hidden])")
        page.keyboard.press("Escape")
        page.wait_for_selector("#palette", state="hidden")


def test_the_header_search_finds_more_than_people(browser: Browser, base: str) -> None:
    with tab(browser, "phone") as page:
        page.goto(base + "/")
        page.fill("#jump", "pilot")
        page.press("#jump", "Enter")
        page.wait_for_url(re.compile(r"/find\?q=pilot"))
        main = page.inner_text("main")
        assert "Pilot partnership" in main and "Alliances" in main
        look(page, "find")
        page.goto(base + "/find?q=zzzz")
        assert "Nothing matches" in page.inner_text("main")
