"""Which identifier of a person an import attached a record through, and giving such
records back when a merge is split.

An import finds the people a meeting, a message or an edge is about by their
identifiers: an e-mail address, a phone number. When it adds an interaction, a tie or
an observation, it notes for each person the record points at the identifiers it found
them by (:func:`note_sources`, stored as ``record_sources``). If that person had
absorbed someone in a merge, a later import may attach records through the absorbed
person's identifiers; splitting the merge (:mod:`allies.services.network.split`) gives
those records to the restored person (:func:`give_back_sourced`): those that came
*only* through identifiers the split gives back. A record that came through both
people's identifiers (one monthly summary of mail from two addresses, say) stays and is
named in the split's report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from allies.domain.kinds import kind_named
from allies.services.ports import UnitOfWork

__all__ = [
    "email_key",
    "give_back_sourced",
    "identifiers_of",
    "move_sources",
    "note_sources",
    "phone_key",
]


def email_key(address: str) -> str:
    """The identifier of an e-mail address.

    >>> email_key(" Ann@Acme.test ")
    'email:ann@acme.test'
    """
    return "email:" + address.strip().casefold()


def phone_key(number: str) -> str:
    """The identifier of a phone number (its digits).

    >>> phone_key("+44 20 7946-0018")
    'phone:442079460018'
    """
    return "phone:" + re.sub(r"\D", "", number)


def identifiers_of(emails: Iterable[str], phones: Iterable[str] = ()) -> set[str]:
    """The identifiers of a person's (or a record's) e-mails and phones."""
    found = {email_key(e) for e in emails if e.strip()}
    found |= {phone_key(p) for p in phones if re.sub(r"\D", "", p)}
    return found


def note_sources(
    uow: UnitOfWork,
    sources: Mapping[int, set[str]],
    exact: Mapping[tuple[str, int, int], set[str]] | None = None,
) -> int:
    """Note, for each record this unit of work added, the identifiers each person it
    points at came by: ``exact`` for the record (kind, id, person) when the import knew,
    else every identifier the import found the person by (``sources``); how many rows."""
    exact = exact or {}
    rows = [
        (kind, record_id, person_id, identifier)
        for kind, record_id, people in uow.audit.created_here()
        for person_id in sorted(people)
        for identifier in sorted(
            exact.get((kind, record_id, person_id)) or sources.get(person_id) or set()
        )
    ]
    uow.record_sources.add(rows)
    return len(rows)


def give_back_sourced(
    uow: UnitOfWork, kept_id: int, new_id: int, identifiers: set[str]
) -> tuple[int, list[str]]:
    """Point at ``new_id`` the records linked to ``kept_id`` only through ``identifiers``.

    Returns how many records moved, and a line for each record that came through these
    identifiers and others too (left with the kept person).
    """
    by_record: dict[tuple[str, int], set[str]] = {}
    for kind, record_id, identifier in uow.record_sources.for_person(kept_id):
        by_record.setdefault((kind, record_id), set()).add(identifier)
    moved = 0
    left: list[str] = []
    for (kind_name, record_id), found in sorted(by_record.items()):
        if not found & identifiers:
            continue
        if not found <= identifiers:
            left.append(
                f"{kind_name} #{record_id} (came through both people's addresses or phones)"
            )
            continue
        kind_of_record = kind_named(kind_name)
        repository = getattr(uow, kind_of_record.plural)
        record = repository.find(record_id)
        if record is None:
            continue
        changed = False
        for pointer in kind_of_record.pointers:
            if not pointer.at_person:
                continue
            value = getattr(record, pointer.name)
            if pointer.many and kept_id in (value or []):
                setattr(record, pointer.name, [new_id if v == kept_id else v for v in value])
                changed = True
            elif not pointer.many and value == kept_id:
                setattr(record, pointer.name, new_id)
                changed = True
        if changed:
            repository.save(record)
            moved += 1
        # (unchanged: the merge's own journal already gave it back)
        uow.record_sources.move(kind_name, record_id, kept_id, new_id)
    return moved, left


def move_sources(uow: UnitOfWork, from_person: int, to_person: int | None) -> None:
    """The record sources of a person removed: with their records to ``to_person``
    (a merge, a reassignment), or gone (``None``: their records go, or erasure)."""
    if to_person is None:
        uow.record_sources.forget_person(from_person)
        return
    for kind, record_id, _ in uow.record_sources.for_person(from_person):
        uow.record_sources.move(kind, record_id, from_person, to_person)
