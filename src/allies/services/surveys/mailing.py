"""Mailing each person their own survey link, and reminding those who have not answered.

The links go through the mail server the member set up for their reminders
(:mod:`allies.services.reminders`): the same settings, the same password from the keyring,
the same SMTP delivery (:func:`allies.services.reminders.channels.deliver`). Each person
gets one message, to their first e-mail address, with their personal link and the day it
stops working; nobody sees whom else it went to. What happened is kept on each
invitation (mailed, reminded, or why not), so nothing goes twice and the survey's page
says who was not reached.

A survey may ask for reminders: :func:`remind_due` (the ``surveys`` background task, every
hour) mails the link again, once, to those who have not answered that many days after
their link was mailed, until the survey closes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from allies.domain.reminders import ReminderSettings
from allies.domain.surveys import Survey, SurveyInvite
from allies.errors import InvalidInput, NotFound
from allies.services.ports import UnitOfWork
from allies.services.reminders import secrets
from allies.services.reminders.channels import SendFailed, deliver
from allies.services.reminders.ports import RemindersContext
from allies.services.surveys.links import SignedInvite, sign
from allies.services.surveys.manage import link_path
from allies.services.team.members import member_actor

__all__ = [
    "REMIND_AFTER_DAYS",
    "MailReport",
    "mail_links",
    "remind_due",
    "require_mail_server",
    "survey_message",
]

#: Remind after this many days, unless the survey says otherwise.
REMIND_AFTER_DAYS = 3


@dataclass
class MailReport:
    """Whom a mailing reached, and whom not (with the reason in plain words)."""

    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def extend(self, other: MailReport) -> None:
        """Add what another mailing did."""
        self.sent += other.sent
        self.failed += other.failed


def require_mail_server(ctx: RemindersContext, uow: UnitOfWork) -> ReminderSettings:
    """The member's reminder settings, which name the mail server survey links go through.

    Raises
    ------
    allies.errors.InvalidInput
        On ``send`` when no mail server is set up.
    """
    with uow:
        settings = ctx.repositories(uow).settings()
    if settings is None or not settings.smtp_host:
        raise InvalidInput(
            "There is no mail server to send the survey links through.",
            field="send",
            hint="Give a mail server on the Reminders page first, or send the links yourself.",
        )
    return settings


def survey_message(
    settings: ReminderSettings,
    survey: Survey,
    name: str,
    address: str,
    url: str,
    *,
    reminder: bool,
) -> EmailMessage:
    """The e-mail that takes one person their link (plain text and HTML)."""
    last = f"{survey.expires_on:%A %d %B %Y}"
    first = (
        "A reminder: you have not answered this short survey yet."
        if reminder
        else "You are asked to answer a short survey."
    )
    lines = [
        f"Hello {name},",
        "",
        f"{first} It asks whom you turn to, and takes two minutes.",
        "",
        f"Your own link (it works once, until {last}):",
        url,
        "",
        "Please do not pass it on: it is yours alone. After answering you can withdraw "
        "your answers at any time.",
    ]
    message = EmailMessage()
    message["Subject"] = ("Reminder: " if reminder else "") + f"Survey: {survey.title}"
    message["From"] = settings.smtp_from or settings.smtp_user or f"allies@{settings.smtp_host}"
    message["To"] = address
    message["Message-ID"] = make_msgid(domain="allies.invalid")
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies
    message.set_content("\n".join(lines) + "\n")
    e = html.escape
    message.add_alternative(
        f"<p>Hello {e(name)},</p><p>{e(first)} It asks whom you turn to, and takes two "
        f'minutes.</p><p><a href="{e(url)}">Answer the survey</a> (your own link: it works '
        f"once, until {e(last)}).</p><p>Please do not pass it on: it is yours alone. After "
        "answering you can withdraw your answers at any time.</p>",
        subtype="html",
    )
    return message


def _due(invite: SurveyInvite, reminder: bool, before: datetime | None) -> bool:
    if invite.status != "waiting":
        return False
    if not reminder:
        return invite.mailed_at is None
    if invite.mailed_at is None or invite.reminded_at is not None:
        return False
    return before is None or invite.mailed_at <= before


def mail_links(
    ctx: RemindersContext,
    uow: UnitOfWork,
    survey_id: int,
    *,
    reminder: bool = False,
    mailed_before: datetime | None = None,
    today: date | None = None,
) -> MailReport:
    """Mail each person asked their own link (those not mailed yet), or with
    ``reminder`` the link again to those who have not answered (once each; with
    ``mailed_before``, only those mailed before then).

    The unit of work's member's mail server is used (their reminder settings).

    Raises
    ------
    allies.errors.InvalidInput
        When the member has no mail server set up, or the survey has closed.
    allies.errors.NotFound
        When the workspace has no such survey.
    """
    settings = require_mail_server(ctx, uow)
    password = secrets.load_secret(secrets.owner_of(uow), "smtp-password")
    with uow:
        survey = uow.surveys.get(survey_id)
        if survey is None:
            raise NotFound(kind="survey", record_id=survey_id)
        if (today or date.today()) > survey.expires_on:
            raise InvalidInput(
                f"This survey closed on {survey.expires_on:%d %B %Y}: its links no longer work.",
                field="send",
            )
        chosen = [i for i in uow.surveys.invitations(survey_id) if _due(i, reminder, mailed_before)]
        people = {i.person_id: uow.people.find(i.person_id) for i in chosen}
        workspace = uow.workspace
    report = MailReport()
    outcomes: list[tuple[int, datetime | None, str]] = []
    for invite in chosen:
        person = people.get(invite.person_id)
        name = person.name if person else f"#{invite.person_id}"
        if person is None or not person.emails:
            reason = "no e-mail address"
            report.failed.append((name, reason))
            outcomes.append((invite.id or 0, None, reason))
            continue
        token = sign(
            survey.signing_key, SignedInvite(workspace, invite.id or 0, invite.nonce, "answer")
        )
        url = settings.link_base.rstrip("/") + link_path(token)
        message = survey_message(settings, survey, name, person.emails[0], url, reminder=reminder)
        try:
            deliver(settings, password, message, "the survey link")
        except SendFailed as failure:
            report.failed.append((name, str(failure)))
            outcomes.append((invite.id or 0, None, str(failure)))
            continue
        report.sent.append(name)
        outcomes.append((invite.id or 0, datetime.now(UTC), ""))
    with uow:
        for invite_id, at, error in outcomes:
            uow.surveys.mailed(invite_id, at, error, reminder=reminder)
        uow.commit()
    return report


def _sender(ctx: RemindersContext, uow: UnitOfWork, survey: Survey) -> UnitOfWork:
    """A unit of work acting for the member who sent the survey (whose mail server it
    goes through); the workspace's own on a laptop."""
    if survey.created_by is None:
        return ctx.factory(uow.workspace)
    with uow:
        users = {m.user_id: m.username for m in uow.team.members()}
    username = users.get(survey.created_by)
    if username is None:
        raise NotFound("The member who sent the survey is no longer in the workspace.")
    return ctx.factory(uow.workspace, member_actor(ctx.factory, uow.workspace, username))


def remind_due(
    ctx: RemindersContext, uow: UnitOfWork, *, now: datetime | None = None
) -> MailReport:
    """Send the reminders that are due in the workspace: for each open survey that asks
    for them, to those who have not answered ``remind_after_days`` after their link was
    mailed (once each). A survey whose sender has no mail server any more is skipped."""
    moment = now or datetime.now(UTC)
    with uow:
        surveys = [
            s
            for s in uow.surveys.list()
            if s.remind_after_days is not None and moment.date() <= s.expires_on
        ]
    report = MailReport()
    for survey in surveys:
        before = moment - timedelta(days=survey.remind_after_days or REMIND_AFTER_DAYS)
        try:
            sender = _sender(ctx, uow, survey)
            report.extend(
                mail_links(
                    ctx,
                    sender,
                    survey.id or 0,
                    reminder=True,
                    mailed_before=before,
                    today=moment.date(),
                )
            )
        except (InvalidInput, NotFound) as skipped:
            report.failed.append((survey.title, str(skipped)))
    return report
