"""The Log page: fast forms to record a meeting, an observation, a favour or a promise."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, NotFound
from allies.services.ports import UnitOfWork
from allies.web import actions
from allies.web.deps import FormData, UoW, render
from allies.web.forms import FormState, failed
from allies.web.pages.common import MESSAGES, redirect, suggestions
from allies.web.pages.confirm import confirmation, people_in, who_query
from allies.web.pages.specs import FAVOUR, MEETING, OBSERVATION, PROMISE, Form, labels_of

router = APIRouter()

FORMS: dict[str, tuple[str, Form, Callable[[UnitOfWork, Mapping[str, str]], Any]]] = {
    "meeting": ("Meeting", MEETING, actions.log_meeting),
    "observation": ("Observation", OBSERVATION, actions.record_observation),
    "favour": ("Favour", FAVOUR, actions.record_favour_form),
    "promise": ("Promise", PROMISE, actions.record_promise_form),
}


def _page(request: Request, uow: UnitOfWork, state: FormState, status: int = 200) -> HTMLResponse:
    return render(
        request,
        "keep/log.html",
        {
            "title": "Log",
            "section": "log",
            "forms": FORMS,
            "state": state,
            "suggest": suggestions(uow),
            "flash": confirmation(request, uow, MESSAGES),
        },
        status_code=status,
    )


@router.get("/log", response_class=HTMLResponse, name="log")
def log_page(request: Request, uow: UoW, form: str = "meeting", person: str = "") -> HTMLResponse:
    """The four forms, the meeting form first (or the one named by ``form``); ``person``
    fills in whom the meeting was with (the agenda's lines link here so)."""
    name = form if form in FORMS else "meeting"
    values = {"people": person.strip()} if person.strip() and name == "meeting" else {}
    return _page(request, uow, FormState(name, values))


@router.post("/log/{what}", response_class=HTMLResponse)
def log(request: Request, uow: UoW, what: str, values: FormData) -> Response:
    """Save one record; show the form again with the error if it fails."""
    if what not in FORMS:
        raise NotFound(f"There is no log form called {what!r}.")
    try:
        made = FORMS[what][2](uow, values)
    except AlliesError as error:
        state = failed(what, values, error, labels_of(FORMS[what][1]))
        return _page(request, uow, state, status=error.http_status)
    return redirect(f"/log?form={what}&saved={what}" + who_query(people_in(made)))
