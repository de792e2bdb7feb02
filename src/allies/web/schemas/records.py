"""Notes, the audit trail and data protection requests as the API shows them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from allies.services.network.notes import NoteView
from allies.services.network.privacy import ErasureReport
from allies.services.team.audit import HistoryLine
from allies.web.schemas.common import ApiModel, Text


class MeOut(BaseModel):
    """Who the API is talking to."""

    team: bool = Field(description="Whether the server is a team server (with logins).")
    username: str | None = Field(description="The user; null on a single-user installation.")
    workspace: str | None
    role: str | None = Field(description="owner, editor or viewer.")
    workspaces: dict[str, str] = Field(description="The user's workspaces and roles.")


class NoteIn(ApiModel):
    """A new note about a person."""

    body: Text = Field(min_length=1, max_length=20_000)
    private: bool = Field(default=False, description="Seen only by you.")


class NoteUpdate(ApiModel):
    """Changes to a note; fields left out stay."""

    body: Text | None = Field(default=None, min_length=1, max_length=20_000)
    private: bool | None = Field(default=None, description="Only the author may change it.")


class NoteOut(BaseModel):
    """A note the caller may see."""

    id: int
    person_id: int
    person: str
    body: str
    private: bool
    author: str
    mine: bool
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def of(cls, note: NoteView) -> NoteOut:
        """From the service's view of a note."""
        return cls(**{name: getattr(note, name) for name in cls.model_fields})


class ChangeOut(BaseModel):
    """One field, before and after."""

    field: str
    before: Any = None
    after: Any = None


class HistoryOut(BaseModel):
    """One change in a person's history."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int
    summary: str
    changes: list[ChangeOut]

    @classmethod
    def of(cls, line: HistoryLine) -> HistoryOut:
        """From the service's history line."""
        return cls(
            id=line.id,
            at=line.at,
            actor=line.actor,
            action=line.action,
            entity=line.entity,
            entity_id=line.entity_id,
            summary=line.summary,
            changes=[
                ChangeOut(field=c.field, before=c.before, after=c.after) for c in line.changes
            ],
        )


class AuditEntryOut(BaseModel):
    """One entry of the audit trail."""

    id: int | None
    at: str
    actor: str
    actor_id: int | None
    action: str
    entity: str
    entity_id: int
    people: list[int]
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class AuditOut(BaseModel):
    """The workspace's audit trail, oldest first."""

    format: str
    version: int
    workspace: str
    exported_at: str
    entries: list[AuditEntryOut]


class ErasureOut(BaseModel):
    """What erasing a person did."""

    person_id: int
    name: str
    removed: dict[str, int]
    texts_blanked: int
    audit_entries_scrubbed: int

    @classmethod
    def of(cls, report: ErasureReport) -> ErasureOut:
        """From the service's report."""
        return cls(
            person_id=report.person_id,
            name=report.name,
            removed=report.removed,
            texts_blanked=report.texts_blanked,
            audit_entries_scrubbed=report.audit_entries_scrubbed,
        )
