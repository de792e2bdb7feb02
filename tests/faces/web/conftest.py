"""Fixtures for the web tests: an app on a SQLite file, a client, a small network, and a
team server on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings, sqlite_url
from allies.services.team import passwords
from allies.web import create_app
from tests.faces.web.small_network import Network, build_network
from tests.faces.web.team_setup import Team, build_team, team_settings
from tests.pg import PostgresUnavailable, fresh_database

__all__ = ["Network"]  # also importable from here, as it was


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One SQLite file for the session (of this worker), migrated once; each test has a
    workspace of its own."""
    return sqlite_url(tmp_path_factory.mktemp("web") / "web.sqlite3")


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings on the session's database, in a new, empty workspace."""
    return Settings(database_url=database_url, workspace=f"test-{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="session")
def _apps() -> dict[Settings, FastAPI]:
    """One app per settings but the workspace, for the session (of this worker): an app
    works out its routes at its first request (about half a second), which every test
    would pay again."""
    return {}


@pytest.fixture
def app(settings: Settings, _apps: dict[Settings, FastAPI]) -> FastAPI:
    """The app for those settings: the session's app of the same settings in another
    workspace, set to this test's (the app reads its settings from ``app.state`` at every
    request)."""
    key = replace(settings, workspace="")
    built = _apps.get(key)
    if built is None:
        built = _apps[key] = create_app(settings)
    built.state.settings = settings
    return built


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An in-process client that does not follow redirects."""
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def network(settings: Settings) -> Network:
    """Me, Ann (Legal), Bo and Cy (Finance), with one record of every kind."""
    return build_network(settings)


@dataclass(frozen=True)
class _TeamTemplate:
    """A team database built once, to be copied, and the ids and tokens it holds."""

    name: str
    made: dict[str, int | list[str] | dict[str, str]]


def _cheap_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(scope="session")
def team_template() -> Iterator[_TeamTemplate]:
    """The team of :func:`team` built once per process (per xdist worker) in a database
    of its own, which every module's team server copies (``CREATE DATABASE ...
    TEMPLATE``: a fraction of a second, where building it takes seconds)."""
    cheap = _cheap_hasher()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "hasher", lambda: cheap)
        try:
            with fresh_database("allies_team_template") as url:
                factory = unit_of_work_factory(team_settings(url))
                made = build_team(factory)
                factory.engine.dispose()  # type: ignore[attr-defined]  # none may stay connected
                yield _TeamTemplate(name=url.rsplit("/", 1)[1], made=made)
        except PostgresUnavailable as error:
            pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def team(team_template: _TeamTemplate) -> Iterator[Team]:
    """A team server on a fresh PostgreSQL database, for one test module (see
    :mod:`tests.faces.web.team_setup` for what it holds): a copy of
    :func:`team_template`."""
    cheap = _cheap_hasher()
    made = team_template.made
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "hasher", lambda: cheap)
        try:
            with fresh_database(copy_of=team_template.name) as url:
                settings = team_settings(url)
                factory = unit_of_work_factory(settings)
                yield Team(
                    settings=settings,
                    app=create_app(settings),
                    factory=factory,
                    person=int(made["person"]),  # type: ignore[arg-type]
                    beta_person=int(made["beta_person"]),  # type: ignore[arg-type]
                    alpha_names=list(made["names"]),  # type: ignore[arg-type]
                    private_note=int(made["note"]),  # type: ignore[arg-type]
                    tokens=dict(made["tokens"]),  # type: ignore[arg-type]
                )
                factory.engine.dispose()  # type: ignore[attr-defined]
        except PostgresUnavailable as error:
            pytest.fail(str(error), pytrace=False)
