"""Pages for a person's notes and history, their data export and erasure, and the
workspace's audit trail (owners)."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from allies.bootstrap import unit_of_work_factory
from allies.errors import AlliesError
from allies.services.network import notes, privacy
from allies.services.network.people import show_person
from allies.services.team import audit
from allies.services.team.accounts import usernames
from allies.web.deps import SettingsDep, UoW, render
from allies.web.pages.common import redirect
from allies.web.team import current_identity

router = APIRouter(include_in_schema=False)

#: How many entries the audit page shows (the export has them all).
AUDIT_PAGE = 200


def _authors(request: Request, settings: SettingsDep) -> dict[int, str]:
    if current_identity(request) is None:
        return {}
    return usernames(unit_of_work_factory(settings))


def _is_owner(request: Request) -> bool:
    identity = current_identity(request)
    return identity is None or identity.is_owner


def _download(data: bytes, name: str, media: str) -> Response:
    return Response(
        data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/people/{person_id}/history", response_class=HTMLResponse, name="person_history")
def history_page(request: Request, uow: UoW, person_id: int) -> HTMLResponse:
    """Every change to a person and to the records about them."""
    history = audit.person_history(uow, f"#{person_id}", limit=300)
    return render(
        request,
        "network/history.html",
        {"title": f"History of {history.name}", "section": "people", "history": history,
         "owner": _is_owner(request)},
    )  # fmt: skip


@router.get("/people/{person_id}/notes", response_class=HTMLResponse, name="person_notes")
def notes_page(request: Request, uow: UoW, settings: SettingsDep, person_id: int) -> HTMLResponse:
    """The notes about a person the user may see, and a form to add one."""
    return _notes(request, uow, settings, person_id)


def _notes(
    request: Request,
    uow: UoW,
    settings: SettingsDep,
    person_id: int,
    *,
    error: str | None = None,
    body: str = "",
    status: int = 200,
) -> HTMLResponse:
    profile = show_person(uow, f"#{person_id}", limit=0)
    shown = notes.list_notes(uow, f"#{person_id}", authors=_authors(request, settings))
    identity = current_identity(request)  # its author deletes a note; an owner erases any
    flash = {"note": "Note saved.", "deleted": "Note deleted."}.get(
        request.query_params.get("saved", "")
    )
    return render(
        request,
        "network/notes.html",
        {"title": f"Notes about {profile.person.name}", "section": "people",
         "person": profile.person, "notes": shown, "error": error, "body": body,
         "flash": flash, "team": identity is not None,
         "may_erase": identity is None or identity.is_owner},
        status_code=status,
    )  # fmt: skip


@router.post("/notes/about/{person_id}", response_class=HTMLResponse)
def add_note(
    request: Request,
    uow: UoW,
    settings: SettingsDep,
    person_id: int,
    body: Annotated[str, Form()] = "",
    private: Annotated[str, Form()] = "",
) -> Response:
    """Save a note about a person and come back to their notes."""
    try:
        notes.add_note(uow, f"#{person_id}", body, private=private in ("on", "true", "1"))
    except AlliesError as error:
        return _notes(request, uow, settings, person_id, error=error.message, body=body,
                      status=error.http_status)  # fmt: skip
    return redirect(f"/people/{person_id}/notes?saved=note")


@router.post("/notes/{note_id}/delete")
def delete_note(uow: UoW, note_id: int, person: Annotated[int, Form()] = 0) -> Response:
    """Delete a note and go back to the person's notes."""
    notes.remove_note(uow, note_id)
    return redirect(f"/people/{person}/notes?saved=deleted" if person else "/people")


@router.get("/privacy/{person_id}/export.json")
def export_person(uow: UoW, person_id: int) -> Response:
    """Everything held about the person, as a JSON download (owners)."""
    data = privacy.export_person(uow, f"#{person_id}")
    return _download(
        data, f"person-{person_id}-{date.today().isoformat()}.json", "application/json"
    )


@router.get("/privacy/{person_id}/erase", response_class=HTMLResponse, name="person_erase")
def erase_page(request: Request, uow: UoW, person_id: int) -> HTMLResponse:
    """Ask before erasing a person for good (owners)."""
    profile = show_person(uow, f"#{person_id}", limit=0)
    return render(
        request,
        "network/erase.html",
        {"title": f"Erase {profile.person.name}", "section": "people", "person": profile.person,
         "owner": _is_owner(request)},
    )  # fmt: skip


@router.post("/privacy/{person_id}/erase")
def erase(uow: UoW, person_id: int) -> Response:
    """Erase the person completely (owners)."""
    privacy.erase_person(uow, f"#{person_id}")
    return redirect("/people?saved=deleted")


@router.get("/audit", response_class=HTMLResponse, name="audit")
def audit_page(request: Request, uow: UoW) -> HTMLResponse:
    """The latest changes in the workspace, and the trail to download (owners)."""
    raw = audit.export_audit(uow, fmt="json")
    entries = json.loads(raw)["entries"][-AUDIT_PAGE:][::-1]
    return render(
        request,
        "team/audit.html",
        {"title": "Audit trail", "section": "audit", "entries": entries, "limit": AUDIT_PAGE},
    )


@router.get("/audit/export.{fmt}")
def audit_export(uow: UoW, fmt: str) -> Response:
    """The whole audit trail as JSON or CSV (owners)."""
    data = audit.export_audit(uow, fmt=fmt)
    media = "text/csv" if fmt == "csv" else "application/json"
    return _download(data, f"audit-{date.today().isoformat()}.{fmt}", media)
