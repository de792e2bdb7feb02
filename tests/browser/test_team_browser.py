"""Team mode in headless Chromium: log in, change something through a form (its CSRF token
rendered by the server, and kept by the page's script), log out; no script error and no
policy violation on the way."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
import uvicorn

from allies.bootstrap import unit_of_work_factory
from allies.services.network.people import add_person
from allies.services.team import accounts
from allies.web import create_app
from tests.browser.chromium import free_port
from tests.faces.web.team_setup import PASSWORD, team_settings
from tests.pg import PostgresUnavailable, fresh_database

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


@pytest.fixture(scope="module")
def team_url() -> Iterator[str]:
    """A team server on http://localhost (a secure context, so Secure cookies work)."""
    try:
        with fresh_database() as url:
            settings = team_settings(url)
            factory = unit_of_work_factory(settings)
            accounts.add_user(factory, "ann", PASSWORD, display_name="Ann Lee")
            accounts.add_workspace(factory, "alpha", owner="ann")
            add_person(factory("alpha"), "Bo Chen", organisation="Acme")
            port = free_port()
            config = uvicorn.Config(
                create_app(settings), host="127.0.0.1", port=port, log_level="warning"
            )
            server = uvicorn.Server(config)
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            deadline = time.monotonic() + 15
            while not server.started:
                if time.monotonic() > deadline:
                    pytest.fail("uvicorn did not start within 15 seconds")
                time.sleep(0.05)
            yield f"http://localhost:{port}"
            server.should_exit = True
            thread.join(timeout=10)
            factory.engine.dispose()  # type: ignore[attr-defined]
    except PostgresUnavailable as error:
        pytest.fail(str(error), pytrace=False)


def test_log_in_write_a_private_note_and_log_out(browser: Browser, team_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.goto(f"{team_url}/people")
    page.wait_for_url(re.compile(r"/login\?next="))
    page.get_by_label("Username").fill("ann")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/people$"))
    assert "Ann Lee" in page.content()
    page.get_by_role("link", name="Bo Chen").first.click()
    page.get_by_role("link", name="Notes").click()
    page.get_by_label("New note").fill("Prefers a call")
    page.get_by_label("Private: only I will see it").check()
    page.get_by_role("button", name="Save the note").click()
    page.wait_for_url(re.compile(r"/notes\?saved=note"))
    assert "Prefers a call" in page.content() and "private" in page.content()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/login"))
    page.goto(f"{team_url}/people")
    page.wait_for_url(re.compile(r"/login\?next="))
    context.close()
    assert not problems, problems
