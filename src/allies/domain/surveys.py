"""Network surveys: ask the people themselves whom they go to.

A member sends a short survey to a set of people — *whom do you go to for advice*, *whom
do you trust*, *whose lead do you take* — each answered by picking names from the list of
those invited (a roster survey, as in Polinode or Kumu). Each person gets a personal link
that needs no account, works once and expires. Their answers become stated ties with them
as the source, which feed influence as any other evidence; they can withdraw them.

Surveys are not records of the network: the ties the answers became are, and those are
kept with everything else, each with a record saying which survey it came from
(:class:`allies.domain.survey_answers.SurveyAnswer`), which a backup carries too.

Examples
--------
>>> QUESTIONS["advice"].tie_kind
'listens_to'
>>> sorted(QUESTIONS)
['advice', 'lead', 'trust']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = ["QUESTIONS", "Question", "Survey", "SurveyInvite"]


@dataclass(frozen=True)
class Question:
    """A question of a survey: its words, and the tie an answer states (respondent →
    person picked) with its weight."""

    key: str
    text: str
    tie_kind: str
    weight: float


#: The questions a survey can ask, by key.
QUESTIONS: dict[str, Question] = {
    "advice": Question("advice", "Whom do you go to for advice?", "listens_to", 0.7),
    "trust": Question("trust", "Whom do you trust?", "trusts", 0.8),
    "lead": Question("lead", "Whose lead do you take?", "listens_to", 0.9),
}


@dataclass(eq=False)
class Survey:
    """A survey of a workspace: its title, its questions (keys of :data:`QUESTIONS`) and
    the last day its links work."""

    title: str
    questions: list[str]
    expires_on: date
    signing_key: str = field(default="", repr=False)
    created_on: date = field(default_factory=date.today)
    created_by: int | None = None
    remind_after_days: int | None = None
    id: int | None = None


@dataclass(eq=False)
class SurveyInvite:
    """One person asked to answer a survey through their own link."""

    survey_id: int
    person_id: int
    nonce: str = field(default="", repr=False)
    answered_at: datetime | None = None
    withdrawn_at: datetime | None = None
    mailed_at: datetime | None = None
    reminded_at: datetime | None = None
    mail_error: str = ""
    id: int | None = None

    @property
    def status(self) -> str:
        """``waiting``, ``answered`` or ``withdrawn``."""
        if self.withdrawn_at is not None:
            return "withdrawn"
        return "waiting" if self.answered_at is None else "answered"
