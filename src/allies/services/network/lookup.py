"""Finding people and organisations by what users type: a name, an e-mail or an id."""

from __future__ import annotations

import re
from collections.abc import Sequence

from allies.domain import Organisation, Person
from allies.domain.folding import fold
from allies.errors import AmbiguousName, NextStep, NotFound
from allies.services.ports import UnitOfWork

_ID = re.compile(r"^#?(\d+)$")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def closest_names(query: str, names: Sequence[str], limit: int = 3) -> list[str]:
    """The names most like ``query`` (rapidfuzz WRatio ≥ 60), best first."""
    from rapidfuzz import fuzz, process  # only when a name is not found

    matches = process.extract(query, list(names), scorer=fuzz.WRatio, limit=limit)
    return [name for name, score, _ in matches if score >= 60]


def pick_person(people: Sequence[Person], reference: str) -> Person:
    """Choose the one person ``reference`` names among ``people``.

    ``reference`` may be ``me``, an id (``12`` or ``#12``), an e-mail, a full name, or a
    part of a name that only one person has (a first name, a surname).

    Raises
    ------
    allies.errors.NotFound
        Nobody matches; the message suggests the closest names.
    allies.errors.AmbiguousName
        Several people match; the error lists them.
    """
    ref = reference.strip()
    if not ref:
        raise NotFound("No person was named.", hint="Give a name, an e-mail or an id.")
    if ref.casefold() == "me":
        mine = [p for p in people if p.is_me]
        if mine:
            return mine[0]
        raise NotFound(
            "Nobody is marked as you yet.",
            hint="Add yourself as a person first, marked as you.",
            next_step=NextStep("add", "person", {"me": True}),
        )
    if match := _ID.match(ref):
        wanted = int(match[1])
        for person in people:
            if person.id == wanted:
                return person
        raise NotFound(kind="person", record_id=wanted)
    if "@" in ref:
        email = ref.casefold()
        for person in people:
            if email in person.emails:
                return person
    exact = [p for p in people if p.name.casefold() == ref.casefold()]
    if not exact:  # typed without accents: "Etienne Dubois"
        exact = [p for p in people if fold(p.name) == fold(ref)]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise AmbiguousName(ref, [p.label for p in exact])
    wanted_words = _words(ref)
    partial = [p for p in people if wanted_words and all(w in _words(p.name) for w in wanted_words)]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise AmbiguousName(ref, [p.label for p in partial])
    suggestions = closest_names(ref, [p.name for p in people])
    raise NotFound(
        f"Nobody called {ref!r} is in this workspace.",
        suggestions=suggestions,
        hint=None if suggestions else "Check the spelling, or add them as a new person.",
        kind="person",
    )


def _direct(uow: UnitOfWork, reference: str) -> Person | None:
    """The person a reference names when one query can tell (``me``, an id, an e-mail, or
    a full name only one person has); ``None`` when it takes a look at everyone."""
    ref = reference.strip()
    if ref.casefold() == "me":
        return uow.people.me()
    if (match := _ID.match(ref)) is not None:
        return uow.people.find(int(match[1]))
    if "@" in ref:
        return uow.people.by_email(ref)
    named = uow.people.named(ref) if ref else []
    return named[0] if len(named) == 1 else None


def resolve_person(uow: UnitOfWork, reference: str) -> Person:
    """Find the person ``reference`` names in the unit of work's workspace.

    See :func:`pick_person` for what a reference may be. ``me``, ids, e-mails and full
    names are looked up directly; only a part of a name (or a reference that matches
    nobody) reads everyone.
    """
    return _direct(uow, reference) or pick_person(uow.people.list(), reference)


def resolve_people(uow: UnitOfWork, references: Sequence[str]) -> list[Person]:
    """Resolve several references at once (for example ``"Ann, Bo, #12"`` split by commas)."""
    everyone: list[Person] | None = None
    chosen: list[Person] = []
    for reference in references:
        if not reference.strip():
            continue
        person = _direct(uow, reference)
        if person is None:
            everyone = uow.people.list() if everyone is None else everyone
            person = pick_person(everyone, reference)
        if all(person.id != p.id for p in chosen):
            chosen.append(person)
    return chosen


def resolve_organisation(uow: UnitOfWork, reference: str) -> Organisation:
    """Find an organisation by id or name (exact, then unique partial, else suggestions)."""
    ref = reference.strip()
    organisations = uow.organisations.list()
    if match := _ID.match(ref):
        for organisation in organisations:
            if organisation.id == int(match[1]):
                return organisation
    folded = ref.casefold()
    exact = [o for o in organisations if o.name.casefold() == folded]
    if not exact:  # typed without accents: "Societe Generale"
        exact = [o for o in organisations if fold(o.name) == fold(ref)]
    partial = exact or [o for o in organisations if fold(ref) in fold(o.name)]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise AmbiguousName(ref, [f"{o.name} (#{o.id})" for o in partial])
    suggestions = closest_names(ref, [o.name for o in organisations])
    raise NotFound(
        f"No organisation called {ref!r}.",
        suggestions=suggestions,
        hint=None if suggestions else "Check the name, or add an organisation of that name.",
        kind="organisation",
    )
