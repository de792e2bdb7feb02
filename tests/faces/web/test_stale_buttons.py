"""Buttons that overwrite or delete a stored record name the version the page was drawn
from (issue 21): a promise's settle buttons (on the promises list and a person's page)
and the delete button of a campaign. Pressed after someone else changed the record, they
change nothing and say so beside the button."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network

PROMISE_STALE = "Someone else changed this promise since you opened the page"


def _settle_version(page: str, promise: int) -> str:
    start = page.index(f'action="/promises/{promise}/settle"')
    form = page[start : page.index("</form>", start)]
    found = re.search(r'name="version" value="(v[0-9]+)"', form)
    assert found, "the settle buttons name no version"
    return found[1]


def test_a_settle_button_pressed_after_another_change_settles_nothing(
    client: TestClient, network: Network
) -> None:
    for page, back in (("/promises", ""), (f"/people/{network.ann}", f"/people/{network.ann}")):
        drawn = client.get(page).text
        assert f'action="/promises/{network.promise}/settle"' in drawn, page
        version = _settle_version(drawn, network.promise)
        path = f"/api/v1/promises/{network.promise}"
        assert client.patch(path, json={"note": f"their note {page}"}).status_code == 200
        sent = {"outcome": "done", "version": version} | ({"next": back} if back else {})
        pressed = client.post(f"/promises/{network.promise}/settle", data=sent)
        assert pressed.status_code == 303
        assert f"stale={network.promise}" in pressed.headers["location"]
        assert client.get(path).json()["status"] == "open"  # nothing was settled
        shown = client.get(pressed.headers["location"].split("#")[0]).text
        assert PROMISE_STALE in html.unescape(shown)
    fresh = _settle_version(client.get("/promises").text, network.promise)
    done = client.post(
        f"/promises/{network.promise}/settle", data={"outcome": "done", "version": fresh}
    )
    assert "saved=settled" in done.headers["location"]
    assert client.get(f"/api/v1/promises/{network.promise}").json()["status"] != "open"


def test_a_campaign_deleted_after_another_change_is_kept(client: TestClient) -> None:
    made = client.post("/api/v1/campaigns", json={"name": "Budget"})
    campaign = int(made.json()["id"])
    page = client.get(f"/campaigns/{campaign}").text
    start = page.index(f'action="/campaigns/{campaign}/delete"')
    form = page[start : page.index("</form>", start)]
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    hidden = {k: html.unescape(v) for k, v in hidden.items()}
    assert hidden.get("version", "").startswith("v")
    patched = client.patch(f"/api/v1/campaigns/{campaign}", json={"name": "Budget 2027"})
    assert patched.status_code == 200
    refused = client.post(f"/campaigns/{campaign}/delete", data=hidden)
    assert refused.status_code == 409, refused.text[:300]
    text = html.unescape(refused.text)
    assert "The campaign was not deleted." in text and "Budget 2027" in text
    assert client.get(f"/api/v1/campaigns/{campaign}").status_code == 200
    page = client.get(f"/campaigns/{campaign}").text
    start = page.index(f'action="/campaigns/{campaign}/delete"')
    form = page[start : page.index("</form>", start)]
    fresh = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fresh = {k: html.unescape(v) for k, v in fresh.items()}
    assert client.post(f"/campaigns/{campaign}/delete", data=fresh).status_code == 303
    assert client.get(f"/api/v1/campaigns/{campaign}").status_code == 404
