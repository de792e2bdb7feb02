"""Sending a network survey and following its answers.

A member creates a survey (its questions, the people asked, how many days its links work)
and gets one personal link per person to send them; :func:`survey_status` says who has
answered, who has not (to remind them) and who withdrew.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from allies.domain.surveys import QUESTIONS, Survey, SurveyInvite
from allies.errors import Forbidden, InvalidInput, NotFound
from allies.services.network.lookup import resolve_people
from allies.services.ports import UnitOfWork
from allies.services.surveys.links import SignedInvite, new_key, new_nonce, sign

__all__ = [
    "InviteLink",
    "InviteRow",
    "SurveyStatus",
    "create_survey",
    "link_path",
    "list_surveys",
    "reminder_links",
    "survey_status",
]

#: How many days a survey's links work, unless said otherwise.
DAYS = 14


@dataclass(frozen=True)
class InviteLink:
    """One person's link to a survey (a path on the server: ``/s/<token>``)."""

    person_id: int
    person: str
    path: str


@dataclass(frozen=True)
class InviteRow:
    """Whether one person has answered, and whether their link was mailed (in words:
    ``mailed 7 Dec``, ``reminded 10 Dec``, ``not mailed: no e-mail address``; empty when
    it was not mailed by allies)."""

    person_id: int
    person: str
    status: str
    mail: str = ""


@dataclass(frozen=True)
class SurveyStatus:
    """A survey and its answers so far."""

    id: int
    title: str
    questions: list[str]
    expires_on: date
    invites: list[InviteRow]
    remind_after_days: int | None = None

    @property
    def answered(self) -> int:
        """How many have answered (and not withdrawn)."""
        return sum(1 for i in self.invites if i.status == "answered")

    @property
    def waiting(self) -> list[str]:
        """Who has not answered yet: whom to remind."""
        return [i.person for i in self.invites if i.status == "waiting"]


def link_path(token: str) -> str:
    """The path of a survey link on the server."""
    return f"/s/{token}"


def create_survey(
    uow: UnitOfWork,
    title: str,
    people: list[str],
    *,
    questions: list[str] | None = None,
    days: int = DAYS,
    remind_after_days: int | None = None,
    today: date | None = None,
) -> tuple[SurveyStatus, list[InviteLink]]:
    """Create a survey of ``people`` and one personal link for each.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; committed here.
    title : str
        What the people are told the survey is for.
    people : list of str
        Whom to ask (names, e-mails or ids); at least two, as each picks among the others.
    questions : list of str, optional
        Keys of :data:`allies.domain.surveys.QUESTIONS` (all of them by default).
    days : int
        How many days the links work (1-90).
    remind_after_days : int, optional
        Remind those who have not answered this many days (1-60) after their link was
        mailed (:mod:`allies.services.surveys.mailing`); no reminders when left out.
    today : date, optional
        The day it is sent (today by default).

    Raises
    ------
    allies.errors.InvalidInput
        For an unknown question, fewer than two people, or days out of range.
    allies.errors.Forbidden
        When the actor may not change the workspace (a viewer).
    """
    asked = list(dict.fromkeys(questions or list(QUESTIONS)))
    unknown = [q for q in asked if q not in QUESTIONS]
    if unknown:
        raise InvalidInput(
            f"Unknown question {unknown[0]!r}: use {', '.join(QUESTIONS)}.", field="questions"
        )
    if not 1 <= days <= 90:
        raise InvalidInput("A survey's links work for 1 to 90 days.", field="days")
    if not title.strip():
        raise InvalidInput("A survey needs a title.", field="title")
    if remind_after_days is not None and not 1 <= remind_after_days <= 60:
        raise InvalidInput("Remind after 1 to 60 days.", field="remind_after_days")
    day = today or date.today()
    with uow:
        chosen = list({p.id: p for p in resolve_people(uow, people)}.values())
        if len(chosen) < 2:
            raise InvalidInput(
                "Ask at least two people: each picks among the others.", field="people"
            )
        actor = uow.actor
        if actor is not None and not actor.can_write:
            raise Forbidden(
                f"{actor.username} is a viewer and cannot send surveys.",
                hint="Ask an owner of the workspace for the editor role.",
            )
        survey = uow.surveys.add(
            Survey(
                title.strip(),
                asked,
                day + timedelta(days=days),
                new_key(),
                day,
                actor.user_id if actor else None,
                remind_after_days,
            )
        )
        links = []
        for person in chosen:
            invite = uow.surveys.invite(SurveyInvite(survey.id or 0, person.id or 0, new_nonce()))
            token = sign(
                survey.signing_key,
                SignedInvite(uow.workspace, invite.id or 0, invite.nonce, "answer"),
            )
            links.append(InviteLink(person.id or 0, person.name, link_path(token)))
        uow.commit()
    return survey_status(uow, survey.id or 0), links


def survey_status(uow: UnitOfWork, survey_id: int) -> SurveyStatus:
    """Who has answered the survey, who has not, who withdrew.

    Raises
    ------
    allies.errors.NotFound
        When the workspace has no such survey.
    """
    with uow:
        survey = uow.surveys.get(survey_id)
        if survey is None:
            raise NotFound(kind="survey", record_id=survey_id)
        invites = uow.surveys.invitations(survey_id)
        names = uow.people.names(i.person_id for i in invites)
    rows = [
        InviteRow(i.person_id, names.get(i.person_id, ""), i.status, _mail_words(i))
        for i in invites
    ]
    return SurveyStatus(
        survey.id or 0,
        survey.title,
        survey.questions,
        survey.expires_on,
        rows,
        survey.remind_after_days,
    )


def _mail_words(invite: SurveyInvite) -> str:
    """Whether the invitation's link was mailed, in words."""
    if invite.reminded_at is not None:
        return f"reminded {invite.reminded_at:%d %b}"
    if invite.mailed_at is not None:
        return f"mailed {invite.mailed_at:%d %b}"
    return f"not mailed: {invite.mail_error}" if invite.mail_error else ""


def list_surveys(uow: UnitOfWork) -> list[SurveyStatus]:
    """Every survey of the workspace, the newest first, with its answers so far."""
    with uow:
        ids = [s.id or 0 for s in uow.surveys.list()]
    return [survey_status(uow, survey_id) for survey_id in ids]


def reminder_links(uow: UnitOfWork, survey_id: int) -> list[InviteLink]:
    """The links of those who have not answered yet, to send them again as a reminder
    (each is their own link: it still works once, until the survey closes).

    Raises
    ------
    allies.errors.NotFound
        When the workspace has no such survey.
    """
    with uow:
        survey = uow.surveys.get(survey_id)
        if survey is None:
            raise NotFound(kind="survey", record_id=survey_id)
        waiting = [i for i in uow.surveys.invitations(survey_id) if i.status == "waiting"]
        names = uow.people.names(i.person_id for i in waiting)
        workspace = uow.workspace
    return [
        InviteLink(
            i.person_id,
            names.get(i.person_id, ""),
            link_path(
                sign(survey.signing_key, SignedInvite(workspace, i.id or 0, i.nonce, "answer"))
            ),
        )
        for i in waiting
    ]
