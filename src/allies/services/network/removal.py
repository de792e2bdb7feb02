"""Removing and merging people without losing anything by accident.

A person's records (ties, observations, interactions, favours, promises, cadence, stances,
campaign and alliance roles, goal needs) are either *reassigned* to another person or
*deleted*, and the caller chooses which: nothing goes silently.

Which records those are, and what each of their fields does when the person goes or is
merged, is read from the registry of record kinds (:mod:`allies.domain.kinds`): a new kind
that points at people is found, counted, moved and deleted here without a change.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from allies.domain import Person
from allies.domain.kinds import Kind, OnRemoval, children_of, top_level_kinds
from allies.errors import Conflict, InvalidInput, NextStep, NotFound
from allies.services.network.lookup import resolve_person
from allies.services.network.merge_history import plain, record_merge
from allies.services.network.provenance import move_sources
from allies.services.ports import UnitOfWork


@dataclass
class RelatedRecords:
    """How many records refer to one person, by kind."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All of them together."""
        return sum(self.counts.values())

    def describe(self) -> str:
        """For example ``"4 ties, 2 interactions, 1 promise"``."""
        parts = [
            f"{n} {kind if n != 1 else kind.rstrip('s')}" for kind, n in self.counts.items() if n
        ]
        return ", ".join(parts) or "nothing else"


def records_about(uow: UnitOfWork, kind: Kind, person_id: int) -> list[Any]:
    """The records of a top-level ``kind`` that point at the person, or hold nested ones
    that do (the unit of work must be open).

    Uses the repository's own query (:attr:`Kind.finder`) when the kind has one and no
    nested kind points at people; otherwise reads them all and keeps those that point.
    """
    repository = getattr(uow, kind.plural)
    family = _family(kind)
    if kind.finder and family == [kind]:
        found = getattr(repository, kind.finder)(person_id)
        return found if isinstance(found, list) else [] if found is None else [found]
    return [item for item in repository.list() if _pointing(kind, item, person_id)]


def _family(kind: Kind) -> list[Kind]:
    """``kind`` and its nested kinds, those of them that point at people (a kind whose
    records may be private to their author has its own walk: see ``uow.notes``)."""
    if kind.author_private:
        return []
    return [k for k in (kind, *children_of(kind)) if k.person_pointers]


def _pointing(kind: Kind, item: Any, person_id: int) -> bool:
    return kind.points_at(item, person_id) or any(
        child.points_at(record, person_id)
        for child in children_of(kind)
        for record in getattr(item, child.attr)
    )


def holdings(uow: UnitOfWork, person_id: int) -> Iterator[tuple[Kind, Any, Any]]:
    """Every record that points at the person, in the registry's order.

    Yields
    ------
    tuple
        ``(kind, record, top)``: the kind of the record that points, the record, and the
        top-level record holding it (the record itself when it is not nested).
    """
    for kind in top_level_kinds():
        if _family(kind):
            yield from _held_by(uow, kind, person_id)


def related_records(uow: UnitOfWork, person_id: int) -> RelatedRecords:
    """Count what refers to the person (the unit of work must be open)."""
    counts: dict[str, int] = {}
    for kind in top_level_kinds():
        for member in _family(kind):
            counts.setdefault(member.counted_as, 0)
    for kind, _, _ in holdings(uow, person_id):
        counts[kind.counted_as] += 1
    counts["notes"] = len(uow.notes.all_for_person(person_id))
    return RelatedRecords(counts)


@dataclass
class RemovalReport:
    """What removing or merging did."""

    removed: Person
    kept: Person | None
    moved: RelatedRecords
    deleted: RelatedRecords


def _repoint(kind: Kind, record: Any, old: int, new: int | None) -> bool:
    """Point ``record``'s fields at ``new`` instead of ``old`` (or detach ``old`` when
    ``new`` is None), as each field's :class:`~allies.domain.kinds.OnRemoval` says.

    Returns False when the record must go instead: a field's rule deletes it, a list it
    must keep filled would be empty, or (``distinct_people``) it would link ``new`` to
    themselves.
    """
    for pointer in kind.person_pointers:
        value = getattr(record, pointer.name)
        if pointer.many:
            if old not in value:
                continue
            rest = [p for p in value if p != old]
            if new is not None:
                rest = list(dict.fromkeys([*rest, new]))
            elif pointer.on_removal is OnRemoval.DROP_OR_DELETE and not rest:
                return False
            setattr(record, pointer.name, rest)
        elif value == old:
            if new is None and pointer.on_removal is OnRemoval.DELETE:
                return False
            setattr(record, pointer.name, new)
    if kind.distinct_people and new is not None:
        people = [getattr(record, p.name) for p in kind.person_pointers if not p.many]
        if people.count(new) > 1:
            return False
    return True


@dataclass
class Journal:
    """What a merge moved and deleted, kept so that it can be undone (see
    :mod:`allies.services.network.merge_history`)."""

    moved: list[dict[str, Any]] = field(default_factory=list)
    deleted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notes: list[int] = field(default_factory=list)


def _ways(kind: Kind, record: Any, old: int, new: int) -> dict[str, str]:
    """How each of ``record``'s fields points at ``old``: ``one`` (the field is ``old``),
    ``replaced`` (a list holding ``old`` but not ``new``) or ``joined`` (holding both)."""
    ways: dict[str, str] = {}
    for pointer in kind.person_pointers:
        value = getattr(record, pointer.name)
        if pointer.many and old in value:
            ways[pointer.name] = "joined" if new in value else "replaced"
        elif not pointer.many and value == old:
            ways[pointer.name] = "one"
    return ways


def _move_everything(
    uow: UnitOfWork, old: int, new: int | None, journal: Journal | None = None
) -> tuple[RelatedRecords, RelatedRecords]:
    """Point every record at ``new`` instead of ``old``; delete when ``new`` is None.

    Each kind of the registry that points at people is handled by its fields' rules. A
    record that would link the new person to themselves (a tie, an observation or a
    promise between the two merged records) is deleted, and so is the merged person's
    record of a kind held once per person (a cadence) when the kept one has its own;
    both are counted as deleted. A ``journal`` is told what was moved and deleted.
    """
    moved: dict[str, int] = {}
    deleted: dict[str, int] = {}

    def bump(book: dict[str, int], kind: Kind) -> None:
        book[kind.counted_as] = book.get(kind.counted_as, 0) + 1

    for kind in top_level_kinds():
        family = _family(kind)
        if not family:
            continue
        repository = getattr(uow, kind.plural)
        taken = {
            member.singular
            for member in family
            if member.one_per_person
            and new is not None
            and any(k is member for k, _, _ in _held_by(uow, kind, new))
        }
        for top in records_about(uow, kind, old):
            if kind.points_at(top, old):
                was = copy.deepcopy(top) if journal is not None else None
                if kind.singular in taken or not _repoint(kind, top, old, new):
                    repository.remove(top.id or 0)
                    bump(deleted, kind)
                    if journal is not None:
                        journal.deleted.setdefault(kind.plural, []).append(plain(was))
                    continue
                bump(moved if new is not None else deleted, kind)
                if journal is not None and new is not None:
                    ways = _ways(kind, was, old, new)
                    journal.moved.append({"kind": kind.plural, "id": top.id, "fields": ways})
            for child in children_of(kind):
                records = getattr(top, child.attr)
                for index, record in enumerate(list(records)):
                    if not child.points_at(record, old):
                        continue
                    ways = _ways(child, record, old, new) if new is not None else {}
                    if child.singular in taken or not _repoint(child, record, old, new):
                        records.remove(record)
                        bump(deleted, child)
                    else:
                        bump(moved if new is not None else deleted, child)
                        if journal is not None:
                            journal.moved.append(
                                {
                                    "kind": kind.plural,
                                    "id": top.id,
                                    "child": child.attr,
                                    "index": index,
                                    "fields": ways,
                                }
                            )
            repository.save(top)
    if journal is not None:
        journal.notes = [n.id or 0 for n in uow.notes.all_for_person(old)]
    notes = uow.notes.purge_person(old) if new is None else uow.notes.move_person(old, new)
    if notes:
        (moved if new else deleted)["notes"] = notes
    return RelatedRecords(moved), RelatedRecords(deleted)


def _held_by(uow: UnitOfWork, kind: Kind, person_id: int) -> Iterator[tuple[Kind, Any, Any]]:
    """What :func:`holdings` yields for one top-level ``kind``."""
    for top in records_about(uow, kind, person_id):
        if kind.points_at(top, person_id):
            yield kind, top, top
        for child in children_of(kind):
            for record in getattr(top, child.attr):
                if child.points_at(record, person_id):
                    yield child, record, top


def _person(uow: UnitOfWork, reference: str | int, *, field: str | None = None) -> Person:
    """The person ``reference`` names: text as someone typed it (resolved), or an id.

    An id that names nobody is NotFound, or, when it came in a request's ``field`` (the
    person to merge or reassign to, not the one the request is about), InvalidInput
    naming that field.
    """
    if isinstance(reference, str):
        return resolve_person(uow, reference)
    found = uow.people.find(reference)
    if found is not None:
        return found
    if field is not None:
        raise InvalidInput(f"There is no person #{reference}.", field=field)
    raise NotFound(kind="person", record_id=reference)


def remove_person(
    uow: UnitOfWork,
    reference: str | int,
    *,
    delete_related: bool = False,
    reassign_to: str | int | None = None,
) -> RemovalReport:
    """Remove a person, deciding explicitly what happens to what refers to them.

    Parameters
    ----------
    reference
        Who to remove: a name, an e-mail or ``#id`` as typed, or an id.
    delete_related
        Delete their ties, observations, favours, promises, stances and roles, and take
        them off interactions (an interaction with nobody else left is deleted).
    reassign_to
        Instead, move all of it to this person (typed, or an id: one naming nobody is
        InvalidInput on ``reassign_to``).

    Raises
    ------
    allies.errors.Conflict
        When records refer to the person and neither option was given; the message
        counts them.
    """
    with uow:
        person = _person(uow, reference)
        pid = person.id or 0
        target = (
            None if reassign_to in (None, "") else _person(uow, reassign_to, field="reassign_to")
        )
        if delete_related and target is not None:
            raise InvalidInput(
                "Choose either to delete related records or to reassign them, not both.",
                field="reassign_to",
            )
        if target is not None and target.id == pid:
            raise InvalidInput(
                "Cannot reassign a person's records to themselves.", field="reassign_to"
            )
        related = related_records(uow, pid)
        if related.total and not delete_related and target is None:
            raise Conflict(
                f"{person.label} is referred to by {related.describe()}.",
                hint="Say what to do with them: delete them with the person, or move them "
                "to another person (or merge the two records).",
                next_step=NextStep("delete-related", "person", {"person": person.name}),
            )
        moved, deleted = _move_everything(uow, pid, target.id if target else None)
        move_sources(uow, pid, target.id if target else None)
        uow.people.remove(pid)
        uow.commit()
        return RemovalReport(removed=person, kept=target, moved=moved, deleted=deleted)


def _move_team_records(uow: UnitOfWork, gone: int, kept: int) -> None:
    """Give the kept person what the team keeps of the merged one: the relationship owner
    (the kept person's own, when set), the campaign meetings assigned to members (the
    kept person's own assignment in a campaign wins) and the survey invitations."""
    owners = uow.team.owners()
    if kept not in owners and gone in owners:
        uow.team.set_owner(kept, owners[gone])
    assigned = uow.team.assignments()
    for (campaign, person), user in assigned.items():
        if person == gone and (campaign, kept) not in assigned:
            uow.team.assign(campaign, kept, user)
    uow.surveys.move_person(gone, kept)


def merge_people(uow: UnitOfWork, keep: str | int, duplicate: str | int) -> RemovalReport:
    """Merge ``duplicate`` into ``keep``: fields are united, records moved, duplicate removed.

    Each is named as typed or by id; a ``duplicate`` id naming nobody is InvalidInput on
    ``duplicate_id``.
    """
    with uow:
        kept = _person(uow, keep)
        gone = _person(uow, duplicate, field="duplicate_id")
        if kept.id == gone.id:
            raise InvalidInput("Those are the same person.", field="duplicate")
        if kept.is_me and gone.is_me:
            raise Conflict("Both records are marked as you.")
        before, absorbed = plain(kept), plain(gone)
        kept.absorb(gone)
        journal = Journal()
        moved, deleted = _move_everything(uow, gone.id or 0, kept.id, journal)
        move_sources(uow, gone.id or 0, kept.id)
        _move_team_records(uow, gone.id or 0, kept.id or 0)
        uow.people.remove(gone.id or 0)
        uow.people.save(kept)
        record_merge(
            uow,
            kept,
            before,
            absorbed,
            source="merge",
            evidence="merged by hand",
            absorbed_id=gone.id,
            moved=journal.moved,
            deleted=journal.deleted,
            notes=journal.notes,
        )
        uow.commit()
        return RemovalReport(removed=gone, kept=kept, moved=moved, deleted=deleted)
