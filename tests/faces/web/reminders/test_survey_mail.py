"""Survey links by e-mail from the Surveys page and the API, through the mail server of the
reminders (a real SMTP server started here): the link in the message opens the person's
own form; without a mail server the "e-mail" box is refused beside it and nothing is made."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.network.people import edit_person
from tests.faces.web.conftest import Network
from tests.faces.web.reminders.test_reminder_pages import _form
from tests.keyring_backend import isolated_keyring
from tests.reminder_servers import smtp_server


@pytest.fixture(autouse=True)
def _keyring(tmp_path: Path) -> Iterator[None]:
    with isolated_keyring(tmp_path / "keyring.json"):
        yield


def _addresses(settings: Settings) -> None:
    factory = unit_of_work_factory(settings)
    for name, address in (("Bo Chen", "bo@example.org"), ("Cy Diaz", "cy@example.org")):
        edit_person(factory(settings.workspace), name, {"emails": [address]})


def test_the_surveys_page_mails_each_person_their_link(
    client: TestClient, network: Network, settings: Settings
) -> None:
    _addresses(settings)
    with smtp_server() as inbox:
        assert client.post("/settings/reminders", data=_form(inbox.port)).status_code == 200
        sent = client.post(
            "/surveys",
            data={"title": "Who advises whom", "people": "Ann Lee, Bo Chen, Cy Diaz",
                  "questions": "advice", "days": "14", "send": "on", "remind": "on",
                  "remind_after_days": "3"},
        )  # fmt: skip
    assert sent.status_code == 200, sent.text[:500]
    assert "The link was e-mailed to 3 people: Ann Lee, Bo Chen, Cy Diaz." in sent.text
    assert "reminded by e-mail 3 days after" in sent.text
    assert "/s/" not in sent.text  # every link went by mail: none to copy
    assert sorted(r[0] for r in inbox.recipients) == [
        "ann@acme.test",
        "bo@example.org",
        "cy@example.org",
    ]
    text = inbox.messages[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    link = re.search(r"http://testserver(/s/\S+)", text)
    assert link is not None
    form = client.get(link.group(1))
    assert form.status_code == 200 and "Whom do you go to for advice?" in form.text


def test_without_a_mail_server_the_box_is_refused_beside_it(
    client: TestClient, network: Network
) -> None:
    refused = client.post(
        "/surveys",
        data={"title": "Who advises whom", "people": "Ann Lee, Bo Chen", "send": "on"},
    )
    assert refused.status_code == 422
    assert 'id="survey-send-error"' in refused.text and "no mail server" in refused.text
    assert "Who advises whom</a>" not in client.get("/surveys").text  # nothing was made


def test_the_api_mails_the_links_when_asked(
    client: TestClient, network: Network, settings: Settings
) -> None:
    _addresses(settings)
    body = {"title": "Trust", "people": ["Bo Chen", "Cy Diaz"], "send": True,
            "remind_after_days": 2}  # fmt: skip
    refused = client.post("/api/v1/surveys", json=body)
    assert refused.status_code == 422 and refused.json()["field"] == "send"
    with smtp_server() as inbox:
        assert client.post("/settings/reminders", data=_form(inbox.port)).status_code == 200
        made = client.post("/api/v1/surveys", json=body)
    assert made.status_code == 201, made.text
    answer = made.json()
    assert sorted(answer["mailed"]) == ["Bo Chen", "Cy Diaz"] and answer["not_mailed"] == []
    assert answer["survey"]["remind_after_days"] == 2
    assert {i["mail"][:7] for i in answer["survey"]["invites"]} == {"mailed "}
    assert len(inbox.messages) == 2
