"""An index of normalised names that finds the ones a name can match, without trying all.

:func:`allies.services.network.matching.name_similarity` scores two names of two words
or more in one of three ways. The same words in another order score 100. Names of as
many words score the lowest of their words' scores, position by position (straight, or
with one name reversed), so every word must reach the score. Names of different lengths
score the lowest of their first and last words' scores (straight or crossed), less 5 for
each word more, so their end words must reach the score plus that penalty.
:class:`_NameIndex` keeps the stored names by length and end words (a *block*), by their
words and by their sorted words, with the vocabularies of first, middle and last words. A
query looks up, for each position, the known words that reach the score (rapidfuzz over
the vocabulary, remembered per word); when few names can be made of them it looks these
names up, otherwise it takes the blocks of the end words, keeping the names whose middle
words reach too. Names of a single word are always returned (their score is a
whole-string ratio). This is *blocking* in the record-linkage sense (Christen 2012, *Data
Matching*, ch. 4), made exact for this score: it only drops names that would score below
the floor, so an address book of look-alike names (the same first and family names told
apart by a middle word) is compared within small blocks.

Word scores follow ``names._part``: an initial matches any word it begins at 90; words
with digits match only themselves; other words by their rapidfuzz ratio.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

from rapidfuzz import fuzz, process

#: What an initial scores against a word it begins (as in ``names._part``).
INITIAL = 90.0
#: Above this many combinations of words, a query looks at blocks (or sets) instead.
PAIRS = 64
#: What each word more costs a name of another length (as in ``names.name_similarity``).
PER_WORD = 5.0

_SLACK = 1e-6
_DIGITS = frozenset("0123456789")


def _has_digit(word: str) -> bool:
    return not _DIGITS.isdisjoint(word)


def _put(slots: dict[tuple[str, ...], list[int]], key: tuple[str, ...], slot: int) -> None:
    """Add ``slot`` to the slots kept under ``key`` (once)."""
    known = slots.get(key)
    if known is None:
        slots[key] = [slot]
    elif slot not in known:
        known.append(slot)


class _Vocabulary:
    """The words seen in one position (first, middle or last), with what each query matched."""

    def __init__(self, *, slots: bool = True) -> None:
        self.known: set[str] = set()
        #: The slots whose name holds each word here (first and last words only).
        self.slots: dict[str, set[int]] = defaultdict(set)
        self._keep_slots = slots
        self._plain: list[str] = []  # two letters or more, no digit: compared by ratio
        self._by_initial: dict[str, set[str]] = defaultdict(set)
        #: word -> (the floor asked, the words reaching it with their scores, how many
        #: plain words were compared)
        self._memo: dict[str, tuple[float, dict[str, float], int]] = {}

    def add(self, word: str, slot: int) -> None:
        """Know ``word``, held by the name of ``slot``."""
        if word not in self.known:
            self.known.add(word)
            if len(word) > 1 and not _has_digit(word):
                self._plain.append(word)
            self._by_initial[word[0]].add(word)
        if self._keep_slots:
            self.slots[word].add(slot)

    def reaching(self, word: str, floor: float) -> set[str]:
        """The known words that score ``floor`` or more against ``word``."""
        found: set[str] = set()
        if floor <= INITIAL:
            if len(word) == 1:
                found |= self._by_initial.get(word, set())
            elif word[0] in self.known:
                found.add(word[0])  # an initial standing for this word
        if len(word) > 1:
            if _has_digit(word):
                if word in self.known:
                    found.add(word)
            else:
                found |= self._similar(word, floor)
        return found

    def _similar(self, word: str, floor: float) -> set[str]:
        """The plain words whose ratio against ``word`` reaches ``floor`` (remembered,
        and only the words added since compared the next time)."""
        asked, scores, seen = self._memo.get(word, (floor, {}, 0))
        if floor < asked:  # a lower floor than remembered: compare them all again
            asked, scores, seen = floor, {}, 0
        if seen < len(self._plain):
            more = process.extract(
                word, self._plain[seen:], scorer=fuzz.ratio, score_cutoff=asked, limit=None
            )
            scores = scores | {w: s for w, s, _ in more}
            self._memo[word] = (asked, scores, len(self._plain))
        if floor == asked:
            return set(scores)
        return {w for w, s in scores.items() if s >= floor}


class _NameIndex:
    """Stored names by length and end words, by words and by sorted words; see the
    module's description."""

    def __init__(self) -> None:
        self._first = _Vocabulary()
        self._middle = _Vocabulary(slots=False)
        self._last = _Vocabulary()
        #: (length, first word, last word) -> the slots of those names.
        self._pairs: dict[tuple[int, str, str], set[int]] = defaultdict(set)
        #: (length, first word, last word) -> the names' words -> their slots (lists:
        #: most names are one person's, and a list of one is a third of a set's size).
        self._blocks: dict[tuple[int, str, str], dict[tuple[str, ...], list[int]]] = {}
        self._sorted: dict[tuple[str, ...], list[int]] = {}
        self._words: dict[str, str] = {}  # each word kept once, however many names hold it
        self._lengths: set[int] = set()
        self._short: set[int] = set()

    def add(self, slot: int, name: str) -> None:
        """Index the normalised ``name`` of ``slot`` (entries of an older name stay; the
        caller scores the current name)."""
        words = tuple(self._words.setdefault(w, w) for w in name.split())
        if not words:
            return
        if len(words) < 2:
            self._short.add(slot)
            return
        key = (len(words), words[0], words[-1])
        self._first.add(words[0], slot)
        self._last.add(words[-1], slot)
        self._lengths.add(len(words))
        self._pairs[key].add(slot)
        if len(words) > 2:
            for word in words[1:-1]:
                self._middle.add(word, slot)
            _put(self._blocks.setdefault(key, {}), words, slot)
        _put(self._sorted, tuple(sorted(words)), slot)

    def reaching(self, wanted: str, floor: float) -> set[int]:
        """Every slot whose name may score ``floor`` or more against ``wanted`` (two words
        or more, ``floor`` above 0): a superset of those that do."""
        words = wanted.split()
        found = self._short | set(self._sorted.get(tuple(sorted(words)), ()))
        lengths = sorted(self._lengths, key=lambda n: abs(n - len(words)))
        for order in (words, words[::-1]):
            for length in lengths:
                # (a hair lower, so that rounding never drops a name that reaches)
                need = floor + PER_WORD * abs(length - len(words)) - _SLACK
                if need > 100.0:
                    break
                some = self._reaching(order, length, need)
                if some is None:  # too many words reach: the end words' slots, any length
                    found |= self._by_ends(order, floor)
                    break
                found |= some
        return found

    def _reaching(self, words: list[str], length: int, floor: float) -> set[int] | None:
        """The slots of names of ``length`` words whose words reach ``floor`` against
        ``words`` position by position (only the end words when the lengths differ), or
        None when too many end words reach ``floor``."""
        firsts = self._first.reaching(words[0], floor)
        lasts = self._last.reaching(words[-1], floor)
        if not firsts or not lasts:
            return set()
        if len(firsts) * len(lasts) > PAIRS:
            return None
        found: set[int] = set()
        if length != len(words) or length == 2:
            for head in firsts:
                for tail in lasts:
                    found |= self._pairs.get((length, head, tail), set())
            return found
        middles = [self._middle.reaching(word, floor) for word in words[1:-1]]
        if not all(middles):
            return found
        combinations = len(firsts) * len(lasts)
        for options in middles:
            combinations *= len(options)
        for head in firsts:
            for tail in lasts:
                block = self._blocks.get((length, head, tail))
                if not block:
                    continue
                if combinations <= PAIRS:  # few names can be made of these words
                    for inner in product(*middles):
                        found.update(block.get((head, *inner, tail), ()))
                    continue
                for named, slots in block.items():  # else every name of the block
                    if all(w in m for w, m in zip(named[1:-1], middles, strict=True)):
                        found.update(slots)
        return found

    def _by_ends(self, words: list[str], floor: float) -> set[int]:
        """The slots of every name whose first and last words reach ``floor`` against
        those of ``words`` (a superset, for a query that too many words reach)."""
        firsts = self._first.reaching(words[0], floor)
        lasts = self._last.reaching(words[-1], floor)
        if not firsts or not lasts:
            return set()
        by_first = set().union(*(self._first.slots[a] for a in firsts))
        by_last = set().union(*(self._last.slots[b] for b in lasts))
        return by_first & by_last
