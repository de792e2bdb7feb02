"""Reminders on a team workspace: each member has settings, secrets and a digest of their
own, and a link acts as the member it was sent to."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from allies.services.agenda.today import agenda
from allies.services.keep import log as routine
from allies.services.ports import UnitOfWorkFactory
from allies.services.reminders import act, due, setup
from allies.services.reminders.ports import RemindersContext
from allies.services.team.members import join, member_actor
from allies.services.team.memberships import grant
from allies.services.team.users import add_user
from tests.integration.services.keep.keep_helpers import TODAY, ago
from tests.reminder_servers import smtp_server

MORNING = datetime.combine(TODAY, time(8, 0), tzinfo=UTC)


def _member(network: UnitOfWorkFactory, username: str, person: str) -> None:
    add_user(network, username, "a long enough password")
    grant(network, "default", username, "editor")
    join(network, "default", username, person=person)


def test_each_member_gets_their_own_digest_and_their_links_act_as_them(
    ctx: RemindersContext, network: UnitOfWorkFactory
) -> None:
    _member(network, "ann", "Ann Lee")
    _member(network, "bo", "Bo Chen")
    as_ann = member_actor(network, "default", "ann")
    ann = network("default", as_ann)
    bo = network("default", member_actor(network, "default", "bo"))
    routine.make_promise(
        network("default", as_ann), "send the memo", to="Cy Park", due=ago(1), made_on=ago(9)
    )
    with smtp_server() as inbox:
        for uow, address, hour in ((ann, "ann@example.org", 7), (bo, "bo@example.org", 9)):
            setup.configure(
                ctx,
                uow,
                smtp_host="127.0.0.1",
                smtp_port=inbox.port,
                smtp_security="none",
                email_to=(address,),
                send_at=time(hour, 0),
            )
        first = due.send_due(ctx, network(), now=MORNING)  # 08:00: Ann's hour has come
        later = due.send_due(ctx, network(), now=MORNING + timedelta(hours=2))
    assert [(r.channel, r.sent) for r in first] == [("email", True)]
    assert [(r.sent, bool(r.skipped)) for r in later] == [(False, True), (True, False)]
    assert inbox.recipients == [["ann@example.org"], ["bo@example.org"]]
    assert setup.status(ctx, ann, now=MORNING).settings.email_to == ("ann@example.org",)
    assert setup.status(ctx, network(), now=MORNING).configured is False  # the laptop's own
    # a link of Ann's digest acts as Ann
    digest = due.preview(ctx, network("default", as_ann), day=TODAY)
    line = next(d for d in digest.lines if "memo" in d.title)
    outcome = act.act_on_link(ctx, line.done_url.rsplit("/", 1)[1], today=TODAY)
    assert outcome.handled and outcome.line.member == "ann"
    with network("default", as_ann) as uow:
        handled = uow.agenda_handled.get_many([line.item.key])[line.item.key]
    assert handled.handled_by == "ann"
    assert all("memo" not in i.what for i in agenda(network("default", as_ann), today=TODAY).items)
