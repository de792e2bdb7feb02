"""The pattern every record page follows: a list with an add form, an edit form, delete.

A resource module describes itself with a :class:`Resource` and calls :func:`register`,
which adds five routes to its router::

    GET  /things              the list (filters from the query string) and the add form
    POST /things              add one; the list again with the error if it fails
    GET  /things/{id}/edit    the edit form, filled in
    POST /things/{id}/edit    save; the form again with the error if it fails
    POST /things/{id}/delete  delete, then back to the list
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.bootstrap import expect_version, watch_versions
from allies.errors import AlliesError, StaleRecord
from allies.services.ports import UnitOfWork
from allies.web.deps import FormData, UoW, render
from allies.web.forms import FormState, failed
from allies.web.pages.common import MESSAGES, form_page, redirect, suggestions
from allies.web.pages.confirm import confirmation, people_in, who_query
from allies.web.pages.listing import page_of
from allies.web.pages.specs import Form, labels_of

Values = Mapping[str, str]

#: What a save of an edit form filled in before someone else's change answers.
STALE = (
    "This record was changed by someone else since you opened the form; saving would undo "
    "their change. Open it again to see theirs, then make yours."
)


def version_of(values: Mapping[str, str]) -> str:
    """The version an edit form carries: a digest of the record as the form shows it.

    A save whose form was filled in from another version would silently overwrite what
    someone else saved meanwhile, so it is refused.
    """
    text = json.dumps(dict(values), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass
class Row:
    """One record in a list: a title, lines of detail, people to link, actions."""

    title: str
    href: str | None = None
    lines: list[str] = field(default_factory=list)
    people: list[tuple[int, str]] = field(default_factory=list)
    edit: str | None = None
    settle: int | None = None  # a promise id: show the settle buttons
    settle_version: int | None = None  # the version of the promise they settle
    css: str = ""


@dataclass
class Resource:
    """What a record page needs to know about its kind of record."""

    path: str
    title: str
    noun: str
    intro: str
    empty: str
    form: Form
    edit_form: Form
    rows: Callable[[UnitOfWork, Mapping[str, str]], list[Row]]
    create: Callable[[UnitOfWork, Values], Any]
    load: Callable[[UnitOfWork, int], dict[str, str]]
    update: Callable[[UnitOfWork, int, Values], Any]
    delete: Callable[[UnitOfWork, int], Any]
    section: str = "network"
    filters: Callable[[UnitOfWork, Mapping[str, str]], list[tuple[str, str, bool]]] | None = None
    extra: Callable[[UnitOfWork], dict[str, Any]] | None = None


def list_page(
    request: Request, uow: UnitOfWork, resource: Resource, state: FormState, status: int = 200
) -> HTMLResponse:
    """The list of records (searched and cut into pages), its filters and the add form."""
    query = dict(request.query_params)
    listed = page_of(resource.rows(uow, query), query, resource.path)
    context: dict[str, Any] = {
        "title": resource.title,
        "section": resource.section,
        "resource": resource,
        "rows": listed.rows,
        "listing": listed,
        "filter_links": resource.filters(uow, query) if resource.filters else [],
        "state": state,
        "suggest": suggestions(uow),
        "flash": confirmation(request, uow, MESSAGES),
        **(resource.extra(uow) if resource.extra else {}),
    }
    return render(request, "records/list.html", context, status_code=status)


def register(router: APIRouter, resource: Resource) -> None:
    """Add the list, add, edit and delete routes of ``resource`` to ``router``."""
    path = resource.path

    @router.get(path, response_class=HTMLResponse, name=path.strip("/"))
    def show_list(request: Request, uow: UoW) -> HTMLResponse:
        return list_page(request, uow, resource, FormState(resource.form.name))

    @router.post(path, response_class=HTMLResponse)
    def create(request: Request, uow: UoW, values: FormData) -> Response:
        try:
            made = resource.create(uow, values)
        except AlliesError as error:
            state = failed(resource.form.name, values, error, labels_of(resource.form))
            return list_page(request, uow, resource, state, status=error.http_status)
        return redirect(f"{path}?saved={resource.noun}" + who_query(people_in(made)))

    def edit_page(
        request: Request, uow: UnitOfWork, record_id: int, state: FormState, version: str
    ) -> HTMLResponse:
        return form_page(
            request,
            uow,
            title=f"Edit {resource.noun} #{record_id}",
            form=resource.edit_form,
            state=state,
            action=f"{path}/{record_id}/edit",
            back=path,
            delete_action=f"{path}/{record_id}/delete",
            extra={"section": resource.section, "hidden": {"version": version}},
        )

    kind = path.strip("/").removesuffix("s")  # the store's name of the kind: "favour"

    def stale(request: Request, uow: UnitOfWork, record_id: int, values: Values) -> HTMLResponse:
        state = FormState(resource.edit_form.name, dict(values), STALE)
        page = edit_page(request, uow, record_id, state, values.get("version", ""))
        page.status_code = 409
        return page

    @router.get(f"{path}/{{record_id}}/edit", response_class=HTMLResponse)
    def edit(request: Request, uow: UoW, record_id: int) -> HTMLResponse:
        with watch_versions() as watch:
            values = resource.load(uow, record_id)
        stored = watch.version_of(kind, record_id)
        state = FormState(resource.edit_form.name, values)
        # The store's version when the kind has one (the save checks it in the same
        # statement that writes); otherwise a digest of what the form shows.
        version = f"v{stored}" if stored is not None else version_of(values)
        return edit_page(request, uow, record_id, state, version)

    @router.post(f"{path}/{{record_id}}/edit", response_class=HTMLResponse)
    def update(request: Request, uow: UoW, record_id: int, values: FormData) -> Response:
        sent = values.get("version", "")
        numbered = sent[1:] if sent.startswith("v") and sent[1:].isdigit() else None
        if sent and numbered is None and sent != version_of(resource.load(uow, record_id)):
            return stale(request, uow, record_id, values)  # a form without one is not checked
        try:
            with watch_versions():
                if numbered is not None:
                    expect_version(kind, record_id, int(numbered))
                resource.update(uow, record_id, values)
        except StaleRecord:
            return stale(request, uow, record_id, values)
        except AlliesError as error:
            state = failed(resource.edit_form.name, values, error, labels_of(resource.edit_form))
            page = edit_page(request, uow, record_id, state, sent)
            page.status_code = error.http_status
            return page
        return redirect(f"{path}?saved={resource.noun}")

    @router.post(f"{path}/{{record_id}}/delete", response_class=HTMLResponse)
    def delete(uow: UoW, record_id: int) -> Response:
        resource.delete(uow, record_id)
        return redirect(f"{path}?saved=deleted")
