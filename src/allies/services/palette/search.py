"""Find anything by a few letters of its name: people, organisations, campaigns,
alliances, goals and notes, for the command palette and the header search.

Matching ignores case and accents ("etienne" finds Étienne) and every word typed must
appear; names that start with what was typed come first. People are found by name (one query
of the folded names the store keeps beside the names) and then the way the People list
finds them (by title, e-mail, organisation or unit).
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.domain.folding import fold
from allies.services.network.people_list import people_page
from allies.services.ports import UnitOfWork

__all__ = ["KINDS", "Found", "find_anything"]

#: The kinds the palette finds, in the order it lists them, with their plural label.
KINDS = {
    "person": "People",
    "organisation": "Organisations",
    "campaign": "Campaigns",
    "alliance": "Alliances",
    "goal": "Goals",
    "note": "Notes",
}

#: How many characters of a note a result shows.
SNIPPET = 80


@dataclass(frozen=True)
class Found:
    """One result: its kind, what to show, a line of detail and where it lives."""

    kind: str
    title: str
    detail: str
    href: str


def _matches(text: str, words: list[str]) -> bool:
    folded = fold(text)
    return all(word in folded for word in words)


def _rank(title: str, needle: str) -> tuple[int, str]:
    return (0 if fold(title).startswith(needle) else 1, fold(title))


def _snippet(body: str, words: list[str]) -> str:
    at = fold(body).find(words[0]) if words else 0
    start = max(0, at - SNIPPET // 3)
    text = " ".join(body[start : start + SNIPPET].split())
    return ("…" if start else "") + text + ("…" if start + SNIPPET < len(body) else "")


def _people(uow: UnitOfWork, query: str, limit: int) -> list[Found]:
    """People whose name holds what was typed, accents ignored, names that start with it
    first; then those the People list's search finds (every word in the name, title,
    e-mail, organisation or unit). Both are queries of the store's folded names."""
    with uow:
        by_name = uow.people.suggest(query, limit)
        detail = {p.id: p.title for p in uow.people.several(pid for pid, _ in by_name)}
    found = [Found("person", name, detail.get(pid, ""), f"/people/{pid}") for pid, name in by_name]
    if len(found) < limit:
        named = {pid for pid, _ in by_name}
        for row in people_page(uow, search=query.strip(), limit=limit).items:
            if row.id not in named and len(found) < limit:
                where = " · ".join(part for part in (row.title, row.organisation, row.unit) if part)
                found.append(Found("person", row.name, where, f"/people/{row.id}"))
    return found


def find_anything(uow: UnitOfWork, query: str, *, limit: int = 5) -> list[Found]:
    """Up to ``limit`` results of each kind for ``query``, people first.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace's unit of work (entered here; nothing is written).
    query : str
        What was typed; empty gives no results.
    limit : int
        The most results of each kind.
    """
    needle = fold(" ".join(query.split()))
    words = needle.split()
    if not words:
        return []
    found = _people(uow, query, limit)
    with uow:
        names: dict[int, str] = {}
        groups: list[list[Found]] = [
            [
                Found("organisation", o.name, o.kind, f"/organisations/{o.id}/edit")
                for o in uow.organisations.list()
                if _matches(o.name, words)
            ],
            [
                Found("campaign", c.name, c.status.value, f"/campaigns/{c.id}")
                for c in uow.campaigns.list()
                if _matches(c.name + " " + " ".join(i.name for i in c.issues), words)
            ],
            [
                Found("alliance", a.name, a.purpose[:SNIPPET], f"/alliances/{a.id}")
                for a in uow.alliances.list()
                if _matches(a.name + " " + a.purpose, words)
            ],
            [
                Found("goal", g.title, g.description[:SNIPPET], f"/goals/{g.id}")
                for g in uow.goals.list()
                if _matches(g.title + " " + g.description, words)
            ],
        ]
        typed = query.split()[0]
        notes = [n for n in uow.notes.search(typed) if _matches(n.body, words)]
        if notes:
            names = uow.people.names(n.person_id for n in notes[:limit])
        note_rows = [
            Found(
                "note",
                names.get(n.person_id, "a person"),
                _snippet(n.body, words),
                f"/people/{n.person_id}#notes",
            )
            for n in notes[:limit]
        ]
    for group in groups:
        group.sort(key=lambda f: _rank(f.title, needle))
        found += group[:limit]
    return found + note_rows
