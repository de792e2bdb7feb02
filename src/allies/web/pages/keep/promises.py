"""Promise pages: promises by status, settling them, and forms to add, edit, delete.

A settle button names the version of the promise it was drawn from; when someone else
changed the promise since, nothing is settled and the page comes back with a plain
refusal beside that promise's buttons (``?stale=<id>``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from allies.bootstrap import watch_versions
from allies.errors import InvalidInput, StaleRecord
from allies.services.dates import parse_date, parse_optional_date
from allies.services.keep.log import PromiseOutcome, settle_promise
from allies.services.keep.records import (
    edit_promise,
    get_promise,
    list_promise_records,
    remove_promise,
)
from allies.services.network.records import people_names
from allies.services.ports import UnitOfWork
from allies.web import actions
from allies.web.choices import PROMISE_STATUSES
from allies.web.deps import FormData, UoW
from allies.web.forms import day, person_ref, text
from allies.web.pages.common import redirect
from allies.web.pages.drawn import checking
from allies.web.pages.records import Resource, Row, register
from allies.web.pages.specs import PROMISE, PROMISE_EDIT

router = APIRouter()

OUTCOMES = ("done", "kept", "late", "broken", "release")


@router.post("/promises/{promise_id}/settle")
def settle(request: Request, uow: UoW, promise_id: int, values: FormData) -> Response:
    """Mark a promise done, broken or released, then go back where the button was."""
    outcome = values.get("outcome", "")
    if outcome not in OUTCOMES:
        raise InvalidInput(
            f"Unknown outcome {outcome!r}.", field="outcome", hint="Use done, broken or release."
        )
    back = values.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = "/promises"
    try:
        with checking("promise", promise_id, values):
            settle_promise(uow, promise_id, outcome_of(outcome), on=day(values, "on"))
    except StaleRecord:
        return redirect(f"{back}?stale={promise_id}#promise-{promise_id}")
    return redirect(f"{back}?saved=settled")


def open_versions(uow: UnitOfWork, person_id: int | None = None) -> dict[int, int]:
    """The stored version of each open promise (of ``person_id``), which its settle
    buttons name."""
    with watch_versions() as watch:
        found = list_promise_records(uow, status="open", person_id=person_id)
    versions = {c.id or 0: watch.version_of("promise", c.id or 0) for c in found}
    return {pid: version for pid, version in versions.items() if version is not None}


def outcome_of(outcome: str) -> PromiseOutcome:
    """The outcome as the service types it."""
    mapping: dict[str, PromiseOutcome] = {
        "done": "done",
        "kept": "kept",
        "late": "late",
        "broken": "broken",
        "release": "release",
    }
    return mapping[outcome]


def _rows(uow: UnitOfWork, query: Mapping[str, str]) -> list[Row]:
    status = query.get("status", "open")
    with watch_versions() as watch:
        found = list_promise_records(uow, status=None if status == "all" else status or None)
    names = people_names(uow)
    today = date.today()
    rows = []
    for c in found:
        due = f"due {c.due_on:%d %b %Y}" if c.due_on else "no due date"
        rows.append(
            Row(
                title=f"{names.get(c.promiser_id, '?')} → {names.get(c.promisee_id, '?')}: "
                f"{c.description}",
                lines=[
                    f"{c.status.value} · {due} · made {c.made_on:%d %b %Y}"
                    + (" · overdue" if c.is_overdue(today) else ""),
                    c.note,
                ],
                people=[
                    (c.promiser_id, names.get(c.promiser_id, "?")),
                    (c.promisee_id, names.get(c.promisee_id, "?")),
                ],
                edit=f"/promises/{c.id}/edit",
                settle=c.id if c.status.value == "open" else None,
                settle_version=watch.version_of("promise", c.id or 0),
                css="overdue" if c.is_overdue(today) else "",
            )
        )
    return rows


def _filters(uow: UnitOfWork, query: Mapping[str, str]) -> list[tuple[str, str, bool]]:
    current = query.get("status", "open")
    links = [(s, f"/promises?status={s}", s == current) for s, _ in PROMISE_STATUSES]
    return [*links, ("all", "/promises?status=all", current == "all")]


def _load(uow: UnitOfWork, promise_id: int) -> dict[str, str]:
    c = get_promise(uow, promise_id)
    names = people_names(uow)
    return {
        "by": f"{names.get(c.promiser_id, '')} (#{c.promiser_id})",
        "to": f"{names.get(c.promisee_id, '')} (#{c.promisee_id})",
        "description": c.description,
        "due": c.due_on.isoformat() if c.due_on else "",
        "made_on": c.made_on.isoformat(),
        "note": c.note,
    }


def _update(uow: UnitOfWork, promise_id: int, values: Mapping[str, str]) -> None:
    made = parse_optional_date(text(values, "made_on"), field="made_on")
    due_text = text(values, "due")
    due = None
    if due_text:
        # "in 2 weeks" counts from the day the promise was made, as stored when unchanged
        since = made or get_promise(uow, promise_id).made_on
        due = parse_date(due_text, today=since, field="due")
    edit_promise(
        uow,
        promise_id,
        description=text(values, "description"),
        promiser=person_ref(values.get("by", "")) or None,
        promisee=person_ref(values.get("to", "")) or None,
        made_on=made,
        due=due,
        clear_due=not due_text,
        note=text(values, "note"),
    )


register(
    router,
    Resource(
        path="/promises",
        title="Promises",
        noun="promise",
        intro="Keep your word: promises you made and promises made to you.",
        empty="No promises here.",
        form=PROMISE,
        edit_form=PROMISE_EDIT,
        rows=_rows,
        create=actions.record_promise_form,
        load=_load,
        update=_update,
        delete=remove_promise,
        filters=_filters,
        section="promises",
    ),
)
