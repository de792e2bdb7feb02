"""Settings › Reminders and the page a digest's link opens, in-process, with a real SMTP
server: set up, send now, follow a link once, and no secret in any answer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.keep.log import make_promise
from tests.faces.web.conftest import Network
from tests.keyring_backend import isolated_keyring
from tests.reminder_servers import smtp_server


@pytest.fixture(autouse=True)
def _keyring(tmp_path: Path) -> Iterator[None]:
    with isolated_keyring(tmp_path / "keyring.json"):
        yield


def _form(port: int, **more: str) -> dict[str, str]:
    return {
        "enabled": "on",
        "send_at": "07:30",
        "timezone": "Europe/Madrid",
        "quiet_sat": "on",
        "quiet_sun": "on",
        "email_to": "me@example.org",
        "smtp_host": "127.0.0.1",
        "smtp_port": str(port),
        "smtp_security": "none",
        "smtp_user": "",
        "smtp_password": "",
        "smtp_from": "allies@example.org",
        "apprise_url": "",
        "link_base": "http://testserver",
        **more,
    }


def _overdue_promise(settings: Settings) -> None:
    """A promise to Ann, due two days ago: a line on today's agenda."""
    factory = unit_of_work_factory(settings)
    when = date.today() - timedelta(days=2)
    make_promise(factory(settings.workspace), "send the figures", to="Ann", due=when, made_on=when)


def test_set_up_send_now_and_use_a_link_once(
    client: TestClient, network: Network, settings: Settings
) -> None:
    _overdue_promise(settings)
    page = client.get("/settings/reminders")
    assert page.status_code == 200 and "not set up yet" in page.text
    with smtp_server() as inbox:
        saved = client.post("/settings/reminders", data=_form(inbox.port))
        assert saved.status_code == 200 and "Reminders saved." in saved.text
        assert "The next digest goes" in saved.text
        sent = client.post("/settings/reminders/send")
        assert "Sent by email" in sent.text, re.findall(r"flash[^<]*<", sent.text)
        again = client.post("/settings/reminders/send")
        assert "Nothing sent by email" in again.text
    assert len(inbox.messages) == 1
    text = inbox.messages[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    first = re.search(r"Done: http://testserver(/reminders/act/\S+)", text)
    assert first is not None
    link = first.group(1)
    shown = client.get(link)
    assert shown.status_code == 200 and "Mark it done" in shown.text
    assert "send the figures" in shown.text and "send the figures" in client.get("/today").text
    done = client.post(link)
    assert "is off your agenda" in done.text
    assert "send the figures" not in client.get("/today").text
    assert "handled already" in client.post(link).text
    assert "handled already" in client.get(link).text


def test_a_bad_link_and_a_bad_form_are_explained(client: TestClient, network: Network) -> None:
    broken = client.get("/reminders/act/not-a-token")
    assert broken.status_code == 400 and "does not work" in broken.text
    bad = client.post("/settings/reminders", data=_form(25, timezone="Mars/Olympus"))
    assert bad.status_code == 422 and "not a time zone" in bad.text
    assert 'value="Mars/Olympus"' in bad.text  # what was typed stays


def test_the_password_is_kept_but_never_shown(client: TestClient, network: Network) -> None:
    form = _form(2525, smtp_user="me", smtp_password="pa55-word")
    assert client.post("/settings/reminders", data=form).status_code == 200
    page = client.get("/settings/reminders").text
    api = client.get("/api/v1/reminders")
    assert "A password is kept" in page and "pa55-word" not in page
    assert api.status_code == 200 and "pa55-word" not in api.text
    body = api.json()
    assert body["has_password"] is True and body["quiet_days"] == ["sat", "sun"]
    assert body["send_at"] == "07:30" and body["email_to"] == ["me@example.org"]
