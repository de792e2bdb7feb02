"""Where an import found each record it made, and giving such records back when a merge
is split.

An import finds the people a meeting, a message or an edge is about by their
identifiers: an e-mail address, a phone number, a profile URL. For each record it adds
(a person, an organisation, a unit, a tie, an interaction, an observation, a role
change) it notes, for each person the record came with, the identifiers it found them by
and the *origin*: the file and the item in it (``row 3``, ``message <id@host>``; see
:mod:`allies.domain.provenance`). They are stored as ``record_sources``
(:func:`note_sources`, and the import's writer). If that person had absorbed someone in
a merge, a later import may attach records through the absorbed person's identifiers;
splitting the merge (:mod:`allies.services.network.split`) gives the restored person
(:func:`give_back_sourced`) the records that came *only* from the item the merge took
in, or *only* through identifiers the split gives back. A record that came through both
people's identifiers (one monthly summary of mail from two addresses, say) stays and is
named in the split's report. :func:`came_from` lists a person's origins for their page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from allies.domain.kinds import kind_named
from allies.domain.provenance import is_origin, parse_origin
from allies.services.ports import UnitOfWork

__all__ = [
    "CameFrom",
    "came_from",
    "email_key",
    "give_back_sourced",
    "identifiers_of",
    "move_sources",
    "note_sources",
    "phone_key",
    "profile_key",
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
    points at came by: ``exact`` for the record (kind, id, person) when the import knew
    (an empty set when it noted them itself), else every identifier the import found the
    person by (``sources``); how many rows."""
    exact = exact or {}
    rows = [
        (kind, record_id, person_id, identifier)
        for kind, record_id, people in uow.audit.created_here()
        for person_id in sorted(people)
        for identifier in sorted(
            exact[(kind, record_id, person_id)]
            if (kind, record_id, person_id) in exact
            else sources.get(person_id) or set()
        )
    ]
    uow.record_sources.add(rows)
    return len(rows)


def profile_key(url: str) -> str:
    """The identifier of a profile's address (scheme, ``www.`` and a final ``/`` aside).

    >>> profile_key("https://www.LinkedIn.com/in/maria-lopez/")
    'url:linkedin.com/in/maria-lopez'
    """
    text = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I)
    host, _, rest = text.partition("/")
    host = host.casefold().removeprefix("www.")
    return "url:" + (f"{host}/{rest}" if rest else host).rstrip("/")


def _rows_by_record(
    uow: UnitOfWork, person_id: int
) -> dict[tuple[str, int], tuple[set[str], set[str]]]:
    """A person's sources by record: (identifiers, origins)."""
    found: dict[tuple[str, int], tuple[set[str], set[str]]] = {}
    for kind, record_id, identifier in uow.record_sources.for_person(person_id):
        ids, origins = found.setdefault((kind, record_id), (set(), set()))
        (origins if is_origin(identifier) else ids).add(identifier)
    return found


def give_back_sourced(
    uow: UnitOfWork,
    kept_id: int,
    new_id: int,
    identifiers: set[str],
    origins: frozenset[str] = frozenset(),
) -> tuple[int, list[str], list[tuple[str, int]]]:
    """Point at ``new_id`` the records linked to ``kept_id`` only from ``origins`` (the
    item a merge took in) or only through ``identifiers``.

    Returns how many records moved, a line for each record that came through these
    identifiers and others too (left with the kept person), and the records given back
    (kind, id). The kept person's own sources from ``origins`` go to the restored person.
    """
    moved = 0
    left: list[str] = []
    given: list[tuple[str, int]] = []
    for (kind_name, record_id), (found, came) in sorted(_rows_by_record(uow, kept_id).items()):
        if kind_name == "person":
            for origin in sorted(came & origins) if record_id == kept_id else ():
                uow.record_sources.move(
                    "person", kept_id, kept_id, new_id, to_record=new_id, identifier=origin
                )
            continue
        if came and came <= origins:
            pass  # made from the very item the merge took in
        elif not found & identifiers:
            continue
        elif not found <= identifiers:
            left.append(
                f"{kind_name} #{record_id} (came through both people's addresses or phones)"
            )
            continue
        moved += _point_at(uow, kind_name, record_id, kept_id, new_id)
        uow.record_sources.move(kind_name, record_id, kept_id, new_id)
        given.append((kind_name, record_id))
    return moved, left, given


def _point_at(uow: UnitOfWork, kind_name: str, record_id: int, kept_id: int, new_id: int) -> int:
    """Point the record's fields at ``kept_id`` at ``new_id``; 1 when it changed."""
    kind_of_record = kind_named(kind_name)
    repository = getattr(uow, kind_of_record.plural)
    record = repository.find(record_id)
    if record is None:
        return 0
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
    if changed:  # (unchanged: the merge's own journal already gave it back)
        repository.save(record)
    return int(changed)


@dataclass(frozen=True)
class CameFrom:
    """One file (or account) a person's records came from, and the items in it."""

    where: str
    items: tuple[str, ...]
    #: What came from it, in words (``their details, 2 ties, 1 interaction``).
    records: str
    #: How many more items there are than ``items`` shows.
    more: int = 0


def came_from(uow: UnitOfWork, person_id: int, *, most: int = 20) -> list[CameFrom]:
    """The files a person's records came from, the latest first, each with at most
    ``most`` of its items (``line 3``, ``message <id>``): the person page's "where this
    came from"."""
    with uow:
        rows = uow.record_sources.for_person(person_id)
    files: dict[str, tuple[dict[str, None], Counter[str], set[tuple[str, int]]]] = {}
    for kind, record_id, identifier in reversed(rows):
        found = parse_origin(identifier)
        if found is None:
            continue
        items, counts, seen = files.setdefault(found[0], ({}, Counter(), set()))
        if found[1]:
            items.setdefault(found[1], None)
        if (kind, record_id) not in seen:
            seen.add((kind, record_id))
            counts[kind] += 1
    return [
        CameFrom(where, tuple(list(items)[:most]), _counted(counts), max(0, len(items) - most))
        for where, (items, counts, _) in files.items()
    ]


def _counted(counts: Counter[str]) -> str:
    """``their details, 2 ties, 1 interaction``: what came from one file."""
    words = ["their details"] if counts.get("person") else []
    for kind, n in sorted(counts.items()):
        if kind != "person":
            plural = kind_named(kind).plural.replace("_", " ")
            words.append(f"{n} {kind if n == 1 else plural}")
    return ", ".join(words)


def move_sources(uow: UnitOfWork, from_person: int, to_person: int | None) -> None:
    """The record sources of a person removed: with their records to ``to_person``
    (a merge, a reassignment), or gone (``None``: their records go, or erasure)."""
    if to_person is None:
        uow.record_sources.forget_person(from_person)
        return
    for kind, record_id, _ in uow.record_sources.for_person(from_person):
        uow.record_sources.move(kind, record_id, from_person, to_person)
