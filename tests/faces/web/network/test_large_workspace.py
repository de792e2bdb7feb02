"""A workspace too large to send whole: the people list pages, and person fields find
names as you type (in-process, and in headless Chromium)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
import uvicorn
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings, sqlite_url
from allies.domain import Person
from allies.web import create_app
from allies.web.pages.common import INLINE_PEOPLE
from allies.web.pages.network.people import PAGE_SIZE
from tests.browser.chromium import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: More people than a page sends inline, all called "Person NNN", and one Zora Quill.
SIZE = INLINE_PEOPLE + 20


def _fill(settings: Settings) -> int:
    factory = unit_of_work_factory(settings)
    with factory(settings.workspace) as uow:
        for n in range(SIZE):
            uow.people.add(Person(name=f"Person {n:03d}", tags=["crowd"]))
        zora = uow.people.add(Person(name="Zora Quill", tags=["vip"]))
        uow.commit()
    return zora.id or 0


@pytest.fixture
def crowd(settings: Settings) -> int:
    """The test's workspace, filled; the id of Zora Quill."""
    return _fill(settings)


def _names(html: str) -> list[str]:
    return re.findall(r'class="person-link" href="/people/\d+">([^<]+)<', html)


def test_the_people_list_shows_a_page_at_a_time(client: TestClient, crowd: int) -> None:
    first = client.get("/people")
    assert first.status_code == 200
    assert _names(first.text) == [f"Person {n:03d}" for n in range(PAGE_SIZE)]
    total = SIZE + 1
    assert f"1–{PAGE_SIZE} of {total} people" in first.text
    assert 'href="/people?page=2" rel="next"' in first.text
    last_page = -(-total // PAGE_SIZE)
    last = client.get(f"/people?page={last_page}")
    assert _names(last.text)[-1] == "Zora Quill"
    assert 'rel="prev"' in last.text and 'rel="next"' not in last.text
    filtered = client.get("/people?tag=crowd&page=2")
    assert f"of {SIZE} of {total} people" in filtered.text
    assert 'href="/people?tag=crowd&amp;page=3"' in filtered.text
    assert client.get("/people?page=0").status_code == 422


def test_person_fields_ask_for_names_in_a_large_workspace(client: TestClient, crowd: int) -> None:
    log = client.get("/log").text
    assert 'data-remote="/suggest/people"' in log
    assert "Person 001" not in log  # not sent with the page
    found = client.get("/suggest/people", params={"q": "zor"})
    assert found.json() == [f"Zora Quill (#{crowd})"]
    starts_first = client.get("/suggest/people", params={"q": "person 01"}).json()
    assert starts_first[:2] == [n for n in starts_first if n.startswith("Person 01")][:2]
    assert len(client.get("/suggest/people", params={"q": "person"}).json()) == 20
    assert client.get("/suggest/people", params={"q": "x" * 201}).status_code == 422


def test_other_fields_fetch_the_vocabulary_once_in_a_large_workspace(
    client: TestClient, crowd: int
) -> None:
    edit = client.get(f"/people/{crowd}/edit").text
    assert 'id="tag-list" data-remote="/suggest/vocabulary" data-key="tags"></datalist>' in edit
    found = client.get("/suggest/vocabulary").json()
    assert found == {"organisations": [], "units": [], "tags": ["crowd", "vip"]}
    listing = client.get("/people").text  # the list's filters still offer every tag
    assert re.search(r"<option\s*>crowd</option>", listing)
    assert re.search(r"<option\s*>vip</option>", listing)


def test_a_small_workspace_still_sends_everyone(client: TestClient, network: object) -> None:
    log = client.get("/log").text
    assert "data-remote" not in log
    assert re.search(r'<option value="Ann Lee \(#\d+\)">', log)


@pytest.fixture(scope="module")
def crowd_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn serving a large workspace in a background thread."""
    path = tmp_path_factory.mktemp("crowd") / "crowd.sqlite3"
    settings = Settings(database_url=sqlite_url(path), workspace="crowd")
    _fill(settings)
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 15 seconds")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _options(page: Page, list_id: str) -> list[str]:
    values: list[str] = page.eval_on_selector_all(
        f"datalist#{list_id} option", "options => options.map(o => o.value)"
    )
    return values


@pytest.mark.browser
def test_typing_a_name_fetches_suggestions(page: Page, crowd_url: str) -> None:
    page.goto(f"{crowd_url}/log")
    who = page.get_by_label("Who did you meet?")
    who.type("Zor")
    list_id = who.get_attribute("list") or ""
    page.wait_for_function(
        "id => [...document.querySelectorAll('datalist#' + id + ' option')]"
        ".some(o => o.value.includes('Zora Quill'))",
        arg=list_id,
    )
    shown = _options(page, list_id)
    assert any(re.fullmatch(r"Zora Quill \(#\d+\)", v) for v in shown)
    who.fill("")
    who.type("Person 00, Zo")
    page.wait_for_function(
        "id => [...document.querySelectorAll('datalist#' + id + ' option')]"
        ".some(o => o.value.startsWith('Person 00, Zora Quill'))",
        arg=list_id,
    )


@pytest.mark.browser
def test_a_tag_field_fills_its_suggestions_when_used(page: Page, crowd_url: str) -> None:
    page.goto(f"{crowd_url}/people/new")
    tags = page.get_by_label("Tags")
    list_id = tags.get_attribute("list") or ""
    assert _options(page, list_id) == []
    tags.focus()
    page.wait_for_function(
        "id => document.querySelectorAll('datalist#' + id + ' option').length > 0", arg=list_id
    )
    assert _options(page, list_id) == ["crowd", "vip"]


@pytest.mark.browser
def test_paging_through_people(page: Page, crowd_url: str) -> None:
    page.goto(f"{crowd_url}/people")
    assert page.locator(".person-link").count() == PAGE_SIZE
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url(re.compile(r"/people\?page=2$"))
    page.wait_for_function(
        "() => document.querySelector('.person-link').textContent.includes('050')"
    )
    assert page.locator(".person-link").first.inner_text().startswith("Person 050")
    page.get_by_label("Search").fill("zora")
    page.wait_for_function("() => document.querySelectorAll('.person-link').length === 1")
    assert page.locator(".person-link").inner_text().startswith("Zora Quill")
