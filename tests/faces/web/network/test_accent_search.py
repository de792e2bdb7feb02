"""Names typed without their accents find the people who have them: the People page, the
API's people list, the palette and its find page (the command line's test is beside the
other people commands)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.network.people import add_person


def _accented(settings: Settings) -> None:
    factory = unit_of_work_factory(settings)
    add_person(factory(settings.workspace), "Étienne Dubois", organisation="Société Générale")
    add_person(factory(settings.workspace), "Anna Bergström")
    add_person(factory(settings.workspace), "Zoe Adams")


def test_the_web_and_the_api_find_names_without_accents(
    client: TestClient, settings: Settings
) -> None:
    _accented(settings)
    page = client.get("/people", params={"q": "Etienne"}).text
    assert "Étienne Dubois" in page and "Zoe Adams" not in page
    page = client.get("/people", params={"q": "bergstrom"}).text
    assert "Anna Bergström" in page and "Étienne Dubois" not in page
    found = client.get("/api/v1/people", params={"q": "BERGSTROM"}).json()
    assert [p["name"] for p in found["items"]] == ["Anna Bergström"]
    found = client.get("/api/v1/people", params={"q": "societe"}).json()
    assert [p["name"] for p in found["items"]] == ["Étienne Dubois"]
    palette = client.get("/find.json", params={"q": "etienne"}).json()["results"]
    assert (palette[0]["kind"], palette[0]["title"]) == ("person", "Étienne Dubois")
    assert "Anna Bergström" in client.get("/find", params={"q": "bergstrom"}).text


def test_an_organisation_typed_without_accents_is_the_same_one(
    client: TestClient, settings: Settings
) -> None:
    _accented(settings)
    factory = unit_of_work_factory(settings)
    add_person(factory(settings.workspace), "Bo Chen", organisation="societe generale")
    with factory(settings.workspace) as uow:
        assert [o.name for o in uow.organisations.list()] == ["Société Générale"]
    found = client.get("/api/v1/people", params={"organisation": "Société Générale"}).json()
    assert {p["name"] for p in found["items"]} == {"Étienne Dubois", "Bo Chen"}
