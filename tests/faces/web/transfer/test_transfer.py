"""The import page (preview, then import for real), downloads, and the same under /api/v1."""

from __future__ import annotations

import re
import tempfile
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from allies.config import Settings
from allies.web import create_app
from tests.conftest import FIXTURES
from tests.faces.web.small_network import Network

VCARD = (FIXTURES / "contacts" / "iphone-export.vcf").read_bytes()


def summary(html: str) -> str:
    found = re.search(r'id="import-summary">(.*?)</p>', html, re.S)
    assert found, html
    return " ".join(found.group(1).split())


def test_the_page_offers_every_format(client: TestClient) -> None:
    page = client.get("/transfer")
    assert page.status_code == 200
    for key in ("vcard", "linkedin", "ics", "mail", "gexf", "kumu", "backup"):
        assert f'value="{key}"' in page.text
    assert 'href="/transfer/export/gexf"' in page.text
    assert "<script>" not in page.text


def test_preview_then_import_for_real(client: TestClient) -> None:
    preview = client.post(
        "/transfer/import",
        data={"format": "vcard", "dry_run": "on"},
        files={"file": ("contacts.vcf", VCARD, "text/vcard")},
    )
    assert preview.status_code == 200
    assert summary(preview.text).startswith("Nothing was saved yet. Would add 1 organisations")
    assert "Maria Lopez" not in client.get("/people").text
    token = re.search(r'action="/transfer/import/([\w-]+)"', preview.text)
    assert token is not None
    done = client.post(f"/transfer/import/{token.group(1)}", data={"format": "vcard"})
    assert summary(done.text).startswith("Added 1 organisations, 2 people, 1 units")
    assert "Maria Lopez" in client.get("/people").text
    gone = client.post(f"/transfer/import/{token.group(1)}", data={"format": "vcard"})
    assert gone.status_code == 404


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_a_preview_on_one_app_is_imported_through_another(
    backend: str,
    request: pytest.FixtureRequest,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two app instances on one database, each with a temporary folder of its own (as on
    two machines behind one address): the second imports what the first previewed."""
    url = database_url if backend == "sqlite" else request.getfixturevalue("postgres_database_url")
    settings = Settings(database_url=url, workspace=f"test-{uuid.uuid4().hex[:12]}")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(first))
    with TestClient(create_app(settings), follow_redirects=False) as one:
        preview = one.post(
            "/transfer/import",
            data={"format": "vcard", "dry_run": "on"},
            files={"file": ("contacts.vcf", VCARD, "text/vcard")},
        )
    token = re.search(r'action="/transfer/import/([\w-]+)"', preview.text)
    assert preview.status_code == 200 and token is not None
    assert list(first.iterdir()) == []
    monkeypatch.setattr(tempfile, "tempdir", str(second))
    with TestClient(create_app(settings), follow_redirects=False) as two:
        done = two.post(f"/transfer/import/{token.group(1)}", data={"format": "vcard"})
        assert done.status_code == 200, done.text
        assert summary(done.text).startswith("Added 1 organisations, 2 people, 1 units")
        assert "Maria Lopez" in two.get("/people").text
        again = two.post(f"/transfer/import/{token.group(1)}", data={"format": "vcard"})
        assert again.status_code == 404 and "no longer here" in again.text


def test_problems_are_shown_with_the_uploaded_name(client: TestClient) -> None:
    broken = (FIXTURES / "contacts" / "broken.vcf").read_bytes()
    page = client.post(
        "/transfer/import", data={"format": "vcard"}, files={"file": ("mine.vcf", broken)}
    )
    problems = re.search(r'id="problems">(.*?)</ul>', page.text, re.S)
    assert problems is not None
    assert "mine.vcf, line 7 (record 2)" in problems.group(1)
    assert "/tmp" not in problems.group(1)


def test_a_wrong_file_shows_the_form_again_with_the_error(client: TestClient) -> None:
    page = client.post("/transfer/import", data={"format": "ics"}, files={"file": ("a.ics", VCARD)})
    assert page.status_code == 422
    assert "Not imported." in page.text and "a.ics: no calendar in this file" in page.text
    assert 'value="ics" selected' in page.text


def test_downloads(client: TestClient, network: Network) -> None:
    gexf = client.get("/transfer/export/gexf")
    assert gexf.status_code == 200 and gexf.headers["content-type"].startswith("application/gexf")
    assert "attachment" in gexf.headers["content-disposition"]
    assert b"Ann Lee" in gexf.content
    backup = client.get("/api/v1/exports/backup")
    assert backup.json()["counts"]["people"] == 4
    assert client.get("/transfer/export/word").status_code == 422


def test_the_api_imports_and_reports(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/imports/vcard?dry_run=true", files={"file": ("c.vcf", VCARD, "text/vcard")}
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["dry_run"] and body["added"]["people"] == 2
    assert body["summary"].startswith("Would add")
    refused = client.post("/api/v1/imports/ics", files={"file": ("c.vcf", VCARD)})
    assert refused.status_code == 422 and "no calendar" in refused.json()["detail"]


def test_near_matches_link_to_the_merge_screen(client: TestClient, network: Network) -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Lee\r\nEND:VCARD\r\n"
    page = client.post(
        "/transfer/import", data={"format": "vcard"}, files={"file": ("a.vcf", card)}
    )
    near = re.search(r'id="near-matches">(.*?)</ul>', page.text, re.S)
    assert near is not None and f'href="/people/{network.ann}/merge"' in near.group(1)


def test_openapi_lists_the_import_and_export_endpoints(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/imports/{format}"]
    assert "get" in paths["/api/v1/exports/{format}"]
