"""The matcher's name index changes no outcome: the same matches as comparing every name
that shares a word's beginning, on seeded random address books with look-alike names."""

from __future__ import annotations

import random

import pytest

from allies.domain import Person
from allies.services.network.matching import Matcher

FIRST = ["maria", "mario", "marie", "john", "jon", "johan", "j", "m", "ana", "anna", "lea"]
LAST = ["lopez", "lopes", "smith", "smyth", "schmidt", "chen", "cheng", "l01", "l02"]
MIDDLE = ["", "", "", "a", "josé", "jr", "iii", "van"]


class EveryName(Matcher):
    """The matcher as it was: every name sharing a word's first three letters is scored."""

    def _candidates(self, wanted: str, floor: float) -> list[int]:
        prefixes = {token[:3] for token in wanted.split()}
        return sorted({s for p in prefixes for s in self._by_token.get(p, ())})


def _name(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    middle = rng.choice(MIDDLE)
    words = [first, middle, last] if middle else [first, last]
    if rng.random() < 0.1:
        words = [last + ",", first]
    if rng.random() < 0.05:
        words = [first]
    return " ".join(w.capitalize() for w in words)


@pytest.mark.parametrize("threshold", [92.0, 80.0, 60.0])
@pytest.mark.parametrize("seed", range(4))
def test_the_index_finds_what_scoring_every_name_finds(seed: int, threshold: float) -> None:
    rng = random.Random(seed)
    stored = [Person(_name(rng), id=i + 1) for i in range(150)]
    indexed = Matcher(stored, threshold=threshold)
    reference = EveryName(stored, threshold=threshold)
    for _ in range(200):
        name = _name(rng)
        got, want = indexed.match(name), reference.match(name)
        assert (got.person and got.person.id, got.how, got.score) == (
            want.person and want.person.id,
            want.how,
            want.score,
        ), name
        assert [(p.id, s) for p, s in got.near] == [(p.id, s) for p, s in want.near], name
        if got.person is None and rng.random() < 0.5:  # the import adds it; both grow
            person = Person(name, id=len(stored) + 1)
            stored.append(person)
            indexed.add(person, fresh=True)
            reference.add(person, fresh=True)
