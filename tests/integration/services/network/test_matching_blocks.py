"""The name index's blocks change no outcome on address books of look-alike names: the
same first and family names told apart by a middle word, a number, an initial or a
suffix, in names of two to four words (as a large generated or real address book has)."""

from __future__ import annotations

import random

import pytest

from allies.domain import Person
from allies.services.network.matching import Matcher

FIRST = ["ana", "anna", "dana", "bo", "j", "john", "jon", "lea", "l01"]
MIDDLE = ["5", "50", "512", "1", "l02", "a", "josé", "jose", "van", "de", "jr", "ii"]
LAST = ["lopez", "lopes", "smith", "smyth", "chen", "cheng", "l01", "5"]


class EveryName(Matcher):
    """The matcher without its index: every name sharing a word's beginning is scored."""

    def _candidates(self, wanted: str, floor: float) -> list[int]:
        prefixes = {token[:3] for token in wanted.split()}
        return sorted({s for p in prefixes for s in self._by_token.get(p, ())})


def _name(rng: random.Random) -> str:
    middle = [rng.choice(MIDDLE) for _ in range(rng.choice([0, 1, 1, 1, 2]))]
    words = [rng.choice(FIRST), *middle, rng.choice(LAST)]
    if rng.random() < 0.1:
        words = [words[-1] + ",", *words[:-1]]
    if rng.random() < 0.05:
        words = words[:1]
    return " ".join(w.capitalize() for w in words)


@pytest.mark.parametrize("threshold", [100.0, 92.0, 85.0, 70.0, 30.0])
@pytest.mark.parametrize("seed", range(3))
def test_blocks_find_what_scoring_every_name_finds(seed: int, threshold: float) -> None:
    rng = random.Random(seed)
    stored = [Person(_name(rng), id=i + 1) for i in range(200)]
    indexed = Matcher(stored, threshold=threshold)
    reference = EveryName(stored, threshold=threshold)
    for _ in range(250):
        name = _name(rng)
        got, want = indexed.match(name), reference.match(name)
        assert (got.person and got.person.id, got.how, got.score, got.evidence) == (
            want.person and want.person.id,
            want.how,
            want.score,
            want.evidence,
        ), name
        assert [(p.id, s) for p, s in got.near] == [(p.id, s) for p, s in want.near], name
        if got.person is None and rng.random() < 0.6:  # the import adds it; both grow
            person = Person(name, id=len(stored) + 1)
            stored.append(person)
            indexed.add(person, fresh=True)
            reference.add(person, fresh=True)


def test_numbered_look_alikes_are_compared_only_with_their_own_number() -> None:
    people = [Person(f"Ana {n} Lopez", id=n + 1) for n in range(300)]
    matcher = Matcher(people)
    assert matcher.match("Ana 123 Lopez").person is people[123]
    near = matcher.match("Ana 1 Lopez").near  # "1" is an initial of 10, 100 ...: near only
    assert near and all(p.name.split()[1].startswith("1") for p, _ in near)
    assert matcher.match("Ana 300 Lopez").person is None
