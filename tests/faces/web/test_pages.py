"""Every page, in-process: what it shows, what its forms save, how it shows a mistake."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


def names_in(page: str) -> list[str]:
    """The names of the people listed on a page, in order."""
    return [n.strip() for n in re.findall(r'class="person-link" href="/people/\d+">([^<]+)<', page)]


LIST_PAGES = [
    "/",
    "/people",
    "/people/new",
    "/log",
    "/map",
    "/organisations",
    "/units",
    "/ties",
    "/observations",
    "/interactions",
    "/favours",
    "/promises",
    "/cadences",
]


@pytest.mark.parametrize("path", LIST_PAGES)
def test_every_page_answers_on_an_empty_workspace(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "<script>" not in response.text and " onclick=" not in response.text
    if path not in ("/people/new",):
        assert "No one here yet" in response.text or "add the first person" in response.text


@pytest.mark.parametrize("path", LIST_PAGES)
def test_every_page_answers_with_a_network(client: TestClient, network: Network, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "No one here yet" not in response.text


def test_edit_pages_are_filled_in(client: TestClient, network: Network) -> None:
    pages = {
        f"/people/{network.ann}/edit": "ann@acme.test",
        f"/ties/{network.tie}/edit": "Bo Chen (#",
        f"/observations/{network.observation}/edit": "Cy Diaz (#",
        f"/interactions/{network.interaction}/edit": "Audit plan",
        f"/favours/{network.favour}/edit": "Reviewed her memo",
        f"/promises/{network.promise}/edit": "Send the draft",
        f"/cadences/{network.cadence}/edit": 'value="14"',
        f"/organisations/{network.acme}/edit": 'value="Acme"',
        f"/units/{network.legal}/edit": 'value="Legal"',
        f"/people/{network.ann}/delete": "Remove Ann Lee",
        f"/people/{network.ann}/merge": "Merge a duplicate into Ann Lee",
    }
    for path, expected in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert expected in response.text, path


@pytest.mark.parametrize(
    "path",
    [
        "/people/1000000000",
        "/people/1000000000/edit",
        "/ties/1000000000/edit",
        "/observations/1000000000/edit",
        "/interactions/1000000000/edit",
        "/favours/1000000000/edit",
        "/promises/1000000000/edit",
        "/cadences/1000000000/edit",
        "/organisations/1000000000/edit",
        "/units/1000000000/edit",
        "/people/abc",
        "/no/such/page",
    ],
)
def test_unknown_records_are_a_readable_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "find someone" in response.text


def test_person_page_tells_their_story(client: TestClient, network: Network) -> None:
    page = client.get(f"/people/{network.ann}").text
    for expected in (
        "Ann Lee",
        "Contract law",
        "Win the audit",
        "Audit plan",
        "listens to",
        "Bo Chen",
        "Send the draft",
        "Reviewed her memo",
        "every 14 days",
    ):
        assert expected in page, expected
    for form in ("meeting", "observation", "favour", "promise", "tie", "cadence"):
        assert f'action="/people/{network.ann}/{form}"' in page


def test_people_search_as_you_type_returns_rows_only(client: TestClient, network: Network) -> None:
    response = client.get("/people", params={"q": "bo"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert names_in(response.text) == ["Bo Chen"]
    nobody = client.get("/people", params={"q": "zed"}, headers={"HX-Request": "true"}).text
    assert "Nobody matches" in nobody and "/people/new?name=zed" in nobody


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"tag": "legal"}, ["Ann Lee"]),
        ({"unit": "Finance"}, ["Bo Chen", "Cy Diaz"]),
        ({"level": "below"}, ["Cy Diaz"]),
        ({"contact": "7"}, ["Ann Lee"]),
        ({"contact": "never"}, ["Bo Chen", "Cy Diaz", "Me Myself"]),
        ({"contact": "-30"}, ["Bo Chen", "Cy Diaz", "Me Myself"]),
        ({"sort": "level"}, ["Bo Chen", "Ann Lee", "Cy Diaz", "Me Myself"]),
    ],
)
def test_people_filters(
    client: TestClient, network: Network, query: dict[str, str], names: list[str]
) -> None:
    page = client.get("/people", params=query).text
    assert names_in(page) == names


def test_add_person_then_edit(client: TestClient, network: Network) -> None:
    response = client.post(
        "/people/new",
        data={
            "name": "Dee Evans",
            "organisation": "City",
            "unit": "Planning",
            "tags": "council",
            "level": "external",
            "interests": "Housing",
        },
    )
    assert response.status_code == 303
    location = response.headers["location"]
    person_id = int(re.findall(r"/people/(\d+)", location)[0])
    page = client.get(location).text
    assert "Dee Evans" in page and "Housing" in page and "Saved." in page
    edited = client.post(
        f"/people/{person_id}/edit", data={"name": "Dee Evans", "title": "Planner", "level": ""}
    )
    assert edited.status_code == 303
    assert "Planner" in client.get(f"/people/{person_id}").text


def test_add_person_mistakes_are_shown_with_the_field(client: TestClient, network: Network) -> None:
    blank = client.post("/people/new", data={"name": "  ", "title": "Kept title"})
    assert blank.status_code == 422
    assert 'class="field field-text invalid"' in blank.text
    assert 'id="person-name"' in blank.text and 'value="Kept title"' in blank.text
    duplicate = client.post("/people/new", data={"name": "Ann Lee"})
    assert duplicate.status_code == 409 and "already has that name" in duplicate.text
    anyway = client.post("/people/new", data={"name": "Ann Lee", "allow_duplicate": "on"})
    assert anyway.status_code == 303
    bad_mail = client.post(f"/people/{network.bo}/edit", data={"name": "Bo", "emails": "nope"})
    assert bad_mail.status_code == 422
    assert re.search(
        r'field field-text invalid">\s*<div class="label-row"><label for="person-emails"',
        bad_mail.text,
    )


def test_log_page_forms(client: TestClient, network: Network) -> None:
    meeting = client.post(
        "/log/meeting",
        data={"people": f"Bo Chen (#{network.bo}), Cy", "summary": "Budget round", "tone": "1"},
    )
    assert meeting.status_code == 303 and "saved=meeting" in meeting.headers["location"]
    assert "Meeting logged." in client.get(meeting.headers["location"]).text
    assert "Budget round" in client.get(f"/people/{network.cy}").text
    assert "group meeting" in client.get(f"/people/{network.cy}").text
    observed = client.post(
        "/log/observation", data={"subject": "Bo", "kind": "has_ear_of", "object": "Ann"}
    )
    assert observed.status_code == 303
    favour = client.post(
        "/log/favour", data={"person": "Cy Diaz", "direction": "received", "description": "Lift"}
    )
    assert favour.status_code == 303
    promise = client.post(
        "/log/promise", data={"by": "Bo", "to": "me", "description": "Numbers", "due": "tomorrow"}
    )
    assert promise.status_code == 303
    assert "Numbers" in client.get("/promises").text


@pytest.mark.parametrize(
    ("form", "data", "field"),
    [
        ("meeting", {"people": ""}, "people"),
        ("meeting", {"people": "Nobody Atall"}, "people"),
        ("meeting", {"people": "Bo", "on": "someday"}, "on"),
        ("observation", {"subject": "Bo", "kind": "", "object": "Ann"}, "kind"),
        ("observation", {"subject": "Bo", "kind": "deferred_to", "object": "Bo"}, "object"),
        (
            "observation",
            {"subject": "Bo", "kind": "endorsed", "object": "Ann", "strength": "x"},
            "strength",
        ),
        ("favour", {"person": "Bo", "direction": "given", "description": ""}, "description"),
        ("promise", {"by": "me", "to": "", "description": "x"}, "to"),
        ("promise", {"by": "Bo", "to": "Bo", "description": "x"}, "to"),
    ],
)
def test_log_mistakes_name_the_field(
    client: TestClient, network: Network, form: str, data: dict[str, str], field: str
) -> None:
    response = client.post(f"/log/{form}", data=data)
    assert response.status_code in (404, 409, 422)
    assert "That was not saved." in response.text
    pattern = rf'invalid">\s*<div class="label-row"><label for="{form}-{field}"'
    assert re.search(pattern, response.text), response.text[:2000]
    for value in data.values():
        if value:
            assert f'value="{value}"' in response.text or value in response.text


def test_person_quick_forms(client: TestClient, network: Network) -> None:
    base = f"/people/{network.bo}"
    bo_label = f"Bo Chen (#{network.bo})"
    sent = {
        "meeting": {"people": bo_label, "summary": "Quick coffee", "kind": "social"},
        "observation": {"subject": bo_label, "kind": "endorsed", "object": "Ann"},
        "favour": {"direction": "given", "description": "Covered a shift", "size": "small"},
        "promise": {"direction": "theirs", "description": "Budget figures", "due": "in 2 weeks"},
        "tie": {"source": bo_label, "kind": "trusts", "target": "Cy", "weight": "0.6"},
        "cadence": {"ideal_days": "21"},
    }
    for what, data in sent.items():
        response = client.post(f"{base}/{what}", data=data)
        assert response.status_code == 303, (what, response.text[:500])
        assert response.headers["location"].startswith(f"{base}?saved={what}")
    page = client.get(base).text
    for expected in (
        "Quick coffee",
        "Bo Chen endorsed Ann Lee",
        "Covered a shift",
        "Budget figures",
        "every 21 days",
        "trusts",
    ):
        assert expected in page, expected
    bad = client.post(f"{base}/tie", data={"source": bo_label, "kind": "", "target": "Cy"})
    assert bad.status_code == 422
    assert 'aria-selected="true">Tie' in bad.text.replace("\n", "").replace("  ", "")
    assert re.search(r'invalid">\s*<div class="label-row"><label for="tie-kind"', bad.text)
    assert client.post(f"{base}/nonsense", data={}).status_code == 404


def test_settle_promise_from_the_person_page(client: TestClient, network: Network) -> None:
    response = client.post(
        f"/promises/{network.promise}/settle",
        data={"outcome": "done", "next": f"/people/{network.ann}"},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/people/{network.ann}?saved=settled"
    assert "[kept]" in client.get(f"/people/{network.ann}").text
    again = client.post(f"/promises/{network.promise}/settle", data={"outcome": "broken"})
    assert again.status_code == 409 and "already kept" in again.text
    elsewhere = client.post(
        f"/promises/{network.promise}/settle", data={"outcome": "x", "next": "//evil.test"}
    )
    assert elsewhere.status_code == 422


RECORD_EDITS = [
    ("ties", "tie", {"source": "Ann", "kind": "trusts", "target": "Bo", "weight": "0.3"}, "trusts"),
    (
        "observations",
        "observation",
        {"subject": "Cy", "kind": "opposed", "object": "Bo", "on": "2026-01-05"},
        "opposed",
    ),
    (
        "interactions",
        "interaction",
        {"people": "Ann, Bo", "kind": "call", "summary": "Phoned", "tone": "-1"},
        "Phoned",
    ),
    (
        "favours",
        "favour",
        {"person": "Ann", "direction": "received", "description": "Lent a room", "size": "large"},
        "Lent a room",
    ),
    (
        "promises",
        "promise",
        {"by": "me", "to": "Bo", "description": "Call back", "due": ""},
        "Call back",
    ),
    ("cadences", "cadence", {"ideal_days": "10", "max_days": "15"}, "every 10 days"),
]


@pytest.mark.parametrize(("path", "attr", "data", "expected"), RECORD_EDITS)
def test_record_edit_and_delete(
    client: TestClient,
    network: Network,
    path: str,
    attr: str,
    data: dict[str, str],
    expected: str,
) -> None:
    record_id = getattr(network, attr)
    saved = client.post(f"/{path}/{record_id}/edit", data=data)
    assert saved.status_code == 303, saved.text[:1000]
    listing = client.get(f"/{path}?status=all").text
    assert expected in listing
    deleted = client.post(f"/{path}/{record_id}/delete")
    assert deleted.status_code == 303 and "saved=deleted" in deleted.headers["location"]
    assert client.get(f"/{path}/{record_id}/edit").status_code == 404


def test_record_edit_mistake_is_shown(client: TestClient, network: Network) -> None:
    response = client.post(
        f"/ties/{network.tie}/edit",
        data={"source": "Ann", "kind": "knows", "target": "Bo", "weight": "7"},
    )
    assert response.status_code == 422
    assert re.search(r'invalid">\s*<div class="label-row"><label for="tie-weight"', response.text)
    assert 'value="7"' in response.text


def test_record_lists_add_forms(client: TestClient, network: Network) -> None:
    posts = {
        "/ties": {"source": "Cy", "kind": "reports_to", "target": "Bo"},
        "/observations": {"subject": "Ann", "kind": "eyes_went_to", "object": "Bo"},
        "/interactions": {"people": "Cy", "summary": "Corridor chat"},
        "/favours": {"person": "Bo", "direction": "given", "description": "Coffee"},
        "/promises": {"by": "me", "to": "Cy", "description": "Mentoring"},
        "/cadences": {"tag": "legal", "ideal_days": "30"},
        "/organisations": {"name": "City", "kind": "council"},
        "/units": {"name": "Audit", "organisation": "Acme"},
    }
    for path, data in posts.items():
        response = client.post(path, data=data)
        assert response.status_code == 303, (path, response.text[:800])
        assert "Deleted" not in client.get(response.headers["location"]).text
    failing = client.post("/organisations", data={"name": "Acme"})
    assert failing.status_code == 409 and "exists already" in failing.text
    unit = client.post("/units", data={"name": "X", "organisation": "Nowhere Inc"})
    assert unit.status_code == 404 and "No organisation called" in unit.text


def test_organisation_and_unit_edit_and_delete(client: TestClient, network: Network) -> None:
    acme, legal = f"/organisations/{network.acme}", f"/units/{network.legal}"
    assert client.post(f"{acme}/edit", data={"name": "Acme Ltd"}).status_code == 303
    assert "Acme Ltd" in client.get("/organisations").text
    moved = client.post(f"{legal}/edit", data={"name": "Law", "organisation": "Acme Ltd"})
    assert moved.status_code == 303
    assert "Law" in client.get("/units").text
    assert client.post(f"{legal}/delete").status_code == 303
    assert client.post(f"{acme}/delete").status_code == 303
    assert "Acme" not in client.get(f"/people/{network.bo}").text


def test_remove_and_merge_people(client: TestClient, network: Network) -> None:
    refused = client.post(f"/people/{network.cy}/delete", data={})
    assert refused.status_code == 409 and "referred to by" in refused.text
    removed = client.post(f"/people/{network.cy}/delete", data={"related": "delete"})
    assert removed.status_code == 303
    assert client.get(f"/people/{network.cy}").status_code == 404
    dup = client.post("/people/new", data={"name": "Bo C.", "emails": "bo@home.test"})
    dup_id = int(re.findall(r"/people/(\d+)", dup.headers["location"])[0])
    empty = client.post(f"/people/{network.bo}/merge", data={"duplicate": ""})
    assert empty.status_code == 422
    merged = client.post(f"/people/{network.bo}/merge", data={"duplicate": f"Bo C. (#{dup_id})"})
    assert merged.status_code == 303
    assert "bo@home.test" in client.get(f"/people/{network.bo}").text
    moved = client.post(
        f"/people/{network.ann}/delete", data={"related": "reassign", "reassign_to": "Nobody"}
    )
    assert moved.status_code == 404 and "Nobody" in moved.text


def test_map_page_is_ready_for_the_script(client: TestClient, network: Network) -> None:
    page = client.get("/map", params={"focus": network.ann}).text
    assert 'data-graph-url="/api/v1/graph"' in page
    assert f'data-focus="{network.ann}"' in page
    assert "vendor/cytoscape.min.js" in page and "js/map.js" in page


def test_static_files_are_vendored(client: TestClient) -> None:
    for path in (
        "/static/vendor/htmx.min.js",
        "/static/vendor/cytoscape.min.js",
        "/static/css/app.css",
        "/static/js/app.js",
        "/static/js/map.js",
    ):
        assert client.get(path).status_code == 200, path
