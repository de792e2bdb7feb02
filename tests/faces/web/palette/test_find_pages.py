"""The palette's JSON, the find page, and the record lists' search and pages, in process."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


def test_find_json_lists_every_kind_with_a_link(client: TestClient, network: Network) -> None:
    body = client.get("/find.json", params={"q": "ann"}).json()
    assert body["query"] == "ann"
    first = body["results"][0]
    assert (first["kind"], first["group"], first["title"], first["href"]) == (
        "person",
        "People",
        "Ann Lee",
        f"/people/{network.ann}",
    )
    assert client.get("/find.json", params={"q": ""}).json()["results"] == []
    assert client.get("/find.json", params={"q": "x" * 201}).status_code == 422


def test_the_find_page_and_the_header(client: TestClient, network: Network) -> None:
    page = client.get("/find", params={"q": "acme"}).text
    assert "Organisations" in page and "Acme" in page
    assert 'action="/find"' in client.get("/people").text  # the header's search box
    assert "Nothing matches" in client.get("/find", params={"q": "zzz"}).text


def test_record_lists_search_and_page(client: TestClient, network: Network) -> None:
    page = client.get("/ties", params={"q": "ann lee"}).text
    assert 'id="list-count"' in page and "matching “ann lee”" in page
    assert client.get("/ties", params={"page": "abc"}).status_code == 200
    assert client.get("/ties", params={"page": "999999"}).status_code == 200
    assert "Nothing here matches" in client.get("/favours", params={"q": "zzz"}).text


def test_an_interaction_moved_after_today_is_refused(client: TestClient, network: Network) -> None:
    path = f"/interactions/{network.interaction}/edit"
    form = client.get(path).text
    version = re.search(r'name="version" value="([^"]+)"', form)
    assert version
    answer = client.post(
        path,
        data={"people": f"#{network.ann}", "on": "next friday", "version": version[1]},
    )
    assert answer.status_code == 422 and "after today" in answer.text


def test_a_confirmation_names_whom_a_name_meant(client: TestClient, network: Network) -> None:
    saved = client.post("/log/meeting", data={"people": "ann", "on": "yesterday"})
    assert saved.status_code == 303 and f"who={network.ann}" in saved.headers["location"]
    assert "Names taken to mean: Ann Lee." in client.get(saved.headers["location"]).text


def test_deleting_a_campaign(client: TestClient, network: Network) -> None:
    made = client.post(
        "/campaigns",
        data={"name": "Move", "issue-0-name": "Site", "issue-0-want": "20"},
    )
    assert made.status_code == 303
    campaign_id = re.search(r"/campaigns/(\d+)", made.headers["location"])
    assert campaign_id
    gone = client.post(f"/campaigns/{campaign_id[1]}/delete")
    assert gone.status_code == 303 and gone.headers["location"] == "/campaigns?saved=deleted"
    assert client.get(f"/campaigns/{campaign_id[1]}").status_code == 404
