"""Telling whether someone coming in is someone already in the network.

An incoming person (from an address book, a calendar, a mailbox, a graph file) is matched
to a stored one by e-mail first; failing that, by name: names are normalised (accents,
case, punctuation, titles such as *Dr* and the order of *Lopez, Maria* set aside) and
compared with rapidfuzz, given name and family name each (:func:`name_similarity`), and
when both records name an organisation, a clash of organisations counts against the match.
A score at or above the threshold is a match (the records are merged); a score within
:data:`NEAR_GAP` below it is a *near match*, reported so a person can decide
(``allies person merge``).

Examples
--------
>>> from allies.domain import Person
>>> matcher = Matcher([Person("María López", emails=["maria@acme.test"], id=1)])
>>> matcher.match("Lopez, Maria").how
'name'
>>> matcher.match("Someone Else", ["MARIA@acme.test"]).how
'email'
>>> matcher.match("Mario Lopes").near[0][1] >= 75
True
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from allies.domain import Person

__all__ = [
    "DEFAULT_THRESHOLD",
    "NEAR_GAP",
    "Match",
    "Matcher",
    "name_similarity",
    "normalise_name",
    "normalise_organisation",
]

#: The score (0-100) at which two names are taken to be the same person.
DEFAULT_THRESHOLD = 92.0
#: How far below the threshold a score still counts as a near match worth reporting.
NEAR_GAP = 15.0

_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "herr",
    "frau", "mme", "mlle", "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba",
}  # fmt: skip
_LEGAL = {
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa",
    "sas", "sarl", "bv", "nv", "co", "corp", "corporation", "company", "the", "group",
    "oy", "ab", "as", "srl", "spa", "pty", "kg",
}  # fmt: skip


def _fold(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.findall(r"[^\W_]+", plain)


def normalise_name(name: str) -> str:
    """A name reduced for comparison.

    >>> normalise_name("López, Dr. María-José")
    'maria jose lopez'
    """
    text = name
    if text.count(",") == 1:
        family, given = text.split(",")
        if given.strip() and len(_fold(given)) <= 3 and len(_fold(family)) <= 2:
            text = f"{given} {family}"
    words = _fold(text)
    kept = [w for w in words if w not in _TITLES]
    return " ".join(kept or words)


def normalise_organisation(name: str) -> str:
    """An organisation's name without legal forms and punctuation.

    >>> normalise_organisation("ACME, Inc.")
    'acme'
    """
    words = _fold(name)
    kept = [w for w in words if w not in _LEGAL]
    return " ".join(kept or words)


def _part(a: str, b: str) -> float:
    if len(a) == 1 or len(b) == 1:  # an initial stands for any name starting with it
        return 90.0 if a[0] == b[0] else 0.0
    return float(fuzz.ratio(a, b))


def name_similarity(a: str, b: str) -> float:
    """How alike two normalised names are, 0-100, given name and family name each counted.

    The same words in any order score 100. Otherwise the score is the lower of the given
    names' and the family names' rapidfuzz ratios (or of the two crossed, for names written
    family name first), so a shared family name does not make two people one; an initial
    matches the names it begins at 90. Middle names are not compared.

    >>> name_similarity("maria lopez", "lopez maria"), name_similarity("emil richardson",
    ...                                                                "femi richardson")
    (100.0, 75.0)
    >>> name_similarity("m lopez", "maria lopez"), round(name_similarity("jon smith", "john smith"))
    (90.0, 86)
    """
    if a == b:
        return 100.0
    x, y = a.split(), b.split()
    if sorted(x) == sorted(y):
        return 100.0
    if len(x) < 2 or len(y) < 2:
        return float(fuzz.ratio(a, b))
    straight = min(_part(x[0], y[0]), _part(x[-1], y[-1]))
    crossed = min(_part(x[0], y[-1]), _part(x[-1], y[0]))
    return max(straight, crossed)


@dataclass
class Match:
    """The outcome of matching one incoming person.

    Attributes
    ----------
    person : Person or None
        The stored person it is, if any.
    how : str
        ``"email"``, ``"name"`` (same normalised name) or ``"fuzzy"``; ``""`` if none.
    score : float
        The name score behind a name or fuzzy match (100 for an e-mail match).
    near : list of (Person, float)
        Stored people who are close but below the threshold, best first.
    """

    person: Person | None = None
    how: str = ""
    score: float = 0.0
    near: list[tuple[Person, float]] = field(default_factory=list)


class Matcher:
    """An index of people to match incoming ones against; grows as people are added.

    Parameters
    ----------
    people : iterable of Person
        The people already stored.
    organisations : mapping of int to str, optional
        Organisation names by id, to compare organisations.
    threshold : float
        The score at which a name match is accepted (see :data:`DEFAULT_THRESHOLD`).
    """

    def __init__(
        self,
        people: Iterable[Person] = (),
        organisations: dict[int, str] | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.threshold = threshold
        self._organisations = organisations or {}
        self._by_email: dict[str, Person] = {}
        self._names: dict[int, str] = {}
        self._people: dict[int, Person] = {}
        self._by_token: dict[str, set[int]] = defaultdict(set)
        self._next = 0
        self._slot: dict[int, int] = {}  # id(person) -> slot
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        """Index ``person`` (again, after a change to their e-mails, name or organisation)."""
        slot = self._slot.get(id(person))
        if slot is None:
            slot = self._slot[id(person)] = self._next
            self._next += 1
        self._people[slot] = person
        for email in person.emails:
            self._by_email.setdefault(email, person)
        name = normalise_name(person.name)
        self._names[slot] = name
        for token in name.split():
            self._by_token[token[:3]].add(slot)

    def set_organisation(self, organisation_id: int, name: str) -> None:
        """Make an organisation's name known (one created during an import)."""
        self._organisations[organisation_id] = name

    def by_email(self, emails: Sequence[str]) -> Person | None:
        """The person who has one of these addresses, if any."""
        for email in emails:
            found = self._by_email.get(email.strip().lower())
            if found is not None:
                return found
        return None

    def match(self, name: str, emails: Sequence[str] = (), organisation: str = "") -> Match:
        """Match an incoming person by e-mail, then by name and organisation."""
        found = self.by_email(emails)
        if found is not None:
            return Match(found, "email", 100.0)
        wanted = normalise_name(name)
        if not wanted:
            return Match()
        slots = {s for token in wanted.split() for s in self._by_token.get(token[:3], ())}
        if not slots:
            return Match()
        order = sorted(slots)
        floor = max(0.0, self.threshold - NEAR_GAP)
        candidates = process.extract(  # a quick first sieve, at C speed
            wanted,
            [self._names[s] for s in order],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=floor,
            limit=None,
        )
        org = normalise_organisation(organisation) if organisation else ""
        ranked: list[tuple[float, int, Person]] = []
        for name, _, index in candidates:
            person = self._people[order[index]]
            score = self._adjusted(name_similarity(wanted, name), org, person)
            if score >= floor:
                ranked.append((score, person.id or 0, person))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        if ranked and ranked[0][0] >= self.threshold:
            score, _, person = ranked[0]
            exact = normalise_name(person.name) == wanted
            near = [(p, round(s, 1)) for s, _, p in ranked[1:4]]
            return Match(person, "name" if exact else "fuzzy", round(score, 1), near)
        return Match(near=[(p, round(s, 1)) for s, _, p in ranked[:3]])

    def _adjusted(self, score: float, organisation: str, person: Person) -> float:
        """The name score, lowered when both sides name organisations that differ."""
        theirs = self._organisations.get(person.organisation_id or -1, "")
        if not organisation or not theirs:
            return score
        similarity = fuzz.token_set_ratio(organisation, normalise_organisation(theirs))
        return score if similarity >= 80 else score - 20.0 * (1 - similarity / 100)
