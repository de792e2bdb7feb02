"""The map of a large network in headless Chromium: an overview (clusters and the most
influential people) whose clusters, circles and paths are fetched when opened, and names
that never overlap. The demo organisation stands in for a large one: the overview starts
above 20 people and draws the 8 most influential on their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from allies.services.network import map_view
from tests.browser.demo_site import DemoSite, serve_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")
READY = "() => document.getElementById('cy').dataset.ready === 'true'"
IDLE = "() => !document.getElementById('cy').dataset.busy"
COUNT = "() => window.alliesMap.cy.nodes().not('.cluster').length"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, demo_database: Path) -> Iterator[DemoSite]:
    """The demo organisation, served as a large network would be."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(map_view, "EVERYONE_UP_TO", 20)
        patch.setattr(map_view, "TOP", 8)
        with serve_demo(tmp_path_factory.mktemp("overview"), demo_database) as served:
            yield served


def _id(site: DemoSite, name: str) -> int:
    with site.factory("demo") as uow:
        return next(p.id or 0 for p in uow.people.list() if p.name == name)


def _open(page: Page, site: DemoSite, query: str = "") -> None:
    page.goto(f"{site.url}/map{query}")
    page.wait_for_function(READY)


def test_the_overview_opens_clusters_on_click(page: Page, site: DemoSite) -> None:
    _open(page, site)
    assert page.evaluate("() => window.alliesMap.large") is True
    clusters = page.evaluate("() => window.alliesMap.cy.nodes('.cluster').length")
    assert clusters > 1
    people = page.evaluate(COUNT)
    assert people <= 9  # the eight most influential, and me
    assert "70 people" in page.locator("#map-status").inner_text()
    # "No clusters" would draw everyone: not offered for a large network.
    assert page.locator("#map-gather option[value=none]").count() == 0
    opener = page.locator("#map-panel li button").first
    label = opener.inner_text()
    opener.click()
    page.wait_for_function("() => !!document.getElementById('cy').dataset.opened")
    page.wait_for_function(IDLE)
    assert page.evaluate(COUNT) > people
    assert page.locator("#map-panel").get_by_role("button", name="Close").count() == 1
    assert label.startswith("Open ")
    # A cluster on the canvas opens too; by unit, the clusters are units.
    page.get_by_label("Gather into").select_option("unit")
    page.wait_for_function(IDLE)
    keys = page.evaluate("() => window.alliesMap.cy.nodes('.cluster').map(n => n.data('key'))")
    assert keys and all(key.startswith("unit:") for key in keys)
    page.evaluate("() => { window.alliesMap.cy.nodes('.cluster')[0].emit('tap'); }")
    page.wait_for_function(
        "() => (document.getElementById('cy').dataset.opened || '').startsWith('unit:')"
    )


def test_a_focus_fetches_the_circle(page: Page, site: DemoSite) -> None:
    lin = _id(site, "Lin Huang")
    _open(page, site)
    search = page.get_by_label("Find on the map")
    search.fill("lin huang")
    search.press("Enter")
    page.wait_for_function(f"() => document.getElementById('cy').dataset.focus === '{lin}'")
    page.wait_for_function(IDLE)
    assert page.locator("#map-panel h2").inner_text() == "Lin Huang"
    circle = int(page.locator("#cy").get_attribute("data-circle") or 0)
    assert circle > 1
    assert page.evaluate("() => window.alliesMap.cy.nodes('.faded').length") > 0
    page.get_by_label("Circle").select_option("2")
    page.wait_for_function(IDLE)
    page.wait_for_function(f"() => Number(document.getElementById('cy').dataset.circle) > {circle}")
    page.get_by_role("button", name="Show everyone").first.click()
    page.wait_for_function("() => !document.getElementById('cy').dataset.focus")
    page.wait_for_function(IDLE)
    assert page.evaluate("() => window.alliesMap.cy.nodes('.faded').length") == 0
    # Opened from a link to someone not among the most influential.
    _open(page, site, f"?focus={lin}")
    assert page.locator("#cy").get_attribute("data-focus") == str(lin)


def test_the_power_map_counts_everyone(page: Page, site: DemoSite) -> None:
    _open(page, site)
    page.get_by_label("Colour by").select_option("side")
    legend = page.locator("#map-legend").inner_text()
    assert "Shared analytics platform" in legend
    # Counted over all 70 people, not only those drawn.
    counted = sum(
        int(part.split(":")[1].split()[0])
        for part in legend.split("\n")
        if part.split(":")[0] in {"For", "Against", "Undecided", "Stance not known"}
    )
    assert counted == 70


def test_a_path_draws_its_people(page: Page, site: DemoSite) -> None:
    _open(page, site)
    page.locator("#path-to").fill(f"Aiko Watanabe (#{_id(site, 'Aiko Watanabe')})")
    page.get_by_role("button", name="Highlight path").click()
    page.wait_for_function("() => !!document.getElementById('cy').dataset.pathLength")
    page.wait_for_function(IDLE)
    on_path = page.evaluate("() => window.alliesMap.cy.nodes('.path').length")
    assert on_path == int(page.locator("#cy").get_attribute("data-path-length") or 0) > 1


def _overlaps(page: Page) -> list[tuple[str, str]]:
    """Pairs of names on screen drawn over each other (boxes as Cytoscape measures them)."""
    return page.evaluate(
        """() => {
            const cy = window.alliesMap.cy;
            const onScreen = n => {
                const p = n.renderedPosition();
                return p.x >= 0 && p.y >= 0 && p.x <= cy.width() && p.y <= cy.height();
            };
            const shown = cy.nodes().filter(n => n.visible() && !n.hasClass('quiet')
                && !n.hasClass('faded') && n.style('label') && onScreen(n));
            const boxes = [];
            shown.forEach(n => {
                const size = parseFloat(n.style('font-size')) * cy.zoom();
                const min = parseFloat(n.style('min-zoomed-font-size'));
                if (size < min || Number(n.style('text-opacity')) === 0) return;
                const b = n.boundingBox(
                    {includeNodes: false, includeEdges: false, includeLabels: true});
                if (b.w > 0) boxes.push([n.data('name'), b]);
            });
            const pairs = [];
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                const [a, p] = boxes[i], [b, q] = boxes[j];
                const w = Math.min(p.x2, q.x2) - Math.max(p.x1, q.x1);
                const h = Math.min(p.y2, q.y2) - Math.max(p.y1, q.y1);
                const least = Math.min(p.w * p.h, q.w * q.h);
                if (w > 0 && h > 0 && w * h > 0.25 * least) pairs.push([a, b]);
            }
            return pairs;
        }"""
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_names_never_overlap(browser: Browser, site: DemoSite, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(f"{site.url}/map")
    tab.wait_for_function(READY)
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= width
    assert _overlaps(tab) == []
    assert int(tab.locator("#cy").get_attribute("data-named") or 0) > 0  # some names shown
    tab.locator("#map-panel li button").first.click()
    tab.wait_for_function(IDLE)
    tab.wait_for_timeout(300)  # the names are placed once the zoom settles
    assert _overlaps(tab) == []
    tab.screenshot(path=str(SCREENSHOTS / f"allies-map-overview-{width}.png"), full_page=True)
    context.close()


def test_the_overview_exports(page: Page, site: DemoSite) -> None:
    _open(page, site)
    with page.expect_download() as svg:
        page.get_by_role("button", name="Download SVG").click()
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert text.startswith("<svg") and "Around " in text  # the clusters, named
    discs = page.evaluate("() => window.alliesMap.cy.nodes('.disc').length")
    assert text.count('fill-opacity="0.1"') >= discs  # discs stay see-through
    with page.expect_download() as png:
        page.get_by_role("button", name="Download PNG").click()
    assert png.value.suggested_filename.endswith(".png")
