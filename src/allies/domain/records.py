"""Notes about people, and the audit trail's entries.

A *note* is free text a member writes about a person. A shared note is seen by everyone
in the workspace; a *private* one only by its author (``author_id``, ``None`` for the
local user of a single-user installation), wherever notes show: pages, the API, exports
and search. The ``notes`` fields of a person and of an interaction stay shared text.

An *audit entry* records one change: who made it, when, to which record, and the values
before and after (``None`` when there was no record before, or none after). An *account
entry* does the same for the accounts of a shared server (users, workspaces, roles, API
tokens), which belong to no one workspace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from allies.domain._rules import check_texts, non_empty
from allies.errors import InvalidInput

__all__ = ["AccountEntry", "AuditAction", "AuditEntry", "Note"]

#: The longest note accepted, in characters.
MAX_NOTE = 20_000


@dataclass(eq=False)
class Note:
    """A note about a person, shared with the workspace or private to its author."""

    person_id: int
    body: str
    private: bool = False
    author_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.body = non_empty(self.body, "body")
        if len(self.body) > MAX_NOTE:
            raise InvalidInput(f"A note has at most {MAX_NOTE} characters.", field="body")
        self.private = bool(self.private)


class AuditAction(StrEnum):
    """What happened to a record."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    ERASE = "erase"
    GRANT = "grant"
    REVOKE = "revoke"
    MERGE = "merge"
    SPLIT = "split"


@dataclass(frozen=True)
class AuditEntry:
    """One change: who, when, which record, what it was before and what it became."""

    at: datetime
    entity: str
    entity_id: int
    action: AuditAction
    actor: str
    actor_id: int | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    id: int | None = None
    people: tuple[int, ...] = field(default=())

    def changed(self) -> dict[str, tuple[Any, Any]]:
        """The fields whose value differs, as ``{field: (before, after)}``."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return {k: (before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)}


@dataclass(frozen=True)
class AccountEntry:
    """One change to the accounts of a shared server: who, when, what, before and after.

    ``entity`` is ``user``, ``workspace``, ``membership`` or ``token``; ``workspace``
    names the workspace the change concerns, if any, as text, so the entry outlives it.
    The values never hold a password or a token's secret.
    """

    at: datetime
    entity: str
    entity_id: int
    action: AuditAction
    actor: str
    actor_id: int | None = None
    workspace: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    id: int | None = None

    def changed(self) -> dict[str, tuple[Any, Any]]:
        """The fields whose value differs, as ``{field: (before, after)}``."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return {k: (before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)}
