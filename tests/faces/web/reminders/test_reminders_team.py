"""Settings › Reminders on a team server (PostgreSQL): each member keeps settings of their
own, and a viewer may read but not change them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from allies.bootstrap import reminders_context
from allies.services.reminders.due import preview
from tests.faces.web.team_setup import Team, _actor, csrf_of
from tests.keyring_backend import isolated_keyring


@pytest.fixture(autouse=True)
def _keyring(tmp_path: Path) -> Iterator[None]:
    with isolated_keyring(tmp_path / "keyring.json"):
        yield


def _save(team: Team, user: str, address: str, hour: str) -> int:
    client = team.client(user)
    token = csrf_of(client.get("/settings/reminders").text)
    answer = client.post(
        "/settings/reminders",
        data={
            "csrf_token": token,
            "enabled": "on",
            "send_at": hour,
            "timezone": "UTC",
            "email_to": address,
            "smtp_host": "mail.example.org",
            "smtp_port": "587",
            "smtp_security": "starttls",
            "smtp_password": f"{user}-secret",
            "link_base": "https://allies.example.org",
        },
    )
    return answer.status_code


def test_each_member_has_reminders_of_their_own(team: Team) -> None:
    assert _save(team, "ann", "ann@example.org", "07:00") == 200
    assert _save(team, "bo", "bo@example.org", "09:15") == 200
    ann = team.client("ann").get("/api/v1/reminders").json()
    bo = team.client("bo").get("/api/v1/reminders").json()
    assert (ann["email_to"], ann["send_at"]) == (["ann@example.org"], "07:00")
    assert (bo["email_to"], bo["send_at"]) == (["bo@example.org"], "09:15")
    assert ann["has_password"] and bo["has_password"]
    page = team.client("bo").get("/settings/reminders").text
    assert "bo@example.org" in page and "ann@example.org" not in page
    assert "bo-secret" not in page


def test_a_viewer_cannot_change_reminders(team: Team) -> None:
    assert _save(team, "cy", "cy@example.org", "08:00") == 403
    assert team.client("cy").get("/api/v1/reminders").json()["configured"] is False


def test_a_digest_link_works_from_a_phone_with_no_session(team: Team) -> None:
    assert _save(team, "ann", "ann@example.org", "07:00") == 200
    ann = _actor(team.factory, "ann", "alpha")
    digest = preview(reminders_context(team.settings), team.factory("alpha", ann))
    line = next(line for line in digest.lines if line.done_url)
    path = "/reminders/act/" + line.done_url.rsplit("/reminders/act/", 1)[1]
    phone = team.client()  # nobody logged in
    shown = phone.get(path)
    assert shown.status_code == 200 and "Mark it done" in shown.text
    done = phone.post(path)
    assert done.status_code == 200 and "off your agenda" in done.text
    assert "handled already" in phone.post(path).text
    assert phone.get("/today").status_code in (302, 303, 401)  # the rest stays closed
