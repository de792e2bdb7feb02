"""A person's page: their profile, ties, story, and quick forms to log what happened."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, NotFound
from allies.services.keep.ledger import balance_of
from allies.services.network.people import PersonProfile, show_person
from allies.services.network.provenance import came_from
from allies.services.network.split import merges_of, split_person
from allies.services.ports import UnitOfWork
from allies.web import actions
from allies.web.deps import FormData, UoW, render
from allies.web.forms import FormState, failed
from allies.web.pages.common import flash, redirect, suggestions
from allies.web.pages.keep import promises
from allies.web.pages.specs import CADENCE, FAVOUR, MEETING, OBSERVATION, PROMISE_WITH, TIE

router = APIRouter()

Action = Callable[[UnitOfWork, Mapping[str, str]], Any]

#: The quick forms of the person page: form name → (spec, what saving does).
QUICK: dict[str, Action] = {
    "meeting": actions.log_meeting,
    "observation": actions.record_observation,
    "favour": actions.record_favour_form,
    "promise": actions.record_promise_form,
    "tie": actions.add_tie_form,
    "cadence": actions.set_cadence_form,
}


#: How many events of a person's story a page shows (older ones a page further).
STORY_LIMIT = 25


def _page(
    request: Request, uow: UnitOfWork, profile: PersonProfile, state: FormState, status: int = 200
) -> HTMLResponse:
    person = profile.person
    pid = person.id or 0
    label = f"{person.name} (#{pid})"
    balance = balance_of(pid, person.name, profile.favours) if profile.favours else None
    open_promises = [c for c in profile.promises if c.status.value == "open"]
    context = {
        "title": person.name,
        "section": "people",
        "profile": profile,
        "person": person,
        "state": state,
        "forms": {
            "meeting": MEETING,
            "observation": OBSERVATION,
            "favour": FAVOUR,
            "promise": PROMISE_WITH,
            "tie": TIE,
            "cadence": CADENCE,
        },
        "prefill": {
            "meeting": {"people": label},
            "observation": {"subject": label},
            "tie": {"source": label},
        },
        "balance": balance,
        "open_promises": open_promises,
        "promise_versions": promises.open_versions(uow, pid) if open_promises else {},
        "cadence": profile.cadence,
        "suggest": suggestions(uow),
        "flash": flash(request),
        "merges": merges_of(uow, pid),
        "came_from": came_from(uow, pid),
        "split_back": _split_back(request),
    }
    return render(request, "network/show.html", context, status_code=status)


@router.get("/people/{person_id}", response_class=HTMLResponse, name="person")
def person_page(request: Request, uow: UoW, person_id: int) -> HTMLResponse:
    """Everything about one person, with forms to log the next thing that happens.

    The story shows its newest events; ``?before=`` (the cursor of the "Older" link)
    shows the page of events older than it.
    """
    before = request.query_params.get("before") or None
    with uow.together():  # the page reads a dozen things: one connection for them all
        profile = show_person(uow, f"#{person_id}", limit=STORY_LIMIT, before=before)
        return _page(request, uow, profile, FormState())


def _split_back(request: Request) -> int | None:
    """The person just split off this one, when the page follows a split."""
    value = request.query_params.get("split", "")
    return int(value) if value.isdigit() else None


@router.post("/people/{person_id}/split", response_class=HTMLResponse)
def split(request: Request, uow: UoW, person_id: int, values: FormData) -> Response:
    """Undo the newest merge into the person (or the one the form names)."""
    chosen = str(values.get("merge_id", "") or "")
    report = split_person(uow, person_id, merge_id=int(chosen) if chosen.isdigit() else None)
    return redirect(f"/people/{person_id}?split={report.restored.id}")


@router.post("/people/{person_id}/{what}", response_class=HTMLResponse)
def quick_log(request: Request, uow: UoW, person_id: int, what: str, values: FormData) -> Response:
    """Save one of the quick forms and come back to the person's page."""
    if what not in QUICK:
        raise NotFound(f"There is no form called {what!r} on a person's page.")
    profile = show_person(uow, f"#{person_id}", limit=STORY_LIMIT)
    submitted = dict(values)
    if what in ("favour", "promise", "cadence"):
        submitted["person"] = f"#{person_id}"
    try:
        QUICK[what](uow, submitted)
    except AlliesError as error:
        state = failed(what, values, error)
        return _page(request, uow, profile, state, status=error.http_status)
    return redirect(f"/people/{person_id}?saved={what}#story")
