"""A network survey answered in headless Chromium at 1440 and 390 px: the respondent's own
form (nothing else of the network, no sideways scroll), the answer moves the influence
ranking, and the same link then refuses a second answer. Screenshots go to /tmp
(``survey-<width>.png``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.context import Lens
from allies.services.influence.ranking import influencers
from allies.services.network.people import add_person
from allies.services.surveys.manage import create_survey
from tests.browser.chromium import serve_app
from tests.stores import copy_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PEOPLE = ["Bo Chen", "Cy Park", "Dee Moss", "Eve Ng"]


@pytest.fixture
def settings(tmp_path: Path, sqlite_template: Path) -> Settings:
    """A workspace of five, and one person the survey does not ask about."""
    found = Settings(
        database_url=copy_store(sqlite_template, tmp_path / "s.sqlite3"), workspace="s"
    )
    factory = unit_of_work_factory(found)
    for name in ("Ann Lee", *PEOPLE, "Zed Outsider"):
        add_person(factory("s"), name, is_me=name == "Ann Lee")
    return found


@pytest.fixture
def served(settings: Settings) -> Iterator[str]:
    """uvicorn serving the workspace."""
    from allies.web import create_app

    with serve_app(create_app(settings)) as url:
        yield url


@pytest.mark.parametrize("width", [1440, 390])
def test_a_survey_answered_in_the_browser_moves_the_ranking(
    browser: Browser, settings: Settings, served: str, width: int
) -> None:
    factory = unit_of_work_factory(settings)
    _, links = create_survey(factory("s"), "Who moves the depot", PEOPLE, questions=["advice"])
    by_person = {link.person: link.path for link in links}
    lens = Lens(as_of=date.today())

    def top() -> str:
        return influencers(factory("s"), top=1, lens=lens).influencers[0].name

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    for respondent in ("Bo Chen", "Cy Park", "Eve Ng"):
        page.goto(served + by_person[respondent])
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        text = page.inner_text("body")
        assert "Zed Outsider" not in text and "Ann Lee" not in text
        assert respondent not in page.inner_text("fieldset")  # nobody picks themselves
        if respondent == "Bo Chen":
            page.screenshot(path=f"/tmp/survey-{width}.png", full_page=True)
        page.get_by_label("Dee Moss").check()
        page.get_by_role("button", name="Send my answers").click()
        page.get_by_text("Your answers are recorded").wait_for()
    assert top() == "Dee Moss"
    page.goto(served + by_person["Bo Chen"])
    assert "This link has been used" in page.inner_text("body")
    context.close()
