"""The README's tour: screenshots of the main pages of the demo, made in headless Chromium
so that they show the pages as they are today.

Each run draws ``<page>.png`` (1440 × 900, the top of the page): People, a person,
Today, a campaign, an alliance, the map and health. They go to a folder of the test's own,
so a test run leaves the checkout as it was; ``make screenshots`` sets
``ALLIES_SCREENSHOTS=docs/screenshots`` to redraw the README's pictures.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.alliances.manage import list_alliances
from allies.services.campaigns.editing import list_campaigns
from allies.services.network.people import people_page
from allies.services.team import workspaces as admin
from tests.browser.chromium import Network
from tests.browser.forms_world import serve, tab
from tests.stores import copy_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[tuple[str, dict[str, str]]]:
    """The app serving the demo, and the paths of the pages to show."""
    path = tmp_path_factory.mktemp("tour") / "tour.sqlite3"
    settings = Settings(database_url=copy_store(sqlite_template, path), workspace="demo")
    factory = unit_of_work_factory(settings)
    admin.build_demo_workspace(factory, "demo")
    person = people_page(factory("demo"), search="Lin Huang").items[0].id
    campaign = list_campaigns(factory("demo"))[0].id
    alliance = list_alliances(factory("demo"))[0].id
    pages = {
        "people": "/people",
        "person": f"/people/{person}",
        "today": "/today",
        "campaign": f"/campaigns/{campaign}",
        "alliance": f"/alliances/{alliance}",
        "map": "/map",
        "health": "/health",
    }
    with serve(settings) as base:
        yield base, pages


def test_screenshots_of_the_main_pages(
    browser: Browser, demo: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    base, pages = demo
    asked = os.environ.get("ALLIES_SCREENSHOTS")
    folder = ROOT / asked if asked else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    with tab(browser) as page:
        network = Network(page)
        for name, path in pages.items():
            answer = page.goto(base + path)
            assert answer is not None and answer.status == 200, path
            network.settle()  # the parts the page loads after it
            target = folder / f"{name}.png"
            page.screenshot(path=str(target))
            assert target.stat().st_size > 10_000, f"{name} looks empty"
