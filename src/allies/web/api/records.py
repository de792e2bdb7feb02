"""``/api/v1``: who am I, notes about people, a person's history, the audit trail, and a
person's data export and erasure."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status

from allies.services.dates import parse_optional_date
from allies.services.network import notes, privacy
from allies.services.team import audit
from allies.web.api.common import ref
from allies.web.deps import SettingsDep, UoW
from allies.web.schemas.common import ERRORS
from allies.web.schemas.records import (
    AuditOut,
    ErasureOut,
    HistoryOut,
    MeOut,
    NoteIn,
    NoteOut,
    NoteUpdate,
)
from allies.web.team import current_identity

router = APIRouter(prefix="/api/v1", responses=ERRORS)

Day = Annotated[str | None, Query(description="An ISO date, e.g. 2026-03-01.", max_length=40)]


@router.get("/me", response_model=MeOut, tags=["accounts"])
def me(request: Request, settings: SettingsDep) -> MeOut:
    """Who the API is talking to, in which workspace, with which role."""
    identity = current_identity(request)
    if identity is None:
        return MeOut(
            team=False,
            username=None,
            workspace=settings.workspace,
            role="owner",
            workspaces={settings.workspace: "owner"},
        )
    return MeOut(
        team=True,
        username=identity.username,
        workspace=identity.workspace,
        role=identity.role.value if identity.role else None,
        workspaces={m.workspace: m.role.value for m in identity.workspaces},
    )


@router.get("/people/{person_id}/notes", response_model=list[NoteOut], tags=["notes"])
def person_notes(uow: UoW, person_id: int) -> list[NoteOut]:
    """The notes about a person the caller may see (others' private notes never show)."""
    return [NoteOut.of(n) for n in notes.list_notes(uow, ref(person_id))]


@router.post(
    "/people/{person_id}/notes",
    response_model=NoteOut,
    status_code=status.HTTP_201_CREATED,
    tags=["notes"],
)
def add_note(uow: UoW, person_id: int, body: NoteIn) -> NoteOut:
    """Write a note about a person; ``private`` keeps it to you."""
    return NoteOut.of(notes.add_note(uow, ref(person_id), body.body, private=body.private))


@router.get("/notes", response_model=list[NoteOut], tags=["notes"])
def search_notes(
    uow: UoW, q: Annotated[str, Query(min_length=1, max_length=200, description="Text to find.")]
) -> list[NoteOut]:
    """The notes the caller may see that contain ``q``."""
    return [NoteOut.of(n) for n in notes.search_notes(uow, q)]


@router.get("/notes/{note_id}", response_model=NoteOut, tags=["notes"])
def get_note(uow: UoW, note_id: int) -> NoteOut:
    """One note (404 for someone else's private note); its ``ETag`` is the version an edit
    names in ``If-Match``."""
    return NoteOut.of(notes.get_note(uow, note_id))


@router.patch("/notes/{note_id}", response_model=NoteOut, tags=["notes"])
def edit_note(uow: UoW, note_id: int, body: NoteUpdate) -> NoteOut:
    """Change a note's text or whether it is private (its author only: 403 otherwise)."""
    return NoteOut.of(notes.edit_note(uow, note_id, body=body.body, private=body.private))


@router.delete("/notes/{note_id}", status_code=status.HTTP_204_NO_CONTENT, tags=["notes"])
def remove_note(uow: UoW, note_id: int) -> Response:
    """Delete a note: its author may, and an owner may erase anyone's (audited); 403
    otherwise."""
    notes.remove_note(uow, note_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/people/{person_id}/history", response_model=list[HistoryOut], tags=["audit"])
def history(
    uow: UoW, person_id: int, limit: Annotated[int, Query(ge=1, le=1000)] = 200
) -> list[HistoryOut]:
    """Changes to the person and to records about them, newest first: who, when, what."""
    return [
        HistoryOut.of(line) for line in audit.person_history(uow, ref(person_id), limit=limit).lines
    ]


@router.get("/audit", response_model=AuditOut, tags=["audit"])
def audit_trail(uow: UoW, since: Day = None, until: Day = None) -> Any:
    """The workspace's whole audit trail, oldest first (owners only)."""
    start, end = (
        parse_optional_date(since, field="since"),
        parse_optional_date(until, field="until"),
    )
    data = audit.export_audit(
        uow,
        since=datetime.combine(start, time(), UTC) if start else None,
        until=datetime.combine(end, time(), UTC) if end else None,
    )
    return json.loads(data)


@router.get("/people/{person_id}/export", response_model=dict[str, Any], tags=["privacy"])
def export_person(uow: UoW, person_id: int) -> dict[str, Any]:
    """Everything held about one person, as one JSON document (owners only)."""
    return privacy.person_document(uow, ref(person_id))


@router.post("/people/{person_id}/erase", response_model=ErasureOut, tags=["privacy"])
def erase_person(uow: UoW, person_id: int) -> ErasureOut:
    """Erase a person completely, audit trail values included (owners only)."""
    return ErasureOut.of(privacy.erase_person(uow, ref(person_id)))
