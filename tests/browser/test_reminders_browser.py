"""Settings › Reminders in headless Chromium at 1440 and 360 px: nothing wider than the
screen, and the form saves by clicking. Screenshots go to /tmp (``reminders-<width>.png``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from allies.config import Settings
from tests.browser.chromium import serve_app
from tests.keyring_backend import isolated_keyring
from tests.stores import copy_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """uvicorn serving an empty workspace, with a keyring of the test's own."""
    settings = Settings(
        database_url=copy_store(sqlite_template, tmp_path / "r.sqlite3"), workspace="r"
    )
    from allies.web import create_app

    with isolated_keyring(tmp_path / "keyring.json"), serve_app(create_app(settings)) as url:
        yield url


@pytest.mark.parametrize("width", [1440, 360])
def test_the_reminders_page_fits_and_saves(browser: Browser, served: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(served + "/settings/reminders")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_label("Send to").fill("me@example.org")
    page.get_by_label("Mail server (SMTP)").fill("smtp.example.org")
    page.get_by_label("Password").fill("not shown again")
    page.get_by_role("checkbox", name="Mon").check()
    page.get_by_role("button", name="Save reminders").click()
    page.get_by_text("Reminders saved.").wait_for()
    assert page.get_by_text("The next digest goes").is_visible()
    assert page.get_by_text("A password is kept").is_visible()
    assert "not shown again" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"/tmp/reminders-{width}.png", full_page=True)
    context.close()
