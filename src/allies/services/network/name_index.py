"""An index of normalised names that finds the ones a name can match, without trying all.

:func:`allies.services.network.matching.name_similarity` scores two names of two words
or more by their first and last words (the lowest of the two ratios, straight or
crossed), unless they hold the same words in another order. So a stored name can reach a
score ``floor`` only if its first and last words each reach ``floor`` against the
incoming name's first and last words (or its last and first), or if both names hold the
same words. :class:`_NameIndex` keeps the stored names by their end words and by their
sorted words, and the vocabulary of end words; a query looks up the words that reach
``floor`` (rapidfuzz over the vocabulary, remembered per word) and then the names made of
them. Names of a single word are always returned (their score is a whole-string ratio).
This is *blocking* in the record-linkage sense (Christen 2012, *Data Matching*, ch. 4),
made exact for this score: it only drops names that would score below ``floor``.

Word scores follow ``matching._part``: an initial matches any word it begins at 90;
words with digits match only themselves; other words by their rapidfuzz ratio.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process

#: What an initial scores against a word it begins (as in ``matching._part``).
INITIAL = 90.0
#: Above this many end-word pairs, a query intersects two sets instead of looking up pairs.
PAIRS = 64


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


class _Vocabulary:
    """The words seen in one position (first or last), with what each query matched."""

    def __init__(self) -> None:
        self.slots: dict[str, set[int]] = defaultdict(set)
        self._plain: list[str] = []  # two letters or more, no digit: compared by ratio
        self._by_initial: dict[str, set[str]] = defaultdict(set)
        self._memo: dict[tuple[str, float], tuple[set[str], int]] = {}

    def add(self, word: str, slot: int) -> None:
        if word not in self.slots:
            if len(word) > 1 and not _has_digit(word):
                self._plain.append(word)
            self._by_initial[word[0]].add(word)
        self.slots[word].add(slot)

    def reaching(self, word: str, floor: float) -> set[str]:
        """The known words that score ``floor`` or more against ``word``."""
        found: set[str] = set()
        if floor <= INITIAL:
            if len(word) == 1:
                found |= self._by_initial.get(word, set())
            elif word[0] in self.slots:
                found.add(word[0])  # an initial standing for this word
        if len(word) > 1:
            if _has_digit(word):
                if word in self.slots:
                    found.add(word)
            else:
                matched, seen = self._memo.get((word, floor), (set(), 0))
                if seen < len(self._plain):
                    more = process.extract(
                        word,
                        self._plain[seen:],
                        scorer=fuzz.ratio,
                        score_cutoff=floor,
                        limit=None,
                    )
                    matched = matched | {w for w, _, _ in more}
                    self._memo[(word, floor)] = (matched, len(self._plain))
                found |= matched
        return found


class _NameIndex:
    """Stored names by end words and sorted words; see the module's description."""

    def __init__(self) -> None:
        self._first = _Vocabulary()
        self._last = _Vocabulary()
        self._pairs: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._sorted: dict[str, set[int]] = defaultdict(set)
        self._short: set[int] = set()

    def add(self, slot: int, name: str) -> None:
        """Index the normalised ``name`` of ``slot`` (entries of an older name stay; the
        caller scores the current name)."""
        words = name.split()
        if not words:
            return
        if len(words) < 2:
            self._short.add(slot)
            return
        self._first.add(words[0], slot)
        self._last.add(words[-1], slot)
        self._pairs[(words[0], words[-1])].add(slot)
        self._sorted[" ".join(sorted(words))].add(slot)

    def reaching(self, wanted: str, floor: float) -> set[int]:
        """Every slot whose name may score ``floor`` or more against ``wanted`` (two words
        or more, ``floor`` above 0): a superset of those that do."""
        words = wanted.split()
        found = set(self._short) | self._sorted.get(" ".join(sorted(words)), set())
        for head, tail in ((words[0], words[-1]), (words[-1], words[0])):
            firsts = self._first.reaching(head, floor)
            lasts = self._last.reaching(tail, floor)
            if not firsts or not lasts:
                continue
            if len(firsts) * len(lasts) <= PAIRS:
                for a in firsts:
                    for b in lasts:
                        found |= self._pairs.get((a, b), set())
            else:
                by_first = set().union(*(self._first.slots[a] for a in firsts))
                by_last = set().union(*(self._last.slots[b] for b in lasts))
                found |= by_first & by_last
        return found
