"""``/api/v1/program``: the five days of action, where they stand, and answering a day.

The same service as ``allies program`` and the wizard at ``/program``: each day's answers
are stored as ordinary records (a goal, an alliance, its agreement, a team).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path

from allies.services.alliances import program as service
from allies.services.dates import read_answers
from allies.web.deps import UoW
from allies.web.schemas.common import ERRORS
from allies.web.schemas.keep.views import (
    ProgramAnswersIn,
    ProgramDayOut,
    ProgramDayResultOut,
    ProgramOut,
    ProgramPromptOut,
)

router = APIRouter(prefix="/api/v1/program", tags=["five days of action"], responses=ERRORS)

DayNumber = Annotated[int, Path(ge=1, le=len(service.DAYS), description="The day, 1-5.")]


@router.get("", response_model=ProgramOut)
def status(uow: UoW) -> ProgramOut:
    """The five days with their questions, which are done, and the next one to do."""
    done = {s.day: s for s in service.program_status(uow)}
    days = [
        ProgramDayOut(
            number=d.number,
            title=d.title,
            intro=d.intro,
            prompts=[ProgramPromptOut.model_validate(p) for p in d.prompts],
            records=d.records,
            done=done[d.number].done,
            summary=done[d.number].summary,
        )
        for d in service.DAYS
    ]
    return ProgramOut(days=days, next_day=service.next_day(uow))


@router.post("/{day}", response_model=ProgramDayResultOut)
def answer(uow: UoW, day: DayNumber, body: ProgramAnswersIn) -> ProgramDayResultOut:
    """Store a day's answers as records in one transaction; answers with what was stored.

    An unknown or missing required answer is 422 naming it; a day whose earlier days are
    not done is 404.
    """
    answers = read_answers(body.answers, service.day(day).kinds, today=date.today())
    result = service.run_day(uow, day, answers)
    return ProgramDayResultOut.model_validate(result)
