"""A team server beyond this machine speaks HTTPS only, and no address it builds repeats
the request's ``Host`` (issue 21, failure 11)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from typer.testing import CliRunner

from allies.config import Settings, load_settings
from allies.errors import ConfigurationError
from allies.web import create_app
from allies.web.serving import HttpsOnly
from tests.faces.web.team_setup import Team
from tests.faces.web.test_serve import _app


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What uvicorn.run was asked to do (it is not really started)."""
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.append({"app": app, **kwargs}))
    return seen


def test_a_team_server_refuses_plain_http_beyond_this_machine(
    calls: list[dict[str, Any]],
) -> None:
    plain = ["serve", "--team", "--db", "sqlite:///:memory:", "--host", "0.0.0.0"]
    refused = CliRunner().invoke(_app(), plain)
    assert refused.exit_code == 2 and calls == []
    assert "plain HTTP" in refused.output and "--forwarded-allow-ips" in refused.output
    behind_proxy = CliRunner().invoke(_app(), [*plain, "--forwarded-allow-ips", "10.0.0.2"])
    assert behind_proxy.exit_code == 2 and "plain HTTP" not in behind_proxy.output
    assert "PostgreSQL" in behind_proxy.output  # the next thing it needs, not HTTPS


def test_plain_http_from_another_machine_is_refused_https_served() -> None:
    inner = Starlette(routes=[Route("/", lambda request: PlainTextResponse("served"))])
    app = HttpsOnly(inner)
    with TestClient(app, base_url="http://testserver") as client:  # client "testclient"
        answer = client.get("/")
        assert answer.status_code == 403 and "HTTPS only" in answer.text
    with TestClient(app, base_url="https://testserver") as client:
        assert client.get("/").text == "served"
    with TestClient(app, base_url="http://testserver", client=("127.0.0.1", 5000)) as client:
        assert client.get("/").text == "served"  # this machine itself


def test_the_team_app_beyond_this_machine_answers_https_only(team: Team) -> None:
    app = create_app(replace(team.settings, host="0.0.0.0"))
    with TestClient(app, base_url="http://allies.example.org") as client:
        assert client.get("/login").status_code == 403
    with TestClient(app, base_url="https://allies.example.org") as client:
        assert client.get("/login").status_code == 200


def test_no_page_repeats_the_host_header(client: TestClient) -> None:
    page = client.get("/people", headers={"Host": "evil.example"})
    assert page.status_code == 200
    assert "evil.example" not in page.text
    assert 'href="/static/' in page.text or 'src="/static/' in page.text


def test_mail_links_come_from_the_configured_address() -> None:
    url = "sqlite:///:memory:"
    assert Settings(database_url=url).public_address == "http://127.0.0.1:8000/"
    configured = Settings(database_url=url, public_url="https://allies.example.org")
    assert configured.public_address == "https://allies.example.org/"
    read = load_settings(
        environ={"ALLIES_PUBLIC_URL": "https://a.example/", "ALLIES_CONFIG": "/none"}
    )
    assert read.public_address == "https://a.example/"
    with pytest.raises(ConfigurationError, match="public_url"):
        load_settings(environ={"ALLIES_PUBLIC_URL": "allies.example", "ALLIES_CONFIG": "/none"})
