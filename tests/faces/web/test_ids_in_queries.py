"""A record's id in the query string of a list (``?person_id=``, ``?organisation_id=``) that
no stored row can have (negative, or beyond what the database's integers hold) lists
nothing: never a server error, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from allies.config import Settings
from allies.web import create_app

#: Ids no row has: below 1, past 2**63 - 1 (SQLite's integers) and past 2**31 - 1 (an
#: INTEGER column of PostgreSQL).
UNSTORABLE = [0, -4067209615229226733966171570176, 2**31, 2**63, 2**70]


def _id_params() -> list[tuple[str, str]]:
    """(path, parameter) of every GET of /api/v1 without path parameters that takes a
    record's id in its query string."""
    document = create_app(Settings(database_url="sqlite://")).openapi()
    found = []
    for path, methods in document["paths"].items():
        if not path.startswith("/api/v1") or "{" in path:
            continue
        for parameter in methods.get("get", {}).get("parameters", []):
            schema = parameter.get("schema", {})
            options = schema.get("anyOf", [schema])
            if (
                parameter["in"] == "query"
                and parameter["name"].endswith("_id")
                and any(option.get("type") == "integer" for option in options)
            ):
                found.append((path, parameter["name"]))
    return found


ID_PARAMS = _id_params()


def test_the_lists_by_record_are_found() -> None:
    assert ("/api/v1/affiliations", "person_id") in ID_PARAMS
    assert ("/api/v1/affiliations", "organisation_id") in ID_PARAMS
    assert ("/api/v1/organisation_ties", "organisation_id") in ID_PARAMS


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_client(request: pytest.FixtureRequest, settings: Settings) -> TestClient:
    """A client of an app on SQLite (the session's file) or on a PostgreSQL database."""
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_database_url")
        settings = Settings(database_url=url, workspace=settings.workspace)
    return TestClient(create_app(settings), base_url="http://testserver")


def test_an_id_no_row_can_have_lists_nothing(store_client: TestClient) -> None:
    for path, name in ID_PARAMS:
        for value in UNSTORABLE:
            answer = store_client.get(path, params={name: value})
            assert answer.status_code in (200, 404, 422), (path, name, value, answer.text)
            if answer.status_code == 200 and "items" in answer.json():
                assert answer.json()["items"] == [], (path, name, value)
