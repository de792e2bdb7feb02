"""Fixtures of the team tests: a workspace on SQLite and on PostgreSQL with a team of
three, each member a person of its network."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from allies.services.keep import log as routine
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie
from allies.services.ports import UnitOfWorkFactory
from allies.services.team import accounts
from allies.services.team.members import join
from allies.store import open_store
from tests.integration.services.sync.conftest import empty_postgres
from tests.stores import copy_store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

WORKSPACE = "pa"
TODAY = date.today()  # the records are of things that happened: today or before


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database with no records: SQLite, or the session's PostgreSQL emptied."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        return copy_store(template, tmp_path / "store" / "allies.db")
    return empty_postgres(request.getfixturevalue("postgres_database_url"))


@pytest.fixture
def team(store_url: str) -> Iterator[UnitOfWorkFactory]:
    """Workspace ``pa``: Ann Lee (the workspace's own "me", owner ``ann``), Bo Chen
    (editor ``bo``) and Cy Park (editor ``cy``); Dee Moss decides, reached by Ann through
    Gus and by Bo directly; Eve Ng is known to nobody on the team."""
    factory = open_store(store_url, default_workspace=WORKSPACE)
    accounts.add_workspace(factory, WORKSPACE)
    add_person(factory(), "Ann Lee", is_me=True)
    for name in ("Bo Chen", "Cy Park", "Dee Moss", "Gus Hall", "Eve Ng"):
        add_person(factory(), name)
    for user, role in (("ann", "owner"), ("bo", "editor"), ("cy", "editor")):
        accounts.add_user(factory, user, "a long password 1")
        accounts.grant(factory, WORKSPACE, user, role)
    join(factory, WORKSPACE, "ann")  # an owner becomes the workspace's own "me"
    join(factory, WORKSPACE, "bo", person="Bo Chen")
    join(factory, WORKSPACE, "cy", person="Cy Park")
    add_tie(factory(), "Ann Lee", "knows", "Gus Hall", weight=0.9)
    add_tie(factory(), "Gus Hall", "knows", "Dee Moss", weight=0.9)
    add_tie(factory(), "Bo Chen", "knows", "Dee Moss", weight=0.5)
    routine.set_cadence(factory(), ideal_days=30, max_days=60, tier="key")
    yield factory
    factory.dispose()
