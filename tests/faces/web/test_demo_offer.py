"""The demo offer says what it does and what to do next, wherever it is shown: on an
empty workspace's start page, after the button, and where the app shows ``demo`` itself."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from allies.config import Settings, sqlite_url
from allies.web import create_app

COMMAND = re.compile(r"\ballies\s+(-w|--|[a-z]+\s)")


def _client(tmp_path: Path, workspace: str) -> TestClient:
    settings = Settings(database_url=sqlite_url(tmp_path / "a.sqlite3"), workspace=workspace)
    return TestClient(create_app(settings), follow_redirects=False)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_offer_and_the_page_after_it_say_what_happens(tmp_path: Path) -> None:
    with _client(tmp_path, "mine") as client:
        offer = _text(client.get("/").text)
        assert "realistic example network" in offer
        assert "separate workspace named “demo”" in offer
        assert "This workspace, “mine”, and your own records stay exactly as they are" in offer
        assert "Next: the page that follows says how to switch to the demo" in offer
        ready = client.post("/demo")
        assert ready.status_code == 200
        page = _text(ready.text)
        assert "The demo is ready" in page and "What to do next" in page
        assert "Switch to the demo" in page and "Come back to your own records" in page
        assert "“mine”" in page and "were not touched" in page
        assert not COMMAND.search(page)
        again = _text(client.post("/demo").text)
        assert "The demo was already loaded" in again
        assert "people" in _text(client.get("/").text)  # still the empty start page


def test_where_the_app_shows_demo_the_offer_loads_it_here(tmp_path: Path) -> None:
    with _client(tmp_path, "demo") as client:
        offer = _text(client.get("/").text)
        assert "It loads into this workspace, named “demo”" in offer
        assert "Load the demo here" in offer and "Next: this page fills" in offer
        assert not COMMAND.search(offer)
