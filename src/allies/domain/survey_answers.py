"""Which survey a stated tie came from.

When someone answers a network survey (:mod:`allies.domain.surveys`), each name they pick
becomes a stated tie from them; a :class:`SurveyAnswer` keeps, beside the tie, the survey's
title and the day of the answer. It is a record of the workspace, so a backup carries it
with the tie (the survey's links and invitations stay behind: they are not records).

Examples
--------
>>> from datetime import date
>>> SurveyAnswer(tie_id=4, survey="Who advises whom", answered_on=date(2026, 12, 7)).survey
'Who advises whom'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["SurveyAnswer"]


@dataclass(eq=False)
class SurveyAnswer:
    """A stated tie that an answer to a survey became: the tie, the survey's title and the
    day it was answered. The respondent is the tie's source."""

    tie_id: int
    survey: str
    answered_on: date
    id: int | None = None
