"""Issue 17 in a real browser: the People filters fold behind "Filter" on a phone and stay
open on a desktop; the power-interest grid's labels never overlap; releasing a promise is
explained next to its button; today's lines speak a manager's words."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.demo_site import DemoSite, serve_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, demo_database: Path) -> Iterator[DemoSite]:
    """The demo organisation, served."""
    with serve_demo(tmp_path_factory.mktemp("plain-lists"), demo_database) as served:
        yield served


def test_people_filters_fold_on_a_phone_and_stay_open_on_a_desktop(
    browser: Browser, site: DemoSite
) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    tab = phone.new_page()
    tab.goto(f"{site.url}/people", wait_until="networkidle")
    folded = tab.locator("details[data-filters]")
    assert folded.evaluate("d => d.open") is False
    assert tab.locator("#f-tag").is_hidden()
    first = tab.locator("#people-rows a").first.bounding_box()
    assert first is not None and first["y"] < 400  # a result shows without scrolling
    tab.get_by_text("Filter", exact=True).click()
    assert tab.locator("#f-tag").is_visible()
    phone.close()
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = desk.new_page()
    tab.goto(f"{site.url}/people", wait_until="networkidle")
    assert tab.locator("#f-tag").is_visible() and tab.locator("#f-sort").is_visible()
    desk.close()


def test_grid_labels_do_not_overlap_and_everyone_is_listed(
    browser: Browser, site: DemoSite
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{site.url}/campaigns/1", wait_until="networkidle")
    grid = tab.locator("svg[id^='grid-']").first
    boxes = [b for b in (t.bounding_box() for t in grid.locator("text.dot-label").all()) if b]
    assert len(boxes) >= 3
    for a, b in itertools.combinations(boxes, 2):
        apart = (
            a["x"] + a["width"] <= b["x"] + 0.5
            or b["x"] + b["width"] <= a["x"] + 0.5
            or a["y"] + a["height"] <= b["y"] + 0.5
            or b["y"] + b["height"] <= a["y"] + 0.5
        )
        assert apart, (a, b)
    assert tab.locator(".quad-list li").count() >= 2
    table = tab.locator("table.stance-table").first.inner_text()
    assert "cares" in table and "Salience" not in table
    context.close()


def test_release_is_explained_and_due_dates_look_ahead(browser: Browser, site: DemoSite) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(f"{site.url}/promises", wait_until="networkidle")
    release = tab.get_by_role("button", name="Release").first
    assert release.get_attribute("aria-describedby") == "settle-help"
    assert "let it go" in tab.locator("#settle-help").inner_text()
    hint = tab.locator("#promise-due").get_attribute("placeholder") or ""
    assert "next friday" in hint and "ago" not in hint and "yesterday" not in hint
    context.close()


def test_today_speaks_a_managers_words(browser: Browser, site: DemoSite) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{site.url}/", wait_until="networkidle")
    text = tab.locator("main").inner_text()
    assert "tier, health" not in text and "CardDAV" not in text
    assert "relationship is weak (0." not in text
    context.close()
