"""What the registry of record kinds (:mod:`allies.domain.kinds`) says of each kind: its
class and names (:class:`Kind`), the fields that point at other records (:class:`Pointer`)
and what removing a person does to a record that points at them (:class:`OnRemoval`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["PERSON", "Kind", "OnRemoval", "Pointer", "person_pointer"]

#: The singular name of the kind people are.
PERSON = "person"


class OnRemoval(StrEnum):
    """What removing (or erasing) a person does to a record whose field points at them."""

    DELETE = "delete"  # the record goes
    CLEAR = "clear"  # the field becomes None; the record stays
    DROP = "drop"  # the id leaves the list; the record stays
    DROP_OR_DELETE = "drop_or_delete"  # the id leaves the list; the record goes if it empties


@dataclass(frozen=True)
class Pointer:
    """A field of a record that holds the id (or, ``many``, a list of ids) of another.

    ``target`` is the singular name of the kind pointed at; ``required`` says the field
    always holds an id. ``on_removal`` is set for pointers at people only.
    """

    name: str
    target: str = PERSON
    many: bool = False
    required: bool = True
    on_removal: OnRemoval | None = None

    @property
    def at_person(self) -> bool:
        """Whether the field points at people."""
        return self.target == PERSON


@dataclass(frozen=True)
class Kind:
    """One kind of workspace record.

    Attributes
    ----------
    cls
        The domain class (``str`` for the plain text items an alliance lists as goals).
    singular, plural
        Its names. For a top-level kind the plural is the unit of work's repository
        attribute and the backup key; for a nested one it names the key space that other
        records' pointers index (a stance's ``issue_id`` points into ``issues``).
    pointers
        The fields that point at other records.
    parent, attr
        For a nested kind: the singular name of the kind it lives in, and the parent's
        list attribute that holds it.
    distinct_people
        Its people must differ: a merge that would link a person to themselves deletes it.
    one_per_person
        A person has at most one: a merge deletes the merged person's when the kept person
        has one (and a person's export shows it alone, not as a list).
    counted_as
        The words a person's records of this kind are counted under when removing,
        merging or exporting them (default: the plural).
    finder
        The repository method that lists the records pointing at one person, when the
        store has one faster than reading them all.
    aliases
        Plurals the kind had before, still read in older backups.
    author_private
        A record may be private to its author (a note): the repository's ``list`` shows
        an actor only what they may see, so the generic walks over kinds (removing,
        merging and exporting a person) leave it to the repository's own methods, which
        reach every author's records (``all_for_person``, ``purge_person``,
        ``move_person``), and a backup reads it with ``every``.
    """

    cls: type
    singular: str
    plural: str
    pointers: tuple[Pointer, ...] = ()
    parent: str | None = None
    attr: str = ""
    distinct_people: bool = False
    one_per_person: bool = False
    counted_as: str = ""
    finder: str = ""
    aliases: tuple[str, ...] = field(default=())
    author_private: bool = False

    def __post_init__(self) -> None:
        if not self.counted_as:
            object.__setattr__(self, "counted_as", self.plural)

    @property
    def person_pointers(self) -> tuple[Pointer, ...]:
        """The fields that point at people."""
        return tuple(p for p in self.pointers if p.at_person)

    @property
    def nested(self) -> bool:
        """Whether records of this kind live inside a record of another kind."""
        return self.parent is not None

    def points_at(self, item: Any, person_id: int) -> bool:
        """Whether ``item`` (of this kind, nested records aside) points at the person."""
        for pointer in self.person_pointers:
            value = getattr(item, pointer.name)
            if person_id in value if pointer.many else value == person_id:
                return True
        return False


def person_pointer(
    name: str, on_removal: OnRemoval, *, many: bool = False, required: bool = True
) -> Pointer:
    """A field pointing at a person (or several, ``many``), with what their removal does."""
    return Pointer(name, PERSON, many=many, required=required, on_removal=on_removal)
