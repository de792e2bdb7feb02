"""A team server for the tests: two workspaces on a fresh PostgreSQL database.

``alpha`` holds the demo network, owned by ann, edited by bo, viewed by cy; ``beta`` is
owned by dee and holds one person. The ``team`` fixture (in ``tests/faces/web/conftest.py``)
builds it once per test module; the helpers here log in and read what the pages render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient

from allies.config import Settings
from allies.services.network.notes import add_note
from allies.services.network.people import add_person, list_people
from allies.services.ports import UnitOfWorkFactory
from allies.services.team import accounts
from allies.services.team.workspaces import build_demo_workspace

SECRET = "a-test-secret-that-is-long-enough-for-team-mode"
PASSWORD = "correct horse battery"
BASE = "https://testserver"
SESSION, CSRF = "__Host-allies_session", "__Host-allies_csrf"
SECRET_NOTE = "Thinking about leaving for the regulator"


@dataclass
class Team:
    """The team server of a test module and what it holds."""

    settings: Settings
    app: FastAPI
    factory: UnitOfWorkFactory
    person: int  # a person of alpha
    beta_person: int
    alpha_names: list[str]
    private_note: int
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, user: str | None = None) -> TestClient:
        """A client over HTTPS (so the secure cookies travel), logged in as ``user``."""
        client = TestClient(self.app, base_url=BASE, follow_redirects=False)
        if user:
            login(client, user)
        return client


def csrf_of(page: str) -> str:
    """The CSRF token rendered into a page's forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "no CSRF field in the page"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    """Log ``client`` in through the login form."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
    )
    assert response.status_code == 303, response.text
    assert SESSION in client.cookies


def unsafe_headers(client: TestClient) -> dict[str, str]:
    """The header a script sends with a session: the CSRF token from its cookie."""
    return {"X-CSRF-Token": client.cookies.get(CSRF) or ""}


def build_team(factory: UnitOfWorkFactory) -> dict[str, int | list[str] | dict[str, str]]:
    """Users, workspaces, the demo network in alpha and a private note; returns ids."""
    for name in ("ann", "bo", "cy", "dee", "eve"):
        accounts.add_user(factory, name, PASSWORD, display_name=name.title())
    build_demo_workspace(factory, "alpha", seed=5, today=date(2026, 3, 1))
    accounts.grant(factory, "alpha", "ann", "owner")
    accounts.grant(factory, "alpha", "bo", "editor")
    accounts.grant(factory, "alpha", "cy", "viewer")
    accounts.add_workspace(factory, "beta", owner="dee")
    accounts.grant(factory, "beta", "eve", "editor")
    accounts.grant(factory, "alpha", "eve", "viewer")
    beta = add_person(factory("beta", actor=_actor(factory, "dee", "beta")), "Zed Betaperson")
    rows = list_people(factory("alpha"))
    person = next(r for r in rows if not r.is_me)
    note = add_note(
        factory("alpha", actor=_actor(factory, "bo", "alpha")),
        f"#{person.id}",
        SECRET_NOTE,
        private=True,
    )
    tokens = {
        "bo": accounts.create_token(factory, "bo", "alpha", "bo's script")[0],
        "cy": accounts.create_token(factory, "cy", "alpha", "cy's script")[0],
        "dee": accounts.create_token(factory, "dee", "beta", "dee's script")[0],
    }
    return {
        "person": person.id,
        "beta_person": beta.id or 0,
        "names": [r.name for r in rows if len(r.name) > 5],
        "note": note.id,
        "tokens": tokens,
    }


def _actor(factory: UnitOfWorkFactory, username: str, workspace: str) -> accounts.Actor:
    users = {u.username: u for u in accounts.list_users(factory)}
    assert username in users
    role = next(m.role for m in accounts.members(factory, workspace) if m.username == username)
    user_id = next(k for k, v in accounts.usernames(factory).items() if v == username)
    return accounts.Actor(user_id, username, role)


def team_settings(url: str) -> Settings:
    """Team-mode settings on ``url``."""
    return Settings(
        database_url=url, workspace="alpha", team=True, secret_key=SECRET, cookie_secure=True
    )
