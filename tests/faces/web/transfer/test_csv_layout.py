"""The web import result names the CSV layout it recognised (issue 20)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import FIXTURES


def test_the_import_result_names_the_layout(client: TestClient) -> None:
    data = (FIXTURES / "contacts" / "thunderbird-addressbook.csv").read_bytes()
    preview = client.post(
        "/transfer/import",
        data={"format": "csv", "dry_run": "on"},
        files={"file": ("address-book.csv", data, "text/csv")},
    )
    assert preview.status_code == 200, preview.text
    assert "Read as a Thunderbird export (its own columns)." in preview.text
    api = client.post(
        "/api/v1/imports/csv?dry_run=true",
        files={"file": ("address-book.csv", data, "text/csv")},
    )
    assert api.status_code == 200 and "Read as a Thunderbird export" in str(api.json()["notes"])
