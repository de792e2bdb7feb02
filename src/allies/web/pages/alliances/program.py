"""The five-day programme as a wizard: one page per day, its answers stored as records."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from allies.errors import AlliesError
from allies.services.alliances import program as service
from allies.services.dates import read_answers
from allies.services.ports import UnitOfWork
from allies.web.deps import FormData, UoW, render
from allies.web.forms import FormState, failed, person_refs
from allies.web.pages.common import suggestions
from allies.web.pages.specs import DATE_HINT, Field, Form

router = APIRouter(include_in_schema=False)

#: How each answer is typed in: people with suggestions, dates, longer text.
KINDS = {
    "people": "people",
    "team": "people",
    "duty_who": "person",
    "by": "date",
    "duty_due": "date",
    "milestone_due": "date",
    "ask_by": "date",
    "why": "textarea",
    "helps": "textarea",
    "hinders": "textarea",
    "agreed": "textarea",
    "written": "textarea",
    "checked": "textarea",
    "divided": "textarea",
    "win": "textarea",
}


def day_form(number: int) -> Form:
    """The form of day ``number``, built from its questions."""
    spec = service.day(number)
    fields = tuple(
        Field(
            p.key,
            p.question,
            KINDS.get(p.key, "text"),
            required=p.required,
            default=p.default,
            help=DATE_HINT if KINDS.get(p.key) == "date" else "",
            suggestions="organisation-list" if p.key == "organisations" else None,
        )
        for p in spec.prompts
    )
    last = number == len(service.DAYS)
    return Form(f"day{number}", fields, "Finish" if last else f"Save day {number}")


def _answers(number: int, values: Mapping[str, str]) -> dict[str, str]:
    keys = {p.key for p in service.day(number).prompts}
    answers = {k: v for k, v in values.items() if k in keys}
    for key in ("people", "team"):
        if key in answers:
            answers[key] = ", ".join(person_refs(answers[key]))
    if "duty_who" in answers:
        answers["duty_who"] = ", ".join(person_refs(answers["duty_who"]))
    return answers


@router.get("/program", response_class=HTMLResponse, name="program")
def program_page(request: Request, uow: UoW) -> HTMLResponse:
    """The five days, which are done, and where to go next."""
    return render(
        request,
        "alliances/program.html",
        {
            "title": "Five days of action",
            "section": "program",
            "days": service.DAYS,
            "status": service.program_status(uow),
            "next": service.next_day(uow),
        },
    )


def _day_page(
    request: Request,
    uow: UnitOfWork,
    number: int,
    state: FormState,
    result: service.DayResult | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    spec = service.day(number)
    return render(
        request,
        "alliances/program_day.html",
        {
            "title": f"Day {number}: {spec.title}",
            "section": "program",
            "spec": spec,
            "form": day_form(number),
            "state": state,
            "result": result,
            "total": len(service.DAYS),
            "suggest": suggestions(uow),
        },
        status_code=status_code,
    )


@router.get("/program/{number}", response_class=HTMLResponse, name="program_day")
def day_page(request: Request, uow: UoW, number: int) -> HTMLResponse:
    """One day's questions."""
    return _day_page(request, uow, number, FormState())


@router.post("/program/{number}", response_class=HTMLResponse)
def save_day(request: Request, uow: UoW, number: int, values: FormData) -> HTMLResponse:
    """Store one day's answers and say what was recorded (or show what went wrong)."""
    form = day_form(number)
    try:
        answers = read_answers(
            _answers(number, values), service.day(number).kinds, today=date.today()
        )
        result = service.run_day(uow, number, answers)
    except AlliesError as error:
        return _day_page(
            request, uow, number, failed(form.name, values, error), status_code=error.http_status
        )
    return _day_page(request, uow, number, FormState(), result=result)
