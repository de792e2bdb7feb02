"""The self-assessment page: the questionnaire, the latest scores and the progress chart."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, InvalidInput
from allies.services.ports import UnitOfWork
from allies.services.standing import assessment as service
from allies.web.charts import history_lines
from allies.web.deps import FormData, UoW, render
from allies.web.forms import day
from allies.web.pages.common import redirect

router = APIRouter(include_in_schema=False)


def _page(
    request: Request,
    uow: UnitOfWork,
    *,
    answers: Mapping[str, str] | None = None,
    error: str = "",
    missing: frozenset[str] = frozenset(),
    status: int = 200,
) -> HTMLResponse:
    history = service.assessment_history(uow)
    context = {
        "title": "Self-assessment",
        "section": "standing",
        "questions": service.questions(),
        "scale": service.SCALE,
        "latest": history[-1] if history else None,
        "history": history,
        "history_chart": history_lines(history, "Your scores over time"),
        "answers": dict(answers or {}),
        "error": error,
        "missing": missing,
        "flash": "Scored and kept." if request.query_params.get("saved") else None,
    }
    return render(request, "standing/assessment.html", context, status_code=status)


@router.get("/assessment", response_class=HTMLResponse, name="assessment")
def assessment_page(request: Request, uow: UoW) -> HTMLResponse:
    """The questionnaire, with the latest result and the history when there is one."""
    return _page(request, uow)


@router.post("/assessment", response_class=HTMLResponse)
def take(request: Request, uow: UoW, values: FormData) -> Response:
    """Score the answers and keep them; an unanswered statement is pointed out."""
    keys = [q.key for q in service.questions()]
    missing = frozenset(k for k in keys if not values.get(k, "").strip())
    if missing:
        message = f"Answer every statement: {len(missing)} of {len(keys)} are still open."
        return _page(request, uow, answers=values, error=message, missing=missing, status=422)
    try:
        given = {k: int(values[k]) for k in keys if values[k].strip().isdigit()}
        if len(given) != len(keys):
            raise InvalidInput("Each answer is a whole number from 1 to 7.")
        service.take_assessment(uow, given, on=day(values, "on"))
    except AlliesError as error:
        return _page(request, uow, answers=values, error=str(error), status=error.http_status)
    return redirect("/assessment?saved=assessment")
