"""Goal pages: the list with a form for a new goal, and one goal's plan with its forms."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.bootstrap import watch_versions
from allies.errors import AlliesError, NotFound, StaleRecord
from allies.services.context import Lens
from allies.services.ports import UnitOfWork
from allies.services.standing import goal_plan as plans
from allies.services.standing import goals as service
from allies.web.deps import FormData, LensDep, UoW, render
from allies.web.forms import FormState, failed, optional_day, person_ref, text
from allies.web.pages.common import redirect, suggestions
from allies.web.pages.drawn import changes, checking, drawn_from, hidden, stale_message

router = APIRouter(include_in_schema=False)


def _list(
    request: Request, uow: UnitOfWork, lens: Lens, state: FormState, status: int = 200
) -> HTMLResponse:
    problem = ""
    try:
        rows = plans.list_goals(uow, lens=lens, include_closed=True)
    except NotFound as error:
        rows, problem = [], f"{error.message} {error.hint or ''}"
    context = {
        "title": "Goals",
        "section": "standing",
        "rows": rows,
        "problem": problem,
        "state": state,
        "suggest": suggestions(uow),
    }
    return render(request, "standing/goals.html", context, status_code=status)


@router.get("/goals", response_class=HTMLResponse, name="goals")
def goals_page(request: Request, uow: UoW, lens: LensDep) -> HTMLResponse:
    """Every goal with its holders, allies, gaps and next step, and a form for a new one."""
    return _list(request, uow, lens, FormState())


def _needs(values: Mapping[str, str]) -> list[service.NeedSpec]:
    need = text(values, "need")
    if not need:
        return []
    return [service.NeedSpec(need, "decision", person_ref(values.get("holder", "")) or None)]


@router.post("/goals", response_class=HTMLResponse)
def create(request: Request, uow: UoW, lens: LensDep, values: FormData) -> Response:
    """Record a goal (with a first need when given), then show its plan."""
    try:
        goal = service.create_goal(
            uow,
            text(values, "title"),
            description=text(values, "description"),
            target=optional_day(values, "target"),
            needs=_needs(values),
        )
    except AlliesError as error:
        state = failed("goal", values, error)
        return _list(request, uow, lens, state, error.http_status)
    return redirect(f"/goals/{goal.id}")


def _show(
    request: Request,
    uow: UnitOfWork,
    lens: Lens,
    goal_id: int,
    state: FormState,
    status: int = 200,
) -> HTMLResponse:
    """A goal's page; its status form carries the version of the goal it is drawn from."""
    with watch_versions() as watch:
        plan = plans.goal_plan(uow, f"#{goal_id}", lens=lens)
    context = {
        "title": plan.title,
        "section": "standing",
        "plan": plan,
        "state": state,
        "status_hidden": hidden(watch.version_of("goal", goal_id), {"its status": plan.status}),
        "suggest": suggestions(uow),
        "flash": "Saved." if request.query_params.get("saved") else None,
    }
    return render(request, "standing/goal.html", context, status_code=status)


@router.get("/goals/{goal_id}", response_class=HTMLResponse, name="goal")
def goal_page(request: Request, uow: UoW, lens: LensDep, goal_id: int) -> HTMLResponse:
    """One goal's plan: next steps, key people, needs and gaps."""
    return _show(request, uow, lens, goal_id, FormState())


@router.post("/goals/{goal_id}/{what}", response_class=HTMLResponse)
def change(
    request: Request, uow: UoW, lens: LensDep, goal_id: int, what: str, values: FormData
) -> Response:
    """Add a need or change the status, then come back to the goal."""
    if what not in ("need", "status"):
        raise NotFound(f"There is no form called {what!r} on a goal's page.")
    try:
        if what == "need":
            service.add_need(
                uow,
                f"#{goal_id}",
                text(values, "description"),
                kind=text(values, "kind") or "decision",
                holder=person_ref(values.get("holder", "")) or None,
            )
        else:
            with checking("goal", goal_id, values):
                service.set_goal_status(uow, f"#{goal_id}", text(values, "status"))
    except StaleRecord:
        now = {"its status": plans.goal_plan(uow, f"#{goal_id}", lens=lens).status}
        message = stale_message("goal", changes(drawn_from(values), now), typed=False)
        return _show(request, uow, lens, goal_id, FormState("status", dict(values), message), 409)
    except AlliesError as error:
        state = failed(what, values, error)
        return _show(request, uow, lens, goal_id, state, error.http_status)
    return redirect(f"/goals/{goal_id}?saved={what}")
