"""The map in headless Chromium, on the demo organisation: a person's circle with the rest
faded, search, the campaign's power map, clusters, PNG and SVG downloads, the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.demo_site import DemoSite, serve_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")
READY = "() => document.getElementById('cy').dataset.ready === 'true'"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, demo_database: Path) -> Iterator[DemoSite]:
    """The demo organisation, served."""
    with serve_demo(tmp_path_factory.mktemp("map"), demo_database) as served:
        yield served


def _id(site: DemoSite, name: str) -> int:
    with site.factory("demo") as uow:
        return next(p.id or 0 for p in uow.people.list() if p.name == name)


def _open_map(page: Page, site: DemoSite, query: str = "") -> None:
    page.goto(f"{site.url}/map{query}")
    page.wait_for_function(READY)


def test_a_persons_circle_fades_the_rest(page: Page, site: DemoSite) -> None:
    lin = _id(site, "Lin Huang")
    _open_map(page, site, f"?focus={lin}")
    cy = page.locator("#cy")
    assert cy.get_attribute("data-focus") == str(lin)
    near = page.evaluate(
        f"() => window.alliesMap.cy.getElementById('{lin}').closedNeighborhood().nodes().length"
    )
    assert cy.get_attribute("data-circle") == str(near)
    faded = page.evaluate("() => window.alliesMap.cy.nodes('.faded').length")
    assert faded == page.evaluate("() => window.alliesMap.cy.nodes().length") - near
    assert page.locator("#map-panel h2").inner_text() == "Lin Huang"
    assert page.locator("#map-panel").get_by_role("link", name="Open their page").count() == 1
    page.get_by_label("Circle").select_option("2")
    assert int(cy.get_attribute("data-circle") or 0) > near  # two steps out
    # A neighbour in the panel refocuses the map on them.
    first = page.locator("#map-panel li button").first
    name = first.inner_text()
    first.click()
    assert page.locator("#map-panel h2").inner_text() == name
    page.get_by_role("button", name="Show everyone").first.click()
    assert page.evaluate("() => window.alliesMap.cy.nodes('.faded').length") == 0


def test_search_finds_people_without_accents_or_capitals(page: Page, site: DemoSite) -> None:
    _open_map(page, site)
    search = page.get_by_label("Find on the map")
    search.fill("etienne marchand")
    search.press("Enter")
    assert page.locator("#cy").get_attribute("data-focus") == str(_id(site, "Étienne Marchand"))
    search.fill("Zzyzx")
    search.press("Enter")
    assert "No one on the map is called" in page.locator("#map-panel").inner_text()
    search.fill("gall")  # Francesca Gallo and Bethan Gallagher: the map asks which one
    search.press("Enter")
    choices = page.locator("#map-panel li button").all_inner_texts()
    assert "Francesca Gallo" in choices and "Bethan Gallagher" in choices


def test_the_campaign_power_map(page: Page, site: DemoSite) -> None:
    _open_map(page, site)
    page.get_by_label("Colour by").select_option("side")
    assert page.locator("#cy").get_attribute("data-colour") == "side"
    legend = page.locator("#map-legend").inner_text()
    assert "Shared analytics platform" in legend
    for side in ("For:", "Against:", "Undecided:", "of the influence"):
        assert side in legend
    sides = page.evaluate(
        """() => window.alliesMap.cy.nodes().map(n => [n.data('side'), n.style('background-color'),
                                                       n.style('shape')])"""
    )
    colours = {side: (colour, shape) for side, colour, shape in sides}
    assert set(colours) >= {"for", "against", "undecided", "unknown"}
    assert len({c for c, _ in colours.values()}) == 4  # four colours
    assert colours["against"][1] != colours["for"][1]  # and not by colour alone
    answer = page.request.get(f"{site.url}/api/v1/graph").json()
    assert answer["campaign"] == "Shared analytics platform"
    page.screenshot(path=str(SCREENSHOTS / "allies-map-power.png"))


def test_clusters_open_on_click(page: Page, site: DemoSite) -> None:
    _open_map(page, site)
    people = page.evaluate("() => window.alliesMap.cy.nodes().length")
    page.get_by_label("Gather into").select_option("group")
    clusters = int(page.locator("#cy").get_attribute("data-clusters") or 0)
    assert 1 < clusters < people
    assert page.evaluate("() => window.alliesMap.cy.nodes(':visible').length") == clusters
    opener = page.locator("#map-panel li button").first
    label = opener.inner_text()
    count = int(label.rsplit("(", 1)[1].rstrip(")"))
    opener.click()
    visible = page.evaluate("() => window.alliesMap.cy.nodes(':visible').length")
    assert visible == clusters - 1 + count
    page.get_by_label("Gather into").select_option("unit")
    assert page.evaluate("() => window.alliesMap.cy.nodes('.cluster').length") > 1
    # Clicking a cluster on the canvas opens it too.
    page.evaluate("() => { window.alliesMap.cy.nodes('.cluster')[0].emit('tap'); }")
    assert page.locator("#cy").get_attribute("data-opened")


def test_png_and_svg_downloads(page: Page, site: DemoSite, tmp_path: Path) -> None:
    _open_map(page, site, f"?focus={_id(site, 'Ren Nakamura')}")
    with page.expect_download() as png:
        page.get_by_role("button", name="Download PNG").click()
    assert png.value.suggested_filename.endswith(".png")
    saved = tmp_path / "map.png"
    png.value.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as svg:
        page.get_by_role("button", name="Download SVG").click()
    assert svg.value.suggested_filename.endswith(".svg")
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert text.startswith("<svg") and text.rstrip().endswith("</svg>")
    assert "<circle" in text and "<line" in text and "Ren Nakamura" in text
    assert "Network map around Ren Nakamura" in text


def test_the_keyboard_works_the_map(page: Page, site: DemoSite) -> None:
    _open_map(page, site)
    search = page.get_by_label("Find on the map")
    search.focus()
    page.keyboard.type("Lin Huang")
    page.keyboard.press("Enter")
    assert page.locator("#cy").get_attribute("data-focus") == str(_id(site, "Lin Huang"))
    # From the search, Tab reaches the map itself.
    page.locator("#map-svg").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "cy"
    zoom = page.evaluate("() => window.alliesMap.cy.zoom()")
    page.keyboard.press("+")
    assert page.evaluate("() => window.alliesMap.cy.zoom()") > zoom
    pan = page.evaluate("() => window.alliesMap.cy.pan().x")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("() => window.alliesMap.cy.pan().x") > pan
    page.keyboard.press("Escape")
    assert page.locator("#cy").get_attribute("data-focus") is None
    # The people in someone's circle are buttons, one Tab away from each other.
    search.fill("Lin Huang")
    search.press("Enter")
    button = page.locator("#map-panel li button").first
    button.focus()
    name = button.inner_text()
    page.keyboard.press("Enter")
    assert page.locator("#map-panel h2").inner_text() == name


@pytest.mark.parametrize("width", [1440, 390])
def test_the_map_fits_the_screen(browser: Browser, site: DemoSite, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(f"{site.url}/map?focus={_id(site, 'Francesca Gallo')}")
    tab.wait_for_function(READY)
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= width
    canvas = tab.locator("#cy").bounding_box()
    assert canvas is not None and canvas["width"] >= (0.6 if width > 1000 else 0.9) * width - 40
    tab.screenshot(path=str(SCREENSHOTS / f"allies-map-{width}.png"), full_page=True)
    context.close()
