"""People pages: the searchable list, and forms to add, edit, merge and remove people."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any, cast
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from allies.errors import AlliesError, InvalidInput, StaleRecord
from allies.services.network.people import (
    SortKey,
    add_person,
    count_people,
    edit_person,
    people_page,
    show_person,
    suggest_people,
)
from allies.services.network.removal import merge_people, related_records, remove_person
from allies.services.network.suggestions import list_choices, vocabulary
from allies.services.ports import UnitOfWork
from allies.web.deps import FormData, UoW, is_htmx, render
from allies.web.forms import FormState, checked, failed, person_ref, text
from allies.web.pages.common import flash, form_page, redirect, suggestions
from allies.web.pages.specs import PERSON, PERSON_NEW, Form

router = APIRouter()

TEXT_FIELDS = (
    "name",
    "title",
    "organisation",
    "unit",
    "emails",
    "phones",
    "tags",
    "level",
    "tier",
    "interests",
    "agenda",
    "values",
    "offers",
    "trades",
    "notes",
)


def _contact_window(contact: str) -> dict[str, Any]:
    today = date.today()
    if contact == "never":
        return {"never_contacted": True}
    if contact.lstrip("-").isdigit():
        days = int(contact)
        if days >= 0:
            return {"contacted_since": today - timedelta(days=days)}
        return {"not_contacted_since": today - timedelta(days=-days)}
    return {}


#: How many people one page of the list shows.
PAGE_SIZE = 50
#: How many names a person field suggests at a time.
SUGGESTED = 20


@router.get("/people", response_class=HTMLResponse, name="people")
def people(
    request: Request,
    uow: UoW,
    q: str = "",
    tag: str = "",
    unit: str = "",
    level: str = "",
    contact: str = "",
    sort: Annotated[str, Query()] = "name",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Everyone, searchable as you type and filtered by tag, unit, level and last contact,
    fifty to a page."""
    found = people_page(
        uow,
        search=q.strip() or None,
        tag=tag or None,
        unit=unit or None,
        level=level or None,
        sort=cast(SortKey, sort),
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
        **_contact_window(contact),
    )
    filters = {"q": q, "tag": tag, "unit": unit, "level": level, "contact": contact, "sort": sort}
    shown = {key: value for key, value in filters.items() if value and value != "name"}

    def page_url(number: int) -> str:
        return "/people?" + urlencode({**shown, "page": number} if number > 1 else shown)

    pages = max(1, -(-found.total // PAGE_SIZE))
    filtered = any(shown.get(key) for key in ("q", "tag", "unit", "level", "contact"))
    restoring = request.headers.get("HX-History-Restore-Request") == "true"
    rows_only = is_htmx(request) and not restoring
    context: dict[str, Any] = {
        "title": "People",
        "section": "people",
        "rows": found.items,
        "found": found.total,
        "total": found.total,
        "first": found.offset + 1,
        "page": page,
        "pages": pages,
        "previous_url": page_url(page - 1) if page > 1 else None,
        "next_url": page_url(page + 1) if page < pages else None,
        "filters": filters,
        "flash": flash(request),
    }
    if rows_only and filtered:
        context["total"] = count_people(uow)
    elif not rows_only:
        choices = list_choices(uow, total=None if filtered else found.total)
        context.update(total=choices.total, tags=choices.tags, units=choices.units)
    if rows_only:
        return render(request, "network/_rows.html", context)
    return render(request, "network/list.html", context)


@router.get("/suggest/vocabulary", name="suggest_vocabulary")
def vocabulary_suggestions(uow: UoW) -> JSONResponse:
    """The workspace's organisations, units and tags: what their fields suggest in a
    workspace too large to send them with every page (fetched once, when a field wants
    them)."""
    found = vocabulary(uow)
    return JSONResponse(
        {"organisations": found.organisations, "units": found.units, "tags": found.tags}
    )


@router.get("/suggest/people", name="suggest_people")
def people_suggestions(uow: UoW, q: Annotated[str, Query(max_length=200)] = "") -> JSONResponse:
    """The people whose name holds ``q``, as ``Name (#id)``: what a person field suggests
    in a workspace too large to send everyone with the page."""
    return JSONResponse(suggest_people(uow, q, limit=SUGGESTED))


def _person_values(values: dict[str, str]) -> dict[str, Any]:
    return {key: text(values, key) for key in TEXT_FIELDS}


@router.get("/people/new", response_class=HTMLResponse, name="person_new")
def new_person(request: Request, uow: UoW, name: str = "", me: str = "") -> HTMLResponse:
    """The form to add a person (``me=1``: yourself, "This is me" ticked)."""
    state = FormState("person", {"name": name, **({"is_me": "on"} if me else {})})
    return _person_form(request, uow, state, "Add a person", "/people/new", "/people")


def _person_form(
    request: Request,
    uow: UnitOfWork,
    state: FormState,
    title: str,
    action: str,
    back: str,
    delete_action: str | None = None,
    version: int | str | None = None,
) -> HTMLResponse:
    form: Form = PERSON if delete_action else PERSON_NEW
    extra: dict[str, Any] = {"section": "people"}
    if version is not None:
        extra["hidden"] = {"version": str(version)}
    return form_page(
        request,
        uow,
        title=title,
        form=form,
        state=state,
        action=action,
        back=back,
        delete_action=delete_action,
        extra=extra,
    )


@router.post("/people/new", response_class=HTMLResponse)
def create_person(request: Request, uow: UoW, values: FormData) -> Response:
    """Add the person; on a clash or a bad value, show the form again."""
    fields: dict[str, Any] = _person_values(values)
    for key in ("organisation", "unit", "level", "tier"):
        fields[key] = fields[key] or None
    try:
        person = add_person(
            uow,
            fields.pop("name"),
            is_me=checked(values, "is_me"),
            allow_duplicate=checked(values, "allow_duplicate"),
            **fields,
        )
    except AlliesError as error:
        state = failed("person", values, error)
        if error.next_step is not None and error.next_step.options.get("allow_duplicate"):
            state.error = f"{error.message} If this is someone else, tick “add anyway” below."
            state.field = "allow_duplicate"
        page = _person_form(request, uow, state, "Add a person", "/people/new", "/people")
        page.status_code = error.http_status
        return page
    return redirect(f"/people/{person.id}?saved=person")


@router.get("/people/{person_id}/edit", response_class=HTMLResponse, name="person_edit")
def edit_person_page(request: Request, uow: UoW, person_id: int) -> HTMLResponse:
    """The form to edit a person, filled in."""
    profile = show_person(uow, f"#{person_id}", limit=0)
    p = profile.person
    values = {
        "name": p.name,
        "title": p.title,
        "organisation": profile.organisation,
        "unit": profile.unit,
        "emails": ", ".join(p.emails),
        "phones": ", ".join(p.phones),
        "tags": ", ".join(p.tags),
        "level": p.level.value if p.level else "",
        "tier": p.tier.value if p.tier else "",
        "interests": p.interests,
        "agenda": p.agenda,
        "values": p.values,
        "offers": p.offers,
        "trades": p.trades,
        "notes": p.notes,
        "is_me": "on" if p.is_me else "",
    }
    return _person_form(
        request,
        uow,
        FormState("person", values),
        f"Edit {p.name}",
        f"/people/{person_id}/edit",
        f"/people/{person_id}",
        f"/people/{person_id}/delete",
        version=profile.version,
    )


@router.post("/people/{person_id}/edit", response_class=HTMLResponse)
def update_person(request: Request, uow: UoW, person_id: int, values: FormData) -> Response:
    """Save the changes; on a bad value, show the form again. The form carries the
    version it was filled in from: if someone else saved the person since, the changes
    are refused (and kept in the form) instead of overwriting theirs."""
    show_person(uow, f"#{person_id}", limit=0)
    sent = text(values, "version")
    try:
        edit_person(
            uow,
            f"#{person_id}",
            _person_values(values),
            expected_version=int(sent) if sent.isdigit() and len(sent) < 12 else None,
        )
    except AlliesError as error:
        page = _person_form(
            request,
            uow,
            failed("person", values, error),
            "Edit person",
            f"/people/{person_id}/edit",
            f"/people/{person_id}",
            f"/people/{person_id}/delete",
            version=sent or None,
        )
        # A form has no If-Match: a stale one is a plain conflict (409), not 412.
        page.status_code = 409 if isinstance(error, StaleRecord) else error.http_status
        return page
    return redirect(f"/people/{person_id}?saved=person")


def _related(uow: UnitOfWork, person_id: int) -> str:
    with uow:
        return related_records(uow, person_id).describe()


@router.get("/people/{person_id}/delete", response_class=HTMLResponse, name="person_delete")
def delete_person_page(request: Request, uow: UoW, person_id: int) -> HTMLResponse:
    """Ask what to do with the person's records before removing them."""
    profile = show_person(uow, f"#{person_id}", limit=0)
    return render(
        request,
        "network/delete.html",
        {
            "title": f"Remove {profile.person.name}",
            "section": "people",
            "person": profile.person,
            "related": _related(uow, person_id),
            "state": FormState(),
            "suggest": suggestions(uow),
        },
    )


@router.post("/people/{person_id}/delete", response_class=HTMLResponse)
def delete_person(request: Request, uow: UoW, person_id: int, values: FormData) -> Response:
    """Remove the person, deleting or reassigning their records as chosen."""
    profile = show_person(uow, f"#{person_id}", limit=0)
    choice = values.get("related", "")
    try:
        remove_person(
            uow,
            f"#{person_id}",
            delete_related=choice == "delete",
            reassign_to=person_ref(values.get("reassign_to", "")) or None
            if choice == "reassign"
            else None,
        )
    except AlliesError as error:
        return render(
            request,
            "network/delete.html",
            {
                "title": f"Remove {profile.person.name}",
                "section": "people",
                "person": profile.person,
                "related": _related(uow, person_id),
                "state": failed("delete", values, error),
                "suggest": suggestions(uow),
            },
            status_code=error.http_status,
        )
    return redirect("/people?saved=deleted")


@router.get("/people/{person_id}/merge", response_class=HTMLResponse, name="person_merge")
def merge_page(request: Request, uow: UoW, person_id: int) -> HTMLResponse:
    """Choose a duplicate record to fold into this person."""
    profile = show_person(uow, f"#{person_id}", limit=0)
    return render(
        request,
        "network/merge.html",
        {
            "title": f"Merge into {profile.person.name}",
            "section": "people",
            "person": profile.person,
            "state": FormState(),
            "suggest": suggestions(uow),
        },
    )


@router.post("/people/{person_id}/merge", response_class=HTMLResponse)
def merge(request: Request, uow: UoW, person_id: int, values: FormData) -> Response:
    """Merge the duplicate into this person."""
    profile = show_person(uow, f"#{person_id}", limit=0)
    try:
        duplicate = person_ref(values.get("duplicate", ""))
        if not duplicate:
            raise InvalidInput("Name the duplicate record to merge in.", field="duplicate")
        merge_people(uow, f"#{person_id}", duplicate)
    except AlliesError as error:
        return render(
            request,
            "network/merge.html",
            {
                "title": f"Merge into {profile.person.name}",
                "section": "people",
                "person": profile.person,
                "state": failed("merge", values, error),
                "suggest": suggestions(uow),
            },
            status_code=error.http_status,
        )
    return redirect(f"/people/{person_id}?saved=merged")
