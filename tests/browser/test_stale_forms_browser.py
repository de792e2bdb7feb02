"""Two people change one campaign, in headless Chromium at 1280 and 390 px (issue 21).

The campaign's form is opened and typed into; someone else renames the campaign in the
meantime; the save is refused beside the form with what the other person changed, the
typed text is still in the fields, the campaign keeps the other person's name, and saving
again puts the typed text in place. The stance table shows every row's problem at once,
and the forecast table leads with plain words, the models' names behind "How this is
computed". Screenshots go to /tmp/allies-forms-shots (``stale-*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.alliances import manage as alliances
from allies.services.campaigns import editing as campaigns
from allies.services.standing.goals import create_goal, set_goal_status
from tests.browser.forms_world import SHOTS, fill, serve
from tests.stores import copy_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Settings:
    """A workspace with people, a campaign and an alliance."""
    path: Path = tmp_path_factory.mktemp("stale") / "stale.sqlite3"
    made = Settings(database_url=copy_store(sqlite_template, path), workspace="stale")
    fill(made, many=3)
    return made


@pytest.fixture(scope="module")
def base(settings: Settings) -> Iterator[str]:
    """The app serving that workspace."""
    with serve(settings) as url:
        yield url


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(SHOTS / f"stale-{name}-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} scrolls sideways at {width} px ({scroll} px wide)"


@pytest.mark.parametrize("size", list(WIDTHS))
def test_a_stale_campaign_save_keeps_the_text_and_says_what_changed(
    browser: Browser, base: str, settings: Settings, size: str
) -> None:
    factory = unit_of_work_factory(settings)
    name = f"Office move ({size})"
    made = campaigns.create_campaign(
        factory(settings.workspace), name, issues=["Site: remote .. on site @ 20"]
    )
    context = browser.new_context(viewport={"width": WIDTHS[size], "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{base}/campaigns/{made.id}")
        page.fill("#settings-name", f"My name ({size})")
        page.fill("#settings-description", "Typed with care")
        campaigns.edit_campaign(factory(settings.workspace), f"#{made.id}", name=f"Theirs ({size})")
        page.click("text=Save the campaign")
        page.wait_for_selector("#settings-error")
        message = page.inner_text("#settings-error")
        assert "Someone else changed this campaign since you opened it" in message
        assert f"the name is now “Theirs ({size})”" in message
        assert page.input_value("#settings-name") == f"My name ({size})"
        assert page.input_value("#settings-description") == "Typed with care"
        page.locator("#settings-error").scroll_into_view_if_needed()
        _shot(page, "campaign")
        stored = campaigns.get_campaign(factory(settings.workspace), f"#{made.id}")
        assert stored.name == f"Theirs ({size})" and stored.description == ""
        page.click("text=Save the campaign")  # a deliberate second save puts the text in
        page.wait_for_url(re.compile(r"\?saved=campaign"))
        stored = campaigns.get_campaign(factory(settings.workspace), f"#{made.id}")
        assert stored.name == f"My name ({size})"
        # the forecast table leads with plain words, the models' names behind the disclosure
        table = page.inner_text("#forecast-table")
        assert "Friedkin" not in table and "Best guess" in table
        how = page.locator("#forecasts details.how")
        how.locator("summary").click()
        assert "Friedkin-Johnsen" in how.inner_text()
        _shot(page, "forecasts")
        # every problem of the stance table at once, beside its cell
        page.goto(f"{base}/campaigns/{made.id}/stances")
        row = page.locator("tr.new-row").first
        row.locator("input").nth(0).fill("Nobody Known")
        row.locator("input").nth(1).fill("140")
        row.locator("input").nth(2).fill("lots")
        page.click("text=Save stances")
        page.wait_for_selector("#stances-error")
        assert page.locator("td.invalid .field-error").count() == 3
        _shot(page, "stances")
    finally:
        context.close()


@pytest.mark.parametrize("size", list(WIDTHS))
def test_a_stale_agreement_and_goal_status_are_refused_beside_their_forms(
    browser: Browser, base: str, settings: Settings, size: str
) -> None:
    factory = unit_of_work_factory(settings)
    made = alliances.create_alliance(factory(settings.workspace), f"Pilot ({size})")
    goal = create_goal(factory(settings.workspace), f"Lead the pilot ({size})")
    context = browser.new_context(viewport={"width": WIDTHS[size], "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{base}/alliances/{made.id}")
        page.fill("#agreement-agreed", "Meet every month")
        alliances.set_agreement(factory(settings.workspace), f"#{made.id}", agreed="Share data")
        page.click("text=Save the agreement")
        page.wait_for_selector("#agreement-error")
        message = page.inner_text("#agreement-error")
        assert "What is agreed is now “Share data” (it was empty)" in message
        assert page.input_value("#agreement-agreed") == "Meet every month"
        _shot(page, "alliance")
        page.goto(f"{base}/goals/{goal.id}")
        set_goal_status(factory(settings.workspace), f"#{goal.id}", "reached")
        page.click("text=Mark dropped")
        page.wait_for_selector("#status-error")
        assert "its status is now “reached” (it was “open”)" in page.inner_text("#status-error")
        _shot(page, "goal")
    finally:
        context.close()
