"""A served workspace for the forms, lists and first-run browser tests.

:func:`serve` runs the real app with uvicorn in a background thread; :func:`fill` builds
a small organisation whose names carry accents (Étienne Dubois, Anna Bergström), with
enough interactions, ties, observations, favours and promises to need a second page,
one campaign, one alliance, one goal and a note.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.alliances import manage as alliances
from allies.services.campaigns import editing as campaigns
from allies.services.keep.log import log_interaction, make_promise, record_favour
from allies.services.network.notes import add_note
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie, observe
from allies.services.standing.goals import create_goal
from tests.browser.chromium import serve_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SIZES = {"laptop": (1440, 900), "phone": (390, 844)}
#: Where the screenshots of these tests go (looked at before a page is called done).
SHOTS = Path("/tmp/allies-forms-shots")

#: More rows than one page of a list holds.
MANY = 60


def fill(settings: Settings, *, many: int = MANY) -> None:
    """Me, six colleagues (two with accents), and records of every kind."""
    factory = unit_of_work_factory(settings)
    ws = settings.workspace
    today = date.today()
    add_person(factory(ws), "Me Myself", is_me=True, organisation="Acme")
    for name, unit in (
        ("Étienne Dubois", "Finance"),
        ("Anna Bergström", "Legal"),
        ("Bo Chen", "Finance"),
        ("Cy Diaz", "Sales"),
        ("Di Moss", "Sales"),
        ("Ed Park", "Legal"),
    ):
        add_person(factory(ws), name, organisation="Acme", unit=unit)
    others = ["Bo Chen", "Cy Diaz", "Di Moss", "Ed Park"]
    for i in range(many):
        who = others[i % len(others)]
        log_interaction(
            factory(ws), [who], on=today - timedelta(days=i + 3), summary=f"Weekly sync {i}"
        )
        add_tie(factory(ws), who, "knows", others[(i + 1) % len(others)], weight=0.1 + i / 100)
        observe(factory(ws), who, "deferred_to", others[(i + 2) % len(others)])
        record_favour(factory(ws), who, "given", f"Reviewed draft {i}")
        make_promise(factory(ws), f"Send the figures {i}", to=who)
    log_interaction(
        factory(ws), ["Anna Bergström"], on=today - timedelta(days=1), summary="Contract review"
    )
    add_note(factory(ws), "Anna Bergström", "Prefers the pilot in Rotterdam first.")
    campaigns.create_campaign(
        factory(ws),
        "Office move",
        issues=["Site: remote .. on site @ 20", "Budget: cut .. grow @ 60"],
        deciders=["Bo Chen"],
    )
    alliances.create_alliance(factory(ws), "Pilot partnership", people=["Ed Park"])
    create_goal(factory(ws), "Lead the analytics programme")


@contextmanager
def serve(settings: Settings) -> Iterator[str]:
    """uvicorn serving ``settings``'s workspace in a background thread; its base URL."""
    from allies.web import create_app

    with serve_app(create_app(settings)) as url:
        yield url


@contextmanager
def tab(browser: Browser, size: str = "laptop") -> Iterator[Page]:
    """A tab of ``size`` that fails the test on any script error."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None,
    )
    try:
        yield page
    finally:
        context.close()
    assert not [p for p in problems if "Failed to load resource" not in p], problems


def look(page: Page, name: str) -> None:
    """Save a screenshot of the whole page and check it does not scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} scrolls sideways at {width} px ({scroll} px wide)"
