"""Answering a survey through a personal link, and withdrawing the answers.

The respondent sees only their own form: the survey's questions and the names of the
others asked (a roster), nothing else of the network. Each name they pick becomes a
stated tie from them to that person (advice and lead: *listens to*; trust: *trusts*),
which the influence rank counts as any other evidence. A link works once and until the
survey's last day; the page after answering gives a second link that withdraws the answers
(the ties are removed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from allies.domain import Tie
from allies.domain.surveys import QUESTIONS, Survey, SurveyInvite
from allies.errors import InvalidInput
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from allies.services.surveys.links import Purpose, SignedInvite, peek, read, sign

__all__ = [
    "FormQuestion",
    "Submitted",
    "SurveyForm",
    "open_form",
    "submit_answers",
    "withdraw_answers",
]


@dataclass(frozen=True)
class FormQuestion:
    """A question as the form shows it."""

    key: str
    text: str


@dataclass(frozen=True)
class SurveyForm:
    """What a respondent sees: the survey, its questions and whom they can pick."""

    title: str
    respondent: str
    questions: list[FormQuestion]
    roster: list[tuple[int, str]]
    expires_on: date


@dataclass(frozen=True)
class Submitted:
    """What an answer did: how many ties it stated, and the link that withdraws them."""

    ties: int
    withdraw_path: str


def _gone(message: str) -> InvalidInput:
    return InvalidInput(message, field="link", hint="Ask the person who sent it for a new link.")


def _checked(
    factory: UnitOfWorkFactory, token: str, purpose: Purpose, today: date
) -> tuple[UnitOfWork, Survey, SurveyInvite, SignedInvite]:
    """The workspace, survey and invitation a token names, once it is known to be good."""
    workspace, invite_id = peek(token, purpose)
    if workspace not in factory.workspaces():
        raise _gone("This survey link is not valid (its workspace is gone).")
    uow = factory(workspace)
    with uow:
        invite = uow.surveys.invitation(invite_id)
        survey = uow.surveys.get(invite.survey_id) if invite is not None else None
    if invite is None or survey is None:
        raise _gone("This survey link is not valid (the survey is gone).")
    signed = read(survey.signing_key, token, purpose)
    if signed.nonce != invite.nonce or signed.invite_id != invite.id:
        raise _gone("This survey link is not valid any more: a newer one was sent.")
    if today > survey.expires_on:
        raise _gone(f"This survey closed on {survey.expires_on.isoformat()}.")
    if invite.withdrawn_at is not None:
        raise _gone("These answers were withdrawn; the link is closed.")
    if purpose == "answer" and invite.answered_at is not None:
        raise _gone("This link has been used: the survey was answered already.")
    if purpose == "withdraw" and invite.answered_at is None:
        raise _gone("There are no answers to withdraw.")
    return uow, survey, invite, signed


def open_form(factory: UnitOfWorkFactory, token: str, *, today: date | None = None) -> SurveyForm:
    """The form a link opens.

    Raises
    ------
    allies.errors.InvalidInput
        When the link is damaged, expired, used or made anew.
    """
    uow, survey, invite, _ = _checked(factory, token, "answer", today or date.today())
    with uow:
        others = [i.person_id for i in uow.surveys.invitations(survey.id or 0)]
        names = uow.people.names(others)
    roster = sorted(
        ((pid, names[pid]) for pid in others if pid != invite.person_id and pid in names),
        key=lambda item: item[1].casefold(),
    )
    questions = [FormQuestion(k, QUESTIONS[k].text) for k in survey.questions if k in QUESTIONS]
    return SurveyForm(
        survey.title, names.get(invite.person_id, ""), questions, roster, survey.expires_on
    )


def submit_answers(
    factory: UnitOfWorkFactory,
    token: str,
    picks: Mapping[str, Sequence[int]],
    *,
    today: date | None = None,
) -> Submitted:
    """Record the names picked for each question as stated ties, once.

    ``picks`` maps a question's key to the ids of the people picked; only the people on
    the survey's roster count.

    Raises
    ------
    allies.errors.InvalidInput
        When the link is damaged, expired, used or made anew.
    """
    day = today or date.today()
    uow, survey, invite, signed = _checked(factory, token, "answer", day)
    with uow:
        roster = {i.person_id for i in uow.surveys.invitations(survey.id or 0)}
        roster.discard(invite.person_id)
        stated: dict[tuple[int, str], float] = {}
        for key in survey.questions:
            question = QUESTIONS.get(key)
            if question is None:
                continue
            for pid in picks.get(key, ()):
                if pid in roster:
                    edge = (pid, question.tie_kind)
                    stated[edge] = max(stated.get(edge, 0.0), question.weight)
        ties = [
            uow.ties.add(
                Tie(
                    invite.person_id,
                    pid,
                    kind,  # type: ignore[arg-type]
                    weight=weight,
                    valid_from=day,
                    note=f"Survey: {survey.title}",
                )
            )
            for (pid, kind), weight in sorted(stated.items())
        ]
        uow.surveys.answered(invite.id or 0, datetime.now(UTC), [t.id or 0 for t in ties])
        uow.commit()
    back = sign(
        survey.signing_key, SignedInvite(signed.workspace, invite.id or 0, invite.nonce, "withdraw")
    )
    return Submitted(len(ties), f"/s/withdraw/{back}")


def withdraw_answers(factory: UnitOfWorkFactory, token: str, *, today: date | None = None) -> int:
    """Remove the ties a respondent's answers became; how many.

    Raises
    ------
    allies.errors.InvalidInput
        When the link is damaged or expired, or there is nothing to withdraw.
    """
    uow, _, invite, _ = _checked(factory, token, "withdraw", today or date.today())
    with uow:
        removed = 0
        for tie_id in uow.surveys.answer_ties(invite.id or 0):
            if uow.ties.find(tie_id) is not None:
                uow.ties.remove(tie_id)
                removed += 1
        uow.surveys.withdrawn(invite.id or 0, datetime.now(UTC))
        uow.commit()
    return removed
