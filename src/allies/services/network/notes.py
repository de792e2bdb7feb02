"""Notes about people: shared with the workspace, or private to whoever wrote them.

What counts as a *note* here is a record of this kind: free text about one person, with
an author and a ``private`` flag. A private note is seen only by its author, on every
face: the person's notes page, ``/api/v1/people/{id}/notes``, note search and the
person's export (a data protection export run by an administrator from the command line
is the one exception: it includes every note, as such a request requires). The
``notes`` fields of a person and of an interaction are shared text, seen by every member.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from allies.domain.records import Note
from allies.errors import Forbidden
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork

__all__ = [
    "NoteView",
    "add_note",
    "edit_note",
    "get_note",
    "list_notes",
    "remove_note",
    "search_notes",
]


@dataclass(frozen=True)
class NoteView:
    """A note as the faces show it."""

    id: int
    person_id: int
    person: str
    body: str
    private: bool
    author: str
    mine: bool
    created_at: datetime | None
    updated_at: datetime | None


def _author_id(uow: UnitOfWork) -> int | None:
    return uow.actor.user_id if uow.actor else None


def _view(
    uow: UnitOfWork, note: Note, names: Mapping[int, str], authors: Mapping[int, str]
) -> NoteView:
    mine = note.author_id == _author_id(uow)
    if mine:
        author = "you"
    elif note.author_id is None:
        author = "the local user"
    else:
        author = authors.get(note.author_id, f"user #{note.author_id}")
    return NoteView(
        id=note.id or 0,
        person_id=note.person_id,
        person=names.get(note.person_id, f"#{note.person_id}"),
        body=note.body,
        private=note.private,
        author=author,
        mine=mine,
        created_at=note.created_at,
        updated_at=note.updated_at,
    )


def add_note(uow: UnitOfWork, person: str, body: str, *, private: bool = False) -> NoteView:
    """Write a note about a person; ``private`` keeps it to its author."""
    with uow:
        target = resolve_person(uow, person)
        note = uow.notes.add(Note(person_id=target.id or 0, body=body, private=private))
        uow.commit()
        return _view(uow, note, {target.id or 0: target.name}, {})


def list_notes(
    uow: UnitOfWork, person: str, *, authors: Mapping[int, str] | None = None
) -> list[NoteView]:
    """The notes about a person the actor may see, newest first."""
    with uow:
        target = resolve_person(uow, person)
        notes = uow.notes.for_person(target.id or 0)
        return [_view(uow, n, {target.id or 0: target.name}, authors or {}) for n in notes]


def search_notes(
    uow: UnitOfWork, text: str, *, authors: Mapping[int, str] | None = None
) -> list[NoteView]:
    """The notes the actor may see whose text contains ``text``, newest first."""
    with uow:
        notes = uow.notes.search(text)
        names = {p.id or 0: p.name for p in uow.people.list()} if notes else {}
        return [_view(uow, n, names, authors or {}) for n in notes]


def get_note(uow: UnitOfWork, note_id: int) -> NoteView:
    """One note the actor may see.

    Raises
    ------
    allies.errors.NotFound
        When there is no such note, or it is someone else's private note.
    """
    with uow:
        note = uow.notes.get(note_id)
        person = uow.people.get(note.person_id)
        authors = uow.notes.authors([note.author_id] if note.author_id is not None else [])
        return _view(uow, note, {person.id or 0: person.name}, authors)


def edit_note(
    uow: UnitOfWork, note_id: int, *, body: str | None = None, private: bool | None = None
) -> NoteView:
    """Change a note's text, or whether it is private: its author's alone.

    A note speaks for whoever wrote it and keeps showing them as its author, so nobody
    else may put words in it; an owner who must remove it erases it instead
    (:func:`remove_note`).

    Raises
    ------
    allies.errors.NotFound
        When there is no such note, or it is someone else's private note.
    allies.errors.Forbidden
        When someone other than the author tries to change it.
    """
    with uow:
        note = uow.notes.get(note_id)
        if note.author_id != _author_id(uow):
            raise Forbidden(
                "Only the author of a note can change it.",
                hint="Write a note of your own instead.",
            )
        if private is not None:
            note.private = bool(private)
        if body is not None:
            note.body = Note(person_id=note.person_id, body=body).body
        uow.notes.save(note)
        person = uow.people.get(note.person_id)
        uow.commit()
        return _view(uow, note, {person.id or 0: person.name}, {})


def remove_note(uow: UnitOfWork, note_id: int) -> None:
    """Delete a note: its author may, and an owner may erase anyone's shared note (the
    audit trail keeps who erased what).

    Raises
    ------
    allies.errors.NotFound
        When there is no such note, or it is someone else's private note.
    allies.errors.Forbidden
        When someone who is neither its author nor an owner tries to delete it.
    """
    with uow:
        note = uow.notes.get(note_id)
        owner = uow.actor is None or uow.actor.role.is_owner
        if note.author_id != _author_id(uow) and not owner:
            raise Forbidden(
                "Only the author of a note, or an owner of the workspace, can delete it.",
                hint="Ask its author or an owner to remove it.",
            )
        uow.notes.remove(note_id)
        uow.commit()
