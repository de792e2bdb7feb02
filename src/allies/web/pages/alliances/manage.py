"""Alliance pages: the list with a form to start one, and one alliance with its parts.

Every form on an alliance's page posts to ``/alliances/{id}/{what}``; a change that fails
shows the page again with the form's message (and the status of the error).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.bootstrap import watch_versions
from allies.errors import AlliesError, NotFound, StaleRecord
from allies.services.alliances import manage as service
from allies.services.ports import UnitOfWork
from allies.web.deps import FormData, UoW, render
from allies.web.form_reader import Reader
from allies.web.forms import (
    FormState,
    failed,
    optional_day,
    person_ref,
    text,
    whole,
)
from allies.web.pages.common import redirect, suggestions
from allies.web.pages.confirm import confirmation, who_query
from allies.web.pages.drawn import changes, checking, drawn_from, hidden, stale_message
from allies.web.pages.specs import DATE_HINT, Field, Form, labels_of

router = APIRouter(include_in_schema=False)

NEW = Form(
    "alliance",
    (
        Field("name", "Name", required=True),
        Field("purpose", "What it is for", "textarea"),
        Field("people", "Partners: people", "people", help="Names, separated by commas."),
        Field(
            "organisations",
            "Partners: organisations",
            suggestions="organisation-list",
            help="Names, separated by commas.",
        ),
        Field("goals", "Common goals", "textarea", help="One per line."),
        Field("every", "Check in every … days", "number", default="30"),
    ),
    "Start the alliance",
)

FORMS: dict[str, Form] = {
    "partner": Form(
        "partner",
        (
            Field("person", "A person", "person"),
            Field("organisation", "or an organisation", suggestions="organisation-list"),
            Field("role", "What they bring"),
        ),
        "Add partner",
    ),
    "goal": Form("goal", (Field("goal", "Common goal", required=True),), "Add goal"),
    "agreement": Form(
        "agreement",
        (
            Field("agreed", "What is agreed", "textarea"),
            Field("written", "Where it is written down", "textarea"),
            Field("checked", "How it is checked up on", "textarea"),
            Field("divided", "How work and credit are divided", "textarea"),
        ),
        "Save the agreement",
    ),
    "duty": Form(
        "duty",
        (
            Field("what", "What is to be done", required=True),
            Field("who", "Who does it", "person"),
            Field("due", "By when", "date", help=DATE_HINT),
        ),
        "Add duty",
    ),
    "milestone": Form(
        "milestone",
        (Field("title", "Milestone", required=True), Field("due", "Expected", "date")),
        "Add milestone",
    ),
    "conflict": Form(
        "conflict",
        (Field("title", "What it is about", required=True), Field("notes", "Notes", "textarea")),
        "Open conflict",
    ),
    "cadence": Form(
        "cadence",
        (
            Field("every", "Check in every … days", "number", required=True),
            Field("max", "At most … days", "number"),
        ),
        "Set check-ins",
    ),
}


def _new_alliance(uow: UnitOfWork, values: Mapping[str, str], reader: Reader) -> int:
    reader.text("name", required="Give the alliance a name.")
    people = reader.people(uow, "people")
    every = reader.number("every", 30, low=1, high=3650, label="Check in every … days")
    reader.check()
    alliance = service.create_alliance(
        uow,
        text(values, "name"),
        purpose=text(values, "purpose"),
        people=people,
        organisations=[o.strip() for o in values.get("organisations", "").split(",")],
        goals=values.get("goals", "").splitlines(),
        ideal_days=int(every or 30),
    )
    return alliance.id or 0


def _check(uow: UnitOfWork, what: str, values: Mapping[str, str]) -> Reader:
    """Read the people, days and numbers of one of the page's forms, every problem at
    once (the service checks the rest)."""
    reader = Reader(values)
    if what == "partner" and text(values, "person"):
        reader.person(uow, "person")
    elif what == "partner" and not text(values, "organisation"):
        reader.problem("person", "Name a person or an organisation.")
    if what == "duty":
        if text(values, "who"):
            reader.person(uow, "who")
        reader.day("due")
    if what == "milestone":
        reader.day("due")
    if what == "cadence":
        reader.number("every", None, low=1, high=3650, label="Check in every … days")
        reader.number("max", None, low=1, high=3650, label="At most … days")
    reader.check()
    return reader


@router.get("/alliances", response_class=HTMLResponse, name="alliances")
def alliances_page(request: Request, uow: UoW) -> HTMLResponse:
    """Every alliance with its status and health, and a form to start one."""
    return _list(request, uow, FormState())


def _list(request: Request, uow: UnitOfWork, state: FormState, status: int = 200) -> HTMLResponse:
    return render(
        request,
        "alliances/alliances.html",
        {
            "title": "Alliances",
            "section": "alliances",
            "rows": service.list_alliances(uow),
            "form": NEW,
            "state": state,
            "suggest": suggestions(uow),
        },
        status_code=status,
    )


@router.post("/alliances", response_class=HTMLResponse)
def create(request: Request, uow: UoW, values: FormData) -> Response:
    """Start an alliance, then show it."""
    reader = Reader(values)
    try:
        alliance_id = _new_alliance(uow, values, reader)
    except AlliesError as error:
        state = failed("alliance", values, error, labels_of(NEW))
        return _list(request, uow, state, error.http_status)
    return redirect(f"/alliances/{alliance_id}")


#: The page's forms that change what is stored (rather than add to it): each carries the
#: alliance's version, and a save drawn from an older one is refused.
EDITS = ("agreement", "cadence", "status")


def _prefill(alliance: Any) -> dict[str, dict[str, str]]:
    """What the page's edit forms show, by form and field."""
    agreement = alliance.agreement
    return {
        "agreement": {
            "agreed": agreement.agreed,
            "written": agreement.written,
            "checked": agreement.checked,
            "divided": agreement.divided,
        },
        "cadence": {
            "every": str(alliance.checkin_ideal_days),
            "max": str(alliance.checkin_max_days),
        },
        "status": {"status": alliance.status.value},
    }


def shown(alliance: Any, what: str) -> dict[str, str]:
    """What the edit form ``what`` shows, labelled in words (to tell what changed)."""
    labels = labels_of(FORMS[what]) if what in FORMS else {"status": "Status"}
    return {labels.get(k, k): v for k, v in _prefill(alliance)[what].items()}


def _show(
    request: Request,
    uow: UnitOfWork,
    alliance_id: int,
    state: FormState,
    status: int = 200,
    sent: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The alliance page; each edit form carries the version it is drawn from, or, for the
    form whose save failed, the version and text that save was drawn from (``sent``)."""
    with watch_versions() as watch:
        view = service.show_alliance(uow, f"#{alliance_id}")
    version = watch.version_of("alliance", alliance_id)
    drawn = {what: hidden(version, shown(view.alliance, what)) for what in EDITS}
    if sent is not None and state.name in EDITS and sent.get("version"):
        drawn[state.name] = {"version": sent.get("version", ""), "drawn": sent.get("drawn", "")}
    return render(
        request,
        "alliances/alliance.html",
        {
            "title": view.alliance.name,
            "section": "alliances",
            "view": view,
            "a": view.alliance,
            "forms": FORMS,
            "state": state,
            "prefill": _prefill(view.alliance),
            "drawn": drawn,
            "statuses": ["forming", "active", "dormant", "ended"],
            "suggest": suggestions(uow),
            "flash": confirmation(request, uow, {key: "Saved." for key in SAVED_KEYS}),
        },
        status_code=status,
    )


@router.get("/alliances/{alliance_id}", response_class=HTMLResponse, name="alliance")
def alliance_page(request: Request, uow: UoW, alliance_id: int) -> HTMLResponse:
    """One alliance: partners, goals, agreement, duties, milestones, conflicts, health."""
    return _show(request, uow, alliance_id, FormState())


Change = Callable[[UnitOfWork, str, Mapping[str, str]], Any]

#: What a saved form of the page is confirmed with ("Saved.", naming whom names meant).
SAVED_KEYS = (
    "alliance",
    *FORMS,
    "done",
    "reached",
    "celebrated",
    "discussed",
    "resolved",
    "status",
)

CHANGES: dict[str, Change] = {
    "partner": lambda uow, ref, v: service.add_partner(
        uow,
        ref,
        person=person_ref(v.get("person", "")) or None,
        organisation=text(v, "organisation") or None,
        role=text(v, "role"),
    ),
    "goal": lambda uow, ref, v: service.add_goal(uow, ref, text(v, "goal")),
    "agreement": lambda uow, ref, v: service.set_agreement(
        uow,
        ref,
        agreed=v.get("agreed", ""),
        written=v.get("written", ""),
        checked=v.get("checked", ""),
        divided=v.get("divided", ""),
    ),
    "duty": lambda uow, ref, v: service.add_duty(
        uow,
        ref,
        text(v, "what"),
        who=person_ref(v.get("who", "")) or None,
        due=optional_day(v, "due"),
    ),
    "done": lambda uow, ref, v: service.duty_done(uow, ref, whole(v, "id", 0)),
    "milestone": lambda uow, ref, v: service.add_milestone(
        uow, ref, text(v, "title"), due=optional_day(v, "due")
    ),
    "reached": lambda uow, ref, v: service.mark_milestone(uow, ref, whole(v, "id", 0), "reached"),
    "celebrated": lambda uow, ref, v: service.mark_milestone(
        uow, ref, whole(v, "id", 0), "celebrated"
    ),
    "conflict": lambda uow, ref, v: service.open_conflict(
        uow, ref, text(v, "title"), notes=text(v, "notes")
    ),
    "discussed": lambda uow, ref, v: service.move_conflict(
        uow, ref, whole(v, "id", 0), "discussed", note=text(v, "note")
    ),
    "resolved": lambda uow, ref, v: service.move_conflict(
        uow, ref, whole(v, "id", 0), "resolved", note=text(v, "note")
    ),
    "status": lambda uow, ref, v: service.move_status(uow, ref, text(v, "status")),
    "cadence": lambda uow, ref, v: service.set_checkin(
        uow, ref, whole(v, "every", 30), whole(v, "max", 0) or None
    ),
}


@router.post("/alliances/{alliance_id}/{what}", response_class=HTMLResponse)
def change(request: Request, uow: UoW, alliance_id: int, what: str, values: FormData) -> Response:
    """Save one of the alliance page's forms and come back to the page."""
    if what not in CHANGES:
        raise NotFound(f"There is no form called {what!r} on an alliance's page.")
    try:
        reader = _check(uow, what, values)
        if what in EDITS:
            with checking("alliance", alliance_id, values):
                CHANGES[what](uow, f"#{alliance_id}", values)
        else:
            CHANGES[what](uow, f"#{alliance_id}", values)
    except StaleRecord:
        now = shown(service.show_alliance(uow, f"#{alliance_id}").alliance, what)
        message = stale_message(
            "alliance", changes(drawn_from(values), now), typed=what != "status"
        )
        return _show(request, uow, alliance_id, FormState(what, dict(values), message), 409)
    except AlliesError as error:
        labels = labels_of(FORMS[what]) if what in FORMS else None
        state = failed(what, values, error, labels)
        return _show(request, uow, alliance_id, state, error.http_status, sent=values)
    return redirect(f"/alliances/{alliance_id}?saved={what}" + who_query(reader))
