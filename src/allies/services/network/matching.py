"""Telling whether someone coming in is someone already in the network.

An incoming person (from an address book, a calendar, a mailbox, a graph file) is matched
to a stored one by e-mail first; failing that, by name: names are normalised (accents,
case, punctuation, titles such as *Dr* and the order of *Lopez, Maria* set aside) and
compared word by word, the whole name (:func:`name_similarity`); when both records name
an organisation, a clash of organisations counts against the match.

A name is weak evidence, so a merge by name is made only as a careful person would make
it (:func:`doubts`): never when the two records hold e-mails, phones or profile URLs that
disagree, never when a middle name, an initial or a suffix (*Jr*, *Sr*, *II*) sets the
names apart, and never between two people added by the same import unless a phone or a
profile URL agrees (:meth:`Matcher.add` with ``fresh``). Such a pair, and a score within
:data:`NEAR_GAP` below the threshold, is a *near match* (a possible duplicate) reported so
a person can decide (``allies person merge``).

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
>>> matcher.match("Maria Lopez", ["other@else.test"]).person is None
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from allies.domain import Person
from allies.services.network.name_index import _NameIndex
from allies.services.network.names import (
    host_of,
    name_similarity,
    name_words,
    normalise_name,
    normalise_organisation,
    phone_key,
    profile_urls,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "NEAR_GAP",
    "Identifiers",
    "Match",
    "Matcher",
    "doubts",
    "name_similarity",
    "name_words",
    "normalise_name",
    "normalise_organisation",
    "phone_key",
    "profile_urls",
]

#: The score (0-100) at which two names are taken to be the same person.
DEFAULT_THRESHOLD = 92.0
#: How far below the threshold a score still counts as a near match worth reporting.
NEAR_GAP = 15.0


#: No identifiers of a kind (one set shared by everyone who has none).
_NONE: frozenset[str] = frozenset()


def _shared(found: frozenset[str]) -> frozenset[str]:
    return found if found else _NONE


@dataclass(frozen=True, slots=True)
class Identifiers:
    """What identifies a person besides the name: e-mails, phones and profile URLs.

    Examples
    --------
    >>> Identifiers.of(Person("Ann", emails=["ann@acme.test"], phones=["+1 555 0100"])).phones
    frozenset({'15550100'})
    """

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    urls: frozenset[str] = frozenset()

    @classmethod
    def of(cls, person: Person) -> Identifiers:
        """A stored person's identifiers."""
        return cls.read(person.emails, person.phones, person.notes)

    @classmethod
    def read(cls, emails: Iterable[str], phones: Iterable[str], notes: str = "") -> Identifiers:
        """Identifiers from an incoming record's e-mails, phones and notes."""
        return cls(  # (kept for everyone indexed: small, and empty sets shared)
            _shared(frozenset(e.strip().lower() for e in emails if e.strip())),
            _shared(frozenset(k for k in (phone_key(p) for p in phones) if k)),
            _shared(frozenset(profile_urls(notes))) if notes else _NONE,
        )

    def agrees(self, other: Identifiers) -> str:
        """The identifier both share (as evidence), or ``""``."""
        for label, mine, theirs in self._pairs(other):
            common = sorted(mine & theirs)
            if common:
                return f"same {label} {common[0]}"
        return ""

    def disagrees(self, other: Identifiers) -> str:
        """Why the two cannot be one person (both hold identifiers of a kind, none shared)."""
        for label, mine, theirs in self._pairs(other):
            if label == "profile":  # profiles only clash on the same site
                hosts = {host_of(u) for u in mine} & {host_of(u) for u in theirs}
                mine = frozenset(u for u in mine if host_of(u) in hosts)
                theirs = frozenset(u for u in theirs if host_of(u) in hosts)
            if mine and theirs and not mine & theirs:
                return f"{label}s differ"
        return ""

    def _pairs(self, other: Identifiers) -> list[tuple[str, frozenset[str], frozenset[str]]]:
        return [
            ("e-mail", self.emails, other.emails),
            ("phone", self.phones, other.phones),
            ("profile", self.urls, other.urls),
        ]


def doubts(incoming: str, stored: str) -> str:
    """Why two names that look alike must not be merged without asking, or ``""``.

    Different generational suffixes, a middle name only one of them has, or an initial
    where the other spells the name out.

    >>> doubts("John Smith", "John Smith Jr."), doubts("John A. Smith", "John Smith")
    ('the suffixes differ (Jr, Sr, II ...)', 'a middle name or an initial differs')
    >>> doubts("Lopez, Maria", "María López")
    ''
    """
    (x, xs), (y, ys) = name_words(incoming), name_words(stored)
    if xs != ys:
        return "the suffixes differ (Jr, Sr, II ...)"
    if sorted(x) == sorted(y):
        return ""
    if len(x) != len(y) or any(len(w) == 1 for w in (*x, *y)):
        return "a middle name or an initial differs"
    return ""


@dataclass
class Match:
    """The outcome of matching one incoming person.

    Attributes
    ----------
    person : Person or None
        The stored person it is, if any.
    how : str
        ``"email"``, ``"name"`` (same normalised name), ``"fuzzy"``, or ``"phone"`` /
        ``"profile"`` (a name match between two records of one import that share that
        identifier); ``""`` if none.
    score : float
        The name score behind a name or fuzzy match (100 for an e-mail match).
    near : list of (Person, float)
        People who are close but were not merged (below the threshold, or held apart by
        :func:`doubts` or by their identifiers), best first.
    evidence : str
        Why the match was made, in words (``same e-mail ann@acme.test``).
    why_not : dict of int to str
        For people in ``near`` held apart by more than the score: why, by ``id()``.
    """

    person: Person | None = None
    how: str = ""
    score: float = 0.0
    near: list[tuple[Person, float]] = field(default_factory=list)
    evidence: str = ""
    why_not: dict[int, str] = field(default_factory=dict)


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
        self._organisation_keys: dict[int, str] = {}
        self._by_email: dict[str, Person] = {}
        self._names: dict[int, str] = {}
        self._people: dict[int, Person] = {}
        self._ids: dict[int, Identifiers] = {}
        self._by_token: dict[str, set[int]] = defaultdict(set)
        self._index = _NameIndex()
        self._fresh: set[int] = set()
        self._next = 0
        self._slot: dict[int, int] = {}  # id(person) -> slot
        self._normalised = ("", "")  # the last name normalised: a new person's comes twice
        for person in people:
            self.add(person)

    def add(self, person: Person, *, fresh: bool = False) -> None:
        """Index ``person`` (again, after a change to their e-mails, name or organisation).

        ``fresh`` marks a person added by the import under way: another record of the
        same import is merged into them only when an identifier agrees.
        """
        slot = self._slot.get(id(person))
        if slot is None:
            slot = self._slot[id(person)] = self._next
            self._next += 1
        if fresh:
            self._fresh.add(slot)
        self._people[slot] = person
        for email in person.emails:
            self._by_email.setdefault(email.strip().lower(), person)
        name = self._normalise(person.name)
        self._names[slot] = name
        self._ids[slot] = Identifiers.of(person)
        for token in name.split():
            self._by_token[token[:3]].add(slot)
        self._index.add(slot, name)

    def is_fresh(self, person: Person) -> bool:
        """Whether ``person`` was added by the import under way."""
        return self._slot.get(id(person)) in self._fresh

    def set_organisation(self, organisation_id: int, name: str) -> None:
        """Make an organisation's name known (one created during an import)."""
        self._organisations[organisation_id] = name
        self._organisation_keys.pop(organisation_id, None)

    def by_email(self, emails: Sequence[str], *, fresh: bool = True) -> Person | None:
        """The person who has one of these addresses, if any (with ``fresh`` false, not
        one added by the import under way)."""
        for email in emails:
            found = self._by_email.get(email.strip().lower())
            if found is not None and (fresh or not self.is_fresh(found)):
                return found
        return None

    def match(
        self,
        name: str,
        emails: Sequence[str] = (),
        organisation: str = "",
        *,
        phones: Sequence[str] = (),
        notes: str = "",
        same_file: bool = True,
    ) -> Match:
        """Match an incoming person by e-mail, then by name and organisation.

        Parameters
        ----------
        name, emails, organisation, phones, notes
            The incoming record (profile URLs are read from its notes).
        same_file : bool
            Whether people added by the import under way may match at all (false for a
            graph's nodes, which are different people whenever their ids differ).
        """
        found = self.by_email(emails, fresh=same_file)
        if found is not None:
            common = sorted({e.strip().lower() for e in emails} & set(found.emails))
            return Match(found, "email", 100.0, evidence=f"same e-mail {common[0]}")
        wanted = self._normalise(name)
        if not wanted:
            return Match()
        floor = max(0.0, self.threshold - NEAR_GAP)
        order = self._candidates(wanted, floor)
        if not order:
            return Match()
        candidates = process.extract(  # a quick first sieve, at C speed
            wanted,
            [self._names[s] for s in order],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=floor,
            limit=None,
        )
        incoming = Identifiers.read(emails, phones, notes)
        org = normalise_organisation(organisation) if organisation else ""
        ranked: list[tuple[float, int, int, Person, str, str]] = []
        for stored, _, index in candidates:
            slot = order[index]
            person = self._people[slot]
            similar = name_similarity(wanted, stored)
            if similar < floor:  # (the organisations can only lower it)
                continue
            score = self._adjusted(similar, org, person)
            if score < floor:
                continue
            how, why = self._verdict(name, incoming, slot, same_file)
            # ties go to the one indexed first: the lower id (a person an import has not
            # written yet has none, and comes after everyone indexed before)
            ranked.append((score, 0 if not why else 1, slot, person, how, why))
        ranked.sort(key=lambda item: (-item[0], item[1], item[2]))
        chosen = next((r for r in ranked if r[0] >= self.threshold and not r[5]), None)
        rest = [r for r in ranked if r is not chosen]
        near = [(p, round(s, 1)) for s, _, _, p, _, _ in rest[:3]]
        why_not = {id(p): why for _, _, _, p, _, why in rest[:3] if why}
        if chosen is None:
            return Match(near=near, why_not=why_not)
        score, _, _, person, how, _ = chosen
        exact = sorted(normalise_name(person.name).split()) == sorted(wanted.split())
        how = how or ("name" if exact else "fuzzy")
        evidence = self._evidence(
            how, wanted, round(score, 1), incoming, slot=self._slot[id(person)]
        )
        return Match(person, how, round(score, 1), near, evidence, why_not)

    def _normalise(self, name: str) -> str:
        """:func:`normalise_name`, remembering the last one (matched, then added)."""
        if self._normalised[0] != name:
            self._normalised = (name, normalise_name(name))
        return self._normalised[1]

    def _candidates(self, wanted: str, floor: float) -> list[int]:
        """The slots whose names may score ``floor`` or more against ``wanted``, in order.

        A stored name is a candidate when one of its words begins as a word of ``wanted``
        does (its first three letters). Among those, only the names that can reach
        ``floor`` under :func:`name_similarity` are kept, found through
        :class:`_NameIndex` instead of by comparing every name that shares a word's
        beginning (thousands, in a large address book: the import grew faster than the
        file); the others would score below ``floor`` and be dropped anyway.
        """
        prefixes = {token[:3] for token in wanted.split()}
        if floor <= 0 or len(wanted.split()) < 2:
            slots = {s for p in prefixes for s in self._by_token.get(p, ())}
        else:
            slots = {
                s
                for s in self._index.reaching(wanted, floor)
                if any(s in self._by_token.get(p, ()) for p in prefixes)
            }
        return sorted(slots)

    def _verdict(
        self, name: str, incoming: Identifiers, slot: int, same_file: bool
    ) -> tuple[str, str]:
        """``(how, why_not)`` for a name match with the person in ``slot``."""
        theirs = self._ids[slot]
        clash = incoming.disagrees(theirs)
        if clash:
            return "", clash
        doubt = doubts(name, self._people[slot].name)
        if doubt:
            return "", doubt
        if slot in self._fresh:
            agreed = incoming.agrees(theirs) if same_file else ""
            if not agreed:
                return "", "both come from this file and no e-mail, phone or profile agrees"
            return agreed.split()[1], ""
        return "", ""

    def _evidence(
        self, how: str, wanted: str, score: float, incoming: Identifiers, *, slot: int
    ) -> str:
        agreed = incoming.agrees(self._ids[slot])
        text = f"names alike ({score:g} of 100)" if how == "fuzzy" else f"same name {wanted!r}"
        if agreed:
            return f"{text}, {agreed}"
        return f"{text}; no e-mail, phone or profile on both to compare"

    def _adjusted(self, score: float, organisation: str, person: Person) -> float:
        """The name score, lowered when both sides name organisations that differ."""
        key = person.organisation_id or -1
        theirs = self._organisations.get(key, "")
        if not organisation or not theirs:
            return score
        if key not in self._organisation_keys:  # normalised once, not per comparison
            self._organisation_keys[key] = normalise_organisation(theirs)
        similarity = fuzz.token_set_ratio(organisation, self._organisation_keys[key])
        return score if similarity >= 80 else score - 20.0 * (1 - similarity / 100)
