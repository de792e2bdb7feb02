"""The morning digest against real servers: an SMTP server (aiosmtpd) and an Apprise
``json://`` endpoint, both started here. Content, once per day and channel, retries of a
failed send, the hour and the quiet days, and secrets kept out of the database."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from allies.services.agenda.today import agenda
from allies.services.ports import UnitOfWorkFactory
from allies.services.reminders import due, setup
from allies.services.reminders.ports import RemindersContext
from allies.store import tables as t
from tests.integration.services.keep.keep_helpers import TODAY, meet
from tests.reminder_servers import http_endpoint, smtp_server

MORNING = datetime.combine(TODAY, time(8, 0), tzinfo=UTC)  # a Monday


def _email(ctx: RemindersContext, port: int, **more: object) -> None:
    setup.configure(
        ctx,
        ctx.factory(),
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        smtp_from="allies@example.org",
        email_to=("dana@example.org",),
        link_base="https://allies.example.org",
        **more,
    )


def test_the_digest_goes_by_email_once_with_every_line_and_its_links(
    ctx: RemindersContext, network: UnitOfWorkFactory
) -> None:
    meet(network, "Ann Lee", 100)
    lines = agenda(network(), today=TODAY).items
    assert lines
    with smtp_server() as inbox:
        _email(ctx, inbox.port)
        sent = due.send_now(ctx, network(), now=MORNING)
        again = due.send_now(ctx, network(), now=MORNING + timedelta(hours=1))
    assert [(r.channel, r.sent, r.lines) for r in sent] == [("email", True, len(lines))]
    assert [r.sent for r in again] == [False] and again[0].skipped
    assert len(inbox.messages) == 1 and inbox.recipients == [["dana@example.org"]]
    message = inbox.messages[0]
    assert message["Subject"] == f"allies: {len(lines)} things for Mon 15 Jun"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "1. Ann Lee: " in text
    for item in lines:
        assert item.why in text
    links = re.findall(r"https://allies\.example\.org/reminders/act/\S+", text)
    assert len(links) == 2 * len(lines)
    assert links[0].replace("&", "&amp;") in html


def test_the_smtp_password_comes_from_the_keyring_and_never_reaches_the_database(
    ctx: RemindersContext, network: UnitOfWorkFactory, test_keyring: Path
) -> None:
    meet(network, "Ann Lee", 100)
    with smtp_server(user="dana", password="s3cret-pw") as inbox:
        _email(ctx, inbox.port, smtp_user="dana", smtp_password="s3cret-pw")
        assert due.send_now(ctx, network(), now=MORNING)[0].sent
    assert inbox.logins == [("dana", "s3cret-pw")] and len(inbox.messages) == 1
    assert "s3cret-pw" in test_keyring.read_text()
    with network() as uow:
        rows = uow.connection.execute(select(t.reminder_settings)).all()  # type: ignore[attr-defined]
    assert rows and "s3cret-pw" not in repr(rows)
    status = setup.status(ctx, network(), now=MORNING)
    assert status.has_password and "s3cret-pw" not in repr(status)


def test_a_wrong_password_is_a_failed_send_shown_and_retried_later(
    ctx: RemindersContext, network: UnitOfWorkFactory
) -> None:
    meet(network, "Ann Lee", 100)
    with smtp_server(user="dana", password="right") as inbox:
        _email(ctx, inbox.port, smtp_user="dana", smtp_password="wrong")
        first = due.send_due(ctx, network(), now=MORNING)
        assert [r.sent for r in first] == [False]
        assert "refused the login of 'dana'" in first[0].error
        failed = setup.status(ctx, network(), now=MORNING).failed
        assert [(s.attempts, s.error) for s in failed] == [(1, first[0].error)]
        # too soon to try again
        assert due.send_due(ctx, network(), now=MORNING + timedelta(minutes=5))[0].skipped
        setup.configure(ctx, network(), smtp_password="right")
        later = due.send_due(ctx, network(), now=MORNING + timedelta(minutes=20))
    assert [r.sent for r in later] == [True] and len(inbox.messages) == 1
    sends = setup.status(ctx, network(), now=MORNING).sends
    assert [(s.status, s.attempts) for s in sends] == [("sent", 2)]


def test_apprise_gets_the_digest_once_and_a_refusal_is_retried(
    ctx: RemindersContext, network: UnitOfWorkFactory, test_keyring: Path
) -> None:
    meet(network, "Ann Lee", 100)
    with http_endpoint() as endpoint:
        endpoint.fail = True
        setup.configure(ctx, network(), apprise_url=endpoint.apprise_url)
        assert setup.status(ctx, network()).settings.channel == "json"
        assert endpoint.apprise_url in test_keyring.read_text()
        failed = due.send_now(ctx, network(), now=MORNING)
        assert [(r.channel, r.sent) for r in failed] == [("apprise", False)]
        endpoint.fail = False
        retried = due.send_due(ctx, network(), now=MORNING + timedelta(minutes=16))
        again = due.send_due(ctx, network(), now=MORNING + timedelta(minutes=40))
    assert [r.sent for r in retried] == [True] and again[0].skipped
    assert len(endpoint.posts) == 1
    post = endpoint.posts[0]
    assert post["title"].startswith("allies: ") and "Ann Lee" in post["message"]
    assert "/reminders/act/" in post["message"]


def test_nothing_goes_before_the_hour_or_on_a_quiet_day(
    ctx: RemindersContext, network: UnitOfWorkFactory
) -> None:
    meet(network, "Ann Lee", 100)
    with smtp_server() as inbox:
        _email(ctx, inbox.port, send_at=time(9, 0), quiet_days=(0,), timezone="Europe/Madrid")
        assert due.send_due(ctx, network(), now=MORNING) == []  # Monday: quiet
        setup.configure(ctx, network(), quiet_days=(5, 6))
        assert due.send_due(ctx, network(), now=MORNING - timedelta(hours=2)) == []  # 08:00
        status = setup.status(ctx, network(), now=MORNING - timedelta(hours=2))
        assert status.next_send is not None and status.next_send.hour == 9
        assert [r.sent for r in due.send_due(ctx, network(), now=MORNING)] == [True]  # 10:00
    assert len(inbox.messages) == 1
