"""No page and no API answer shows command-line text, and the pages speak plainly.

A web user cannot type ``allies promise list``: every page of the app (listed from its own
routes, on the demo organisation) and the answers of the main API endpoints are searched
for ``allies`` followed by a command of the command line (:data:`allies.cli.app.COMMANDS`).
The influence pages lead with the people influential beyond their title and keep the
arithmetic behind "How this is computed"; the "why" page never shows a negative base.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from allies.cli.app import COMMANDS
from tests.browser.demo_site import DemoSite, _routes, html_pages, serve_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

#: ``allies`` then a command, as the command line would be typed (``allies tie add``); not
#: the English noun ("an allies backup", "your allies today").
COMMAND_TEXT = re.compile(
    r"(?<![Aa]n )(?<![Tt]he )(?<![Yy]our )(?<!\bmy )\ballies\s+(?:-w\s+\S+\s+|--\S+\s+)*(?:"
    + "|".join(sorted(map(re.escape, COMMANDS), key=len, reverse=True))
    + r")\b"
)
#: Query values the API endpoints with a required parameter are crawled with.
QUERIES = {
    "/api/v1/paths": {"target": "{person}"},
    "/api/v1/influence/path": {"target": "{person}"},
    "/api/v1/influence/confidants": {"target": "{person}"},
    "/api/v1/influence/why": {"person": "{person}"},
    "/api/v1/campaigns/{campaign_id}/stances/history": {"person_id": "{person}"},
    "/api/v1/notes": {"q": "a"},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, demo_database: Path) -> Iterator[DemoSite]:
    """The demo organisation, served."""
    with serve_demo(tmp_path_factory.mktemp("plain"), demo_database) as served:
        yield served


def _command_text(text: str) -> list[str]:
    return sorted({m.group(0) for m in COMMAND_TEXT.finditer(text)})


def test_the_pattern_finds_command_lines() -> None:
    assert _command_text("Run `allies promise list` to see them.") == ["allies promise"]
    assert _command_text("try allies -w demo tie list") == ["allies -w demo tie"]
    assert not _command_text("Your allies and their allies.")
    assert not _command_text("an allies backup (JSON)")


def test_no_page_shows_command_line_text(site: DemoSite) -> None:
    found = {}
    # a fragment a page polls, opened by hand, leads to its page: that page is checked
    with httpx.Client(base_url=site.url, timeout=60, follow_redirects=True) as client:
        for path in html_pages(site):
            answer = client.get(path)
            assert answer.status_code == 200, path
            if hits := _command_text(answer.text):
                found[path] = hits
    assert not found, f"Command-line text in pages: {found}"


def _api_paths(site: DemoSite, person: int) -> list[tuple[str, dict[str, str]]]:
    ids = {
        "{person_id}": person,
        "{campaign_id}": 1,
        "{alliance_id}": 1,
        "{goal_id}": 1,
    }
    crawl = []
    for route in _routes(site.app.routes):
        path = getattr(route, "path", "")
        methods = getattr(route, "methods", None) or set()
        if "GET" not in methods or not path.startswith("/api/v1/") or path.endswith("openapi.json"):
            continue
        if "{format}" in path:
            continue  # whole exports: the data itself, not the app speaking
        filled = path
        for name, value in ids.items():
            filled = filled.replace(name, str(value))
        filled = re.sub(r"\{\w+\}", "1", filled)  # the first record of its kind
        query = {k: v.replace("{person}", str(person)) for k, v in QUERIES.get(path, {}).items()}
        crawl.append((filled, query))
    return crawl


def test_no_api_answer_shows_command_line_text(site: DemoSite) -> None:
    with site.factory("demo") as uow:
        people = uow.people.list()
        ties = uow.ties.list()
    out = {p.id: sum(t.source_id == p.id for t in ties) for p in people}
    loner = min(people, key=lambda p: (out[p.id], p.id or 0))  # trusts no one on record
    someone = next(p for p in people if not p.is_me)
    found = {}
    with httpx.Client(base_url=site.url, timeout=60) as client:
        for person in {loner.id or 0, someone.id or 0}:
            for path, query in _api_paths(site, person):
                answer = client.get(path, params=query)
                assert answer.status_code < 500, (path, answer.text[:300])
                if hits := _command_text(answer.text):
                    found[path] = hits
        for path in ("/api/v1/people/999999", "/api/v1/campaigns/999999/plan", "/api/v1/ties/0"):
            if hits := _command_text(client.get(path).text):
                found[path] = hits
    assert not found, f"Command-line text in API answers: {found}"


def test_influence_leads_with_people_beyond_their_title(page: Page, site: DemoSite) -> None:
    page.goto(f"{site.url}/influence")
    first = page.locator("main h2").first
    assert first.inner_text() == "Influential beyond their title"
    names = page.locator("#standout-list .standout-name").all_inner_texts()
    assert {"Lin Huang", "Ren Nakamura", "Francesca Gallo"} <= set(names)  # the demo's insight
    assert "nobody reports to them" in page.locator("#standouts").inner_text()
    # Model names and formulas wait behind "How this is computed".
    visible = page.locator("main").inner_text()
    for jargon in ("PageRank", "Louvain", "modularity", "betweenness", "Betweenness", "d = 0.85"):
        assert jargon not in visible, jargon
    how = page.locator("#rankings details.how")
    how.locator("summary").click()
    assert "PageRank" in how.inner_text()


def test_the_why_page_explains_in_plain_words(page: Page, site: DemoSite) -> None:
    with site.factory("demo") as uow:
        ren = next(p for p in uow.people.list() if p.name == "Ren Nakamura")
    page.goto(f"{site.url}/people/{ren.id}/influence")
    lead = page.locator("p.lead").inner_text()
    assert "most listened-to of" in lead and "take their lead" in lead
    visible = page.locator("main").inner_text()
    assert "base" not in visible and "PageRank" not in visible
    page.locator("details#how summary").click()
    how = page.locator("details#how").inner_text()
    assert "PageRank" in how
    assert not re.search(r"−\d|-\d\.\d+ \(base\)", how)  # never a negative base


PHONE_PAGES = ["/influence", "/people/{ren}/influence", "/powerbase", "/goals/1"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_plain_pages_fit_a_phone_with_the_arithmetic_open(
    browser: Browser, site: DemoSite, path: str
) -> None:
    with site.factory("demo") as uow:
        ren = next(p.id for p in uow.people.list() if p.name == "Ren Nakamura")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(site.url + path.format(ren=ren))
    tab.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390
    context.close()
