"""Notes about people, each shared with the workspace or private to its author.

The repository sees only the notes its actor may see: shared ones, and private ones the
actor wrote. Every read, update and delete goes through that filter, so a private note
of someone else is, for this actor, not there at all (NotFound, never a leak). Only
:meth:`SqlNoteRepository.purge_person`, :meth:`SqlNoteRepository.all_for_person` and
:meth:`SqlNoteRepository.every` reach every note, for erasing a person, for a data
protection export and for an owner's backup of the workspace.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update

from allies.domain.records import AuditAction, Note
from allies.store import tables as t
from allies.store.mapping import EntityMap, Ref
from allies.store.repositories.base import Scope, SqlRepository

__all__ = ["NOTE_MAP", "PRIVATE", "SqlNoteRepository"]

#: What the audit trail records instead of the text of a private note.
PRIVATE = "[private]"


def _load(row: Mapping[Any, Any], _: Mapping[str, list[Any]]) -> Note:
    return Note(
        person_id=row["person_id"],
        body=row["body"],
        private=bool(row["private"]),
        author_id=row["author_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        id=row["id"],
    )


def _dump(note: Note) -> dict[str, Any]:
    return {"person_id": note.person_id, "body": note.body, "private": bool(note.private)}


def _refs(note: Note) -> Iterator[Ref]:
    yield ("person", note.person_id)


NOTE_MAP: EntityMap[Note] = EntityMap(
    kind="note", table=t.notes, load=_load, dump=_dump, refs=_refs
)


class SqlNoteRepository(SqlRepository[Note]):
    """The notes the actor may see, in one workspace."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, NOTE_MAP)

    @property
    def _author(self) -> int | None:
        return self._scope.actor.user_id if self._scope.actor else None

    def _visible(self) -> ColumnElement[bool]:
        c = t.notes.c
        mine = c.author_id.is_(None) if self._author is None else c.author_id == self._author
        return or_(c.private.is_(False), mine)

    def _in_workspace(self) -> ColumnElement[bool]:
        return and_(t.notes.c.workspace_id == self._scope.workspace_id, self._visible())

    def _values(self, entity: Note, *, new: bool) -> dict[str, Any]:
        values = super()._values(entity, new=new)
        values["updated_at"] = datetime.now(UTC)
        if new:
            values["created_at"] = values["updated_at"]
            values["author_id"] = self._author
        return values

    def _written(self, entity: Note, values: dict[str, Any], *, new: bool) -> None:
        entity.updated_at = values["updated_at"]
        if new:
            entity.created_at = values["created_at"]
            entity.author_id = values["author_id"]

    def _audit_values(self, entity: Note) -> dict[str, Any]:
        values = super()._audit_values(entity)
        values["author_id"] = entity.author_id
        if entity.private:
            values["body"] = PRIVATE
        return values

    def for_person(self, person_id: int) -> list[Note]:
        """The notes about the person the actor may see, newest first."""
        c = t.notes.c
        return self._select(c.person_id == person_id, order_by=(c.created_at.desc(), c.id.desc()))

    def search(self, text: str) -> list[Note]:
        """The visible notes whose text contains ``text`` (case-insensitive), newest first."""
        c = t.notes.c
        needle = text.strip().lower()
        if not needle:
            return []
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return self._select(
            func.lower(c.body).like(f"%{escaped}%", escape="\\"),
            order_by=(c.created_at.desc(), c.id.desc()),
        )

    def all_for_person(self, person_id: int) -> list[Note]:
        """Every note about the person, private ones of anyone included (for erasure and
        data protection exports only)."""
        c = t.notes.c
        query = (
            select(t.notes)
            .where(c.workspace_id == self._scope.workspace_id, c.person_id == person_id)
            .order_by(c.created_at, c.id)
        )
        return [_load(row, {}) for row in self._conn.execute(query).mappings()]

    def every(self) -> list[Note]:
        """Every note of the workspace, private ones of anyone included, oldest first
        (for an owner's backup only)."""
        c = t.notes.c
        query = (
            select(t.notes)
            .where(c.workspace_id == self._scope.workspace_id)
            .order_by(c.created_at, c.id)
        )
        return [_load(row, {}) for row in self._conn.execute(query).mappings()]

    def authors(self, user_ids: Iterable[int]) -> dict[int, str]:
        """The usernames of the users with these ids (those that exist)."""
        wanted = sorted(set(user_ids))
        if not wanted:
            return {}
        c = t.users.c
        rows = self._conn.execute(select(c.id, c.username).where(c.id.in_(wanted)))
        return {int(row.id): str(row.username) for row in rows}

    def user_named(self, username: str) -> int | None:
        """The id of the user called ``username``, or None when there is none."""
        found = self._conn.scalar(select(t.users.c.id).where(t.users.c.username == username))
        return None if found is None else int(found)

    def restore(self, note: Note) -> Note:
        """Add ``note`` keeping its author (``author_id``, a user or None) rather than
        making the actor its author: restoring a backup gives every note back to whoever
        wrote it."""
        author = note.author_id
        added = self.add(note)
        c = t.notes.c
        self._conn.execute(
            update(t.notes)
            .where(c.workspace_id == self._scope.workspace_id, c.id == added.id)
            .values(author_id=author)
        )
        added.author_id = author
        return added

    def purge_person(self, person_id: int) -> int:
        """Delete every note about the person, private ones of anyone included."""
        notes = self.all_for_person(person_id)
        c = t.notes.c
        self._conn.execute(
            delete(t.notes).where(
                c.workspace_id == self._scope.workspace_id, c.person_id == person_id
            )
        )
        for note in notes:
            self._audit_removed(note)
        return len(notes)

    def move_person(self, old: int, new: int) -> int:
        """Point every note about ``old`` at ``new`` (private ones of anyone included)."""
        notes = self.all_for_person(old)
        c = t.notes.c
        self._conn.execute(
            update(t.notes)
            .where(c.workspace_id == self._scope.workspace_id, c.person_id == old)
            .values(person_id=new)
        )
        for note in notes:
            moved = Note(note.person_id, note.body, note.private, note.author_id, id=note.id)
            moved.person_id = new
            self._audit_moved(note, moved)
        return len(notes)

    def _audit_removed(self, note: Note) -> None:
        self._audit(AuditAction.DELETE, note.id or 0, note, None)

    def _audit_moved(self, before: Note, after: Note) -> None:
        self._audit(AuditAction.UPDATE, before.id or 0, before, after)
