"""Survey links by e-mail, against a real SMTP server (aiosmtpd) started here: each person
gets their own working link once; those who have not answered get one reminder after the
days asked, through the ``surveys`` background task; on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from allies.background.tasks import TaskRun, get
from allies.config import Settings
from allies.errors import InvalidInput
from allies.services.network.people import edit_person
from allies.services.ports import UnitOfWorkFactory
from allies.services.reminders import setup
from allies.services.reminders.ports import RemindersContext
from allies.services.surveys.answer import open_form, submit_answers
from allies.services.surveys.mailing import mail_links, remind_due
from allies.services.surveys.manage import create_survey, survey_status
from allies.store.reminders import reminder_repository
from tests.keyring_backend import isolated_keyring
from tests.reminder_servers import smtp_server

BASE = "https://allies.example.org"
ASKED = ["Bo Chen", "Cy Park", "Dee Moss"]


@pytest.fixture
def ctx(office: UnitOfWorkFactory, tmp_path: Path) -> Iterator[RemindersContext]:
    """The reminders' context on the office, with a keyring of the test's own."""
    with isolated_keyring(tmp_path / "keyring.json"):
        yield RemindersContext(factory=office, repositories=reminder_repository)  # type: ignore[arg-type]


def _mail_server(ctx: RemindersContext, port: int) -> None:
    setup.configure(
        ctx,
        ctx.factory(),
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        smtp_from="allies@example.org",
        link_base=BASE,
    )


def _addresses(office: UnitOfWorkFactory) -> None:
    for name in ASKED[:2]:
        edit_person(office(), name, {"emails": [name.split()[0].lower() + "@example.org"]})


def _token(text: str) -> str:
    found = re.search(re.escape(BASE) + r"/s/(\S+)", text)
    assert found is not None, text
    return found.group(1)


def test_each_person_gets_their_own_link_once(
    ctx: RemindersContext, office: UnitOfWorkFactory
) -> None:
    _addresses(office)
    status, _ = create_survey(office(), "Who advises whom", ASKED)
    with smtp_server() as inbox:
        _mail_server(ctx, inbox.port)
        report = mail_links(ctx, office(), status.id)
        again = mail_links(ctx, office(), status.id)
    assert sorted(report.sent) == ["Bo Chen", "Cy Park"]
    assert report.failed == [("Dee Moss", "no e-mail address")]
    assert again.sent == []  # nobody is mailed twice
    assert sorted(r[0] for r in inbox.recipients) == ["bo@example.org", "cy@example.org"]
    by_address = {m["To"]: m for m in inbox.messages}
    bo = by_address["bo@example.org"]
    assert bo["Subject"] == "Survey: Who advises whom"
    text = bo.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Hello Bo Chen" in text
    form = open_form(office, _token(text))
    assert form.respondent == "Bo Chen"
    cy = by_address["cy@example.org"].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert _token(cy) != _token(text)
    words = {r.person: r.mail for r in survey_status(office(), status.id).invites}
    assert words["Bo Chen"].startswith("mailed ")
    assert words["Dee Moss"] == "not mailed: no e-mail address"


def test_without_a_mail_server_nothing_goes_and_the_field_is_named(
    ctx: RemindersContext, office: UnitOfWorkFactory
) -> None:
    status, _ = create_survey(office(), "Who advises whom", ASKED)
    with pytest.raises(InvalidInput) as refused:
        mail_links(ctx, office(), status.id)
    assert refused.value.field == "send"


def test_a_reminder_goes_once_to_those_who_have_not_answered(
    ctx: RemindersContext, office: UnitOfWorkFactory
) -> None:
    _addresses(office)
    status, _ = create_survey(office(), "Who advises whom", ASKED, remind_after_days=3)
    with smtp_server() as inbox:
        _mail_server(ctx, inbox.port)
        mail_links(ctx, office(), status.id)
        bo_link = next(
            _token(m.get_body(("plain",)).get_content())  # type: ignore[union-attr]
            for m in inbox.messages
            if m["To"] == "bo@example.org"
        )
        submit_answers(office, bo_link, {"advice": [], "trust": [], "lead": []})
        now = datetime.now(UTC)
        early = remind_due(ctx, office(), now=now + timedelta(days=2))
        due = remind_due(ctx, office(), now=now + timedelta(days=3, minutes=1))
        later = remind_due(ctx, office(), now=now + timedelta(days=4))
    assert early.sent == [] and later.sent == []
    assert due.sent == ["Cy Park"]  # Bo answered; Dee has no address
    reminders = [m for m in inbox.messages if m["Subject"].startswith("Reminder: ")]
    assert [m["To"] for m in reminders] == ["cy@example.org"]
    words = {r.person: r.mail for r in survey_status(office(), status.id).invites}
    assert words["Cy Park"].startswith("reminded ")


def test_the_background_task_sends_the_reminders_that_are_due(
    ctx: RemindersContext, office: UnitOfWorkFactory, store_url: str
) -> None:
    _addresses(office)
    status, _ = create_survey(office(), "Who advises whom", ASKED, remind_after_days=1)
    task = get("surveys")
    assert task.every == timedelta(hours=1)
    with smtp_server() as inbox:
        _mail_server(ctx, inbox.port)
        mail_links(ctx, office(), status.id)
        with office() as uow:  # as if mailed two days ago
            for invite in uow.surveys.invitations(status.id):
                if invite.mailed_at is not None:
                    uow.surveys.mailed(
                        invite.id or 0,
                        datetime.now(UTC) - timedelta(days=2),
                        "",
                        reminder=False,
                    )
            uow.commit()
        task.run(TaskRun(Settings(database_url=store_url), "office"))
    reminders = sorted(m["To"] for m in inbox.messages if m["Subject"].startswith("Reminder: "))
    assert reminders == ["bo@example.org", "cy@example.org"]


def test_a_closed_survey_is_not_mailed(ctx: RemindersContext, office: UnitOfWorkFactory) -> None:
    status, _ = create_survey(office(), "Old one", ASKED, days=1, today=date(2026, 1, 1))
    _mail_server(ctx, 2525)
    with pytest.raises(InvalidInput, match="closed"):
        mail_links(ctx, office(), status.id)
