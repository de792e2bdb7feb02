"""The Accounts page in headless Chromium, on a laptop and on a phone, against a real
Dovecot: a refused password adds nothing; the right one adds the account; "Sync now"
brings the mail in and shows the last sync.

Screenshots go to /tmp (``accounts-<width>-added.png``, ``accounts-<width>-synced.png``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.network.people import add_person
from tests.browser.chromium import serve_app
from tests.servers.dovecot import PASSWORD, Dovecot, DovecotUnavailable, running_dovecot
from tests.servers.mailgen import ME, mailbox
from tests.stores import copy_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")
SIZES = {"laptop": (1440, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot of this module's own."""
    try:
        with running_dovecot() as server:
            yield server
    except DovecotUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def served(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """uvicorn serving an empty workspace with me in it (passwords encrypted with a key)."""
    settings = Settings(
        database_url=copy_store(sqlite_template, tmp_path / "accounts.sqlite3"),
        workspace="accounts",
        secret_key="a-secret-key-for-the-browser-test-0123456789",
    )
    add_person(unit_of_work_factory(settings)("accounts"), "Ana Ruiz", is_me=True, emails=ME)
    from allies.web import create_app

    with serve_app(create_app(settings)) as url:
        yield url


def _fill(page: Page, dovecot: Dovecot, user: str, password: str) -> None:
    page.fill("#name", "work")
    page.select_option("#kind", "imap")
    page.fill("#url", dovecot.url)
    page.fill("#user", user)
    page.fill("#password", password)
    more = page.locator("details.account-more")
    if more.get_attribute("open") is None:
        more.locator("> summary").click()
    page.fill("#me", ME)
    page.get_by_role("button", name="Test and connect").click()
    page.wait_for_load_state()


def _no_sideways_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("size", list(SIZES))
def test_add_an_account_and_sync_it_from_the_page(
    browser: Browser, served: str, dovecot: Dovecot, size: str
) -> None:
    width, height = SIZES[size]
    user = dovecot.new_user()
    dovecot.deliver(user, mailbox(150))
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served}/settings/accounts")
    assert "No account is connected yet" in page.content()
    _no_sideways_scroll(page, width)

    _fill(page, dovecot, user, "not-the-password")
    alert = page.locator("form.account-form .error-box")
    assert "It was not added" in alert.inner_text() and "refused the login" in alert.inner_text()
    assert page.locator("li.account-card").count() == 0
    assert page.input_value("#password") == ""  # a password is never sent back

    _fill(page, dovecot, user, PASSWORD)
    card = page.locator("#account-work")
    assert "Not synced yet." in card.inner_text()
    assert "INBOX holds 150 messages" in page.locator("p.flash").inner_text()
    page.screenshot(path=str(SCREENSHOTS / f"accounts-{width}-added.png"), full_page=True)
    _no_sideways_scroll(page, width)

    card.get_by_role("button", name="Sync now").click()
    page.wait_for_load_state()
    card = page.locator("#account-work")
    assert "Last sync:" in card.inner_text()
    assert card.locator(".account-summary").inner_text().startswith("Added ")
    assert "work: Added" in page.locator("p.flash").inner_text()
    page.screenshot(path=str(SCREENSHOTS / f"accounts-{width}-synced.png"), full_page=True)
    _no_sideways_scroll(page, width)
    assert PASSWORD not in page.content()
    assert not errors, errors
    context.close()
