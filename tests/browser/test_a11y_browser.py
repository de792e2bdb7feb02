"""Every page passes axe-core's accessibility rules (WCAG 2.1 A and AA), in Chromium.

The pages are listed from the app's own routes and visited on the demo organisation, at a
desktop width and at a phone's. axe-core is vendored (``tests/browser/vendor/axe.min.js``,
Mozilla Public License 2.0) and added to every page of this test's browser context before
the page's own scripts (the pages' Content-Security-Policy is bypassed in that context only).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.chromium import Network
from tests.browser.demo_site import DemoSite, html_pages, serve_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """async (tags) => {
  const result = await axe.run(document, { runOnly: { type: "tag", values: tags },
                                            resultTypes: ["violations"] });
  return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " +
                                         n.failureSummary.split("\\n")[1]) }));
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, demo_database: Path) -> Iterator[DemoSite]:
    """The demo organisation, served."""
    with serve_demo(tmp_path_factory.mktemp("a11y"), demo_database) as served:
        yield served


def _violations(tab: Page, network: Network, url: str) -> list[dict[str, Any]] | None:
    """axe-core's violations on the page at ``url`` once it has loaded its parts, every
    disclosure open (None for a fragment, checked within the page that loads it)."""
    answer = tab.goto(url)
    network.settle(quiet=0.05)  # htmx idle, and the map waited for below
    if answer is None or "<html" not in answer.text()[:500]:
        return None
    if "/map" in url:
        tab.wait_for_function("() => document.getElementById('cy').dataset.ready === 'true'")
    tab.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    return list(tab.evaluate(RUN, RULES))


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_passes_axe(browser: Browser, site: DemoSite, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.add_init_script(path=AXE)  # parsed by Chromium, not sent again for each page
    tab = context.new_page()
    network = Network(tab)
    tab.set_default_timeout(30_000)
    found: dict[str, list[dict[str, Any]]] = {}
    pages = html_pages(site)
    assert len(pages) > 40  # the whole app, not a sample
    checked = 0
    for path in pages:
        problems = _violations(tab, network, site.url + path)
        checked += problems is not None
        if problems:
            found[path] = problems
    assert checked > 40
    context.close()
    report = "\n".join(
        f"{path}: {v['id']} ({v['impact']}) {v['help']} — {v['nodes']}"
        for path, problems in found.items()
        for v in problems
    )
    assert not found, f"axe-core found problems on {len(found)} pages:\n{report}"


def test_axe_is_vendored_with_its_licence() -> None:
    assert AXE.read_text(encoding="utf-8").startswith("/*! axe v")
    assert "Mozilla Public License" in (AXE.parent / "axe.LICENSE").read_text(encoding="utf-8")
