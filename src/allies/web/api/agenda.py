"""The agenda as JSON, and working through it: ``/api/v1/agenda``.

``GET /api/v1/agenda`` is the agenda the Today page shows (``days=7``: the week), the
lines already handled left out, each line with its number, its key and the calls that
handle it. ``POST /api/v1/agenda/lines/{key}/done`` takes the line's natural action (logs
the check-in, keeps the promise, records the favour returned, ...); ``.../snooze`` hides it
until a day; ``.../dismiss`` hides it for good with a reason. What was done is stored, so
the line stays handled on every device. The same services as ``allies today done|snooze|
dismiss``.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from allies.services.agenda import work
from allies.services.agenda.today import AgendaItem, agenda
from allies.web.api.common import DAY_NOTE, Day
from allies.web.deps import UoW
from allies.web.schemas.common import ERRORS, ApiModel, Text

API = "/api/v1/agenda"
TAGS: list[str | Enum] = ["agenda"]

router = APIRouter(prefix=API, responses=ERRORS)

Days = Annotated[int, Query(ge=1, le=7, description="1: today; 7: the seven days from today.")]


class LineOut(BaseModel):
    """One line of the agenda, numbered, with its stable key and where it is handled."""

    number: int = Field(description="Its place on the agenda, from 1 (moves as lines go).")
    key: str = Field(description="Names the line on every device; use it to handle it.")
    section: str = Field(
        description="goal, campaign, check-in, promise, duty, cooling, favour, celebrate, "
        "conflict or due (a routine check-in)."
    )
    routine: bool = Field(description="A routine check-in (folded on the page).")
    who: str
    what: str
    why: str
    on: date | None
    person_id: int | None
    alliance_id: int | None
    promise_id: int | None
    done_label: str = Field(description="What done means for this line, in a word or two.")
    done: str = Field(description="POST here to do it.")
    snooze: str = Field(description="POST here, with until, to hide it until a day.")
    dismiss: str = Field(description="POST here, with why, to hide it for good.")
    log: str | None = Field(description="The Log page with the person filled in.")


class AgendaLinesOut(BaseModel):
    """The agenda from ``start`` to ``end``, the lines not yet handled, in priority order."""

    start: date
    end: date
    days: int
    lines: list[LineOut]


class SnoozeLineIn(ApiModel):
    """Until when to hide the line (a day after today; tomorrow when left out)."""

    until: Day | None = Field(default=None, description="The day to hide it until." + DAY_NOTE)
    days: int = Field(default=1, ge=1, le=7, description="The agenda the line is on.")


class DismissLineIn(ApiModel):
    """Why the line does not need anyone (kept with it; may be empty)."""

    why: Text = ""
    days: int = Field(default=1, ge=1, le=7, description="The agenda the line is on.")


class DoneLineIn(ApiModel):
    """Which agenda the line is on: today (1) or the week (7)."""

    days: int = Field(default=1, ge=1, le=7, description="The agenda the line is on.")


class HandledOut(BaseModel):
    """A line handled: its key, what was stored, and what was done."""

    key: str
    action: str
    until: date | None
    reason: str
    handled_by: str | None
    done: str = Field(description="What was done, in words.")


def _line(item: AgendaItem) -> LineOut:
    base = f"{API}/lines/{item.key}"
    log = f"/log?person={quote(item.who)}" if item.person_id is not None else None
    return LineOut(
        number=item.rank,
        key=item.key,
        section=item.section,
        routine=item.routine,
        who=item.who,
        what=item.what,
        why=item.why,
        on=item.on,
        person_id=item.person_id,
        alliance_id=item.alliance_id,
        promise_id=item.promise_id,
        done_label=work.done_label(item),
        done=f"{base}/done",
        snooze=f"{base}/snooze",
        dismiss=f"{base}/dismiss",
        log=log,
    )


def _handled(found: work.Handled) -> HandledOut:
    return HandledOut(
        key=found.handled.line_key,
        action=found.handled.action,
        until=found.handled.until,
        reason=found.handled.reason,
        handled_by=found.handled.handled_by,
        done=found.done,
    )


@router.get("", response_model=AgendaLinesOut, tags=TAGS)
def agenda_lines(uow: UoW, days: Days = 1) -> AgendaLinesOut:
    """Today's agenda (or the week's), the lines not yet handled, numbered and keyed."""
    plan = agenda(uow, days=days)
    return AgendaLinesOut(
        start=plan.start, end=plan.end, days=plan.days, lines=[_line(i) for i in plan.items]
    )


@router.post("/lines/{key}/done", response_model=HandledOut, tags=TAGS)
def line_done(uow: UoW, key: str, body: DoneLineIn | None = None) -> HandledOut:
    """Do the line: its natural action (a check-in logged, a promise kept, a favour
    returned, a duty done, a milestone celebrated, a conflict resolved), then keep it
    handled."""
    return _handled(work.line_done(uow, key, days=body.days if body else 1))


@router.post("/lines/{key}/snooze", response_model=HandledOut, tags=TAGS)
def line_snooze(uow: UoW, key: str, body: SnoozeLineIn | None = None) -> HandledOut:
    """Hide the line until a day (tomorrow when not given); it shows again that day."""
    given = body or SnoozeLineIn()
    return _handled(work.snooze_line(uow, key, given.until, days=given.days))


@router.post("/lines/{key}/dismiss", response_model=HandledOut, tags=TAGS)
def line_dismiss(uow: UoW, key: str, body: DismissLineIn | None = None) -> HandledOut:
    """Hide the line for good, keeping the reason."""
    given = body or DismissLineIn()
    return _handled(work.dismiss_line(uow, key, given.why, days=given.days))
