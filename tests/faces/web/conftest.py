"""Fixtures for the web tests: an app on a fresh SQLite file, a client, a small network."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings, sqlite_url
from allies.services.keep.log import log_interaction, make_promise, record_favour, set_cadence
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie, observe
from allies.services.ports import UnitOfWork
from allies.web import create_app


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One SQLite file for the session, migrated once; each test has a workspace of its own."""
    return sqlite_url(tmp_path_factory.mktemp("web") / "web.sqlite3")


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings on the session's database, in a new, empty workspace."""
    return Settings(database_url=database_url, workspace=f"test-{uuid.uuid4().hex[:12]}")


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    """The app for those settings."""
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An in-process client that does not follow redirects."""
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


@dataclass
class Network:
    """The ids of the small network every test can start from."""

    me: int
    ann: int
    bo: int
    cy: int
    tie: int
    observation: int
    interaction: int
    favour: int
    promise: int
    cadence: int
    acme: int
    legal: int


@pytest.fixture
def network(settings: Settings) -> Network:
    """Me, Ann (Legal), Bo and Cy (Finance), with one record of every kind."""
    factory = unit_of_work_factory(settings)

    def uow() -> UnitOfWork:
        return factory(settings.workspace)

    me = add_person(uow(), "Me Myself", is_me=True)
    ann = add_person(
        uow(),
        "Ann Lee",
        organisation="Acme",
        unit="Legal",
        tags="legal, ally",
        level="peer",
        emails="ann@acme.test",
        interests="Contract law",
        agenda="Win the audit",
    )
    bo = add_person(uow(), "Bo Chen", organisation="Acme", unit="Finance", level="above")
    cy = add_person(uow(), "Cy Diaz", organisation="Acme", unit="Finance", level="below")
    tie = add_tie(uow(), "Ann Lee", "listens_to", "Bo Chen", weight=0.8)
    add_tie(uow(), "me", "knows", "Ann Lee", weight=0.9)
    seen = observe(uow(), "Cy Diaz", "deferred_to", "Bo Chen", on="3 days ago")
    meeting = log_interaction(uow(), ["Ann Lee"], on="yesterday", tone=1, summary="Audit plan")
    favour = record_favour(uow(), "Ann Lee", "given", "Reviewed her memo", size="medium")
    promise = make_promise(uow(), "Send the draft", to="Ann Lee", due="in 3 days")
    cadence = set_cadence(uow(), ideal_days=14, person="Ann Lee")
    return Network(
        me=me.id or 0,
        ann=ann.id or 0,
        bo=bo.id or 0,
        cy=cy.id or 0,
        tie=tie.id or 0,
        observation=seen.id or 0,
        interaction=meeting.id or 0,
        favour=favour.id or 0,
        promise=promise.id or 0,
        cadence=cadence.id or 0,
        acme=ann.organisation_id or 0,
        legal=ann.unit_id or 0,
    )


from tests.faces.web.team_setup import team  # noqa: E402, F401  (the team server fixture)
