"""Names as the matcher compares them (:mod:`allies.services.network.matching`).

Names are folded (accents and case), stripped of punctuation, of titles such as *Dr* and of
legal forms of organisations, and put back in order (*Lopez, Maria* is *Maria Lopez*);
:func:`name_similarity` then compares them word by word, first and last words both ways, with
the Levenshtein-based ratios of ``rapidfuzz``. Phones and profile URLs get keys of their own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from allies.domain.folding import fold

__all__ = [
    "host_of",
    "name_similarity",
    "name_words",
    "normalise_name",
    "normalise_organisation",
    "phone_key",
    "profile_urls",
]

_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "herr",
    "frau", "mme", "mlle", "phd", "md", "esq", "mba",
}  # fmt: skip
#: Generational suffixes: they tell a father from his son, so they are compared.
_SUFFIXES = {"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv"}
_TITLES = _HONORIFICS | _SUFFIXES
_LEGAL = {
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa",
    "sas", "sarl", "bv", "nv", "co", "corp", "corporation", "company", "the", "group",
    "oy", "ab", "as", "srl", "spa", "pty", "kg",
}  # fmt: skip
_URL = re.compile(r"https?://[^\s<>\"')]+", re.I)
_SAME_SUFFIX = {"jnr": "jr", "junior": "jr", "snr": "sr", "senior": "sr"}


def _fold(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


def _ordered(name: str) -> str:
    """``Lopez, Maria`` as ``Maria Lopez`` (a comma before a suffix is left alone)."""
    if name.count(",") == 1:
        family, given = name.split(",")
        words = _fold(given)
        if words and len(words) <= 3 and len(_fold(family)) <= 2 and not set(words) <= _TITLES:
            return f"{given} {family}"
    return name


def name_words(name: str) -> tuple[list[str], frozenset[str]]:
    """A name's words (honorifics and suffixes set aside) and its generational suffixes.

    >>> name_words("Smith, John A. Jr.")
    (['john', 'a', 'smith'], frozenset({'jr'}))
    >>> name_words("John Smith, III")
    (['john', 'smith'], frozenset({'iii'}))
    """
    words = _fold(_ordered(name))
    kept = [w for w in words if w not in _TITLES]
    suffixes = frozenset(_SAME_SUFFIX.get(w, w) for w in words if w in _SUFFIXES)
    return (kept or words), suffixes


def normalise_name(name: str) -> str:
    """A name reduced for comparison.

    >>> normalise_name("López, Dr. María-José")
    'maria jose lopez'
    """
    return " ".join(name_words(name)[0])


def normalise_organisation(name: str) -> str:
    """An organisation's name without legal forms and punctuation.

    >>> normalise_organisation("ACME, Inc.")
    'acme'
    """
    words = _fold(name)
    kept = [w for w in words if w not in _LEGAL]
    return " ".join(kept or words)


def phone_key(phone: str) -> str:
    """A phone number reduced for comparison: its last nine digits.

    The last digits survive the ways one number is written (``+44 20 7946 0958``,
    ``020 7946 0958``).

    >>> phone_key("+44 20 7946 0958") == phone_key("(020) 7946-0958")
    True
    """
    return re.sub(r"\D", "", phone)[-9:]


def profile_urls(text: str) -> set[str]:
    """The web addresses in ``text`` (a LinkedIn profile kept in the notes), normalised.

    >>> sorted(profile_urls("LinkedIn: https://www.linkedin.com/in/ann-lee/"))
    ['linkedin.com/in/ann-lee']
    """
    found = set()
    for url in _URL.findall(text):
        bare = re.sub(r"^https?://(www\.)?", "", url.casefold()).rstrip("/.,;")
        if bare:
            found.add(bare)
    return found


def host_of(url: str) -> str:
    return url.split("/", 1)[0]


@functools.lru_cache(maxsize=1 << 16)
def _numbered(word: str) -> bool:
    """Whether the word holds a digit (remembered: the same words come again and again)."""
    return any(c.isdigit() for c in word)


def _part(a: str, b: str) -> float:
    if len(a) == 1 or len(b) == 1:  # an initial stands for any name starting with it
        return 90.0 if a[0] == b[0] else 0.0
    if a != b and (_numbered(a) or _numbered(b)):
        return 0.0  # L01 and L02 are labels, not spellings of one name
    return float(fuzz.ratio(a, b))


def _lowest(pairs: Iterable[tuple[str, str]]) -> float:
    """The lowest :func:`_part` of the pairs (as ``min``), stopping at 0: none is lower."""
    low = 100.0
    for a, b in pairs:
        part = _part(a, b)
        if part < low:
            low = part
            if low <= 0.0:
                break
    return low


def name_similarity(a: str, b: str) -> float:
    """How alike two normalised names are, 0-100, every word counted.

    The same words in any order score 100. Names of as many words score the lowest of
    their words' rapidfuzz ratios (in order, or reversed for names written family name
    first), so one different word keeps two people apart; an initial matches the names
    it begins at 90, and words with digits (``l01``) must be equal. Names of different
    lengths score on their first and last words, less 5 for each word more: a middle
    name makes a near match at best.

    >>> name_similarity("maria lopez", "lopez maria"), name_similarity("emil richardson",
    ...                                                                "femi richardson")
    (100.0, 75.0)
    >>> name_similarity("m lopez", "maria lopez"), round(name_similarity("jon smith", "john smith"))
    (90.0, 86)
    >>> name_similarity("lawyer l01 partner", "lawyer l71 associate")
    0.0
    """
    if a == b:
        return 100.0
    x, y = a.split(), b.split()
    if sorted(x) == sorted(y):
        return 100.0
    if len(x) < 2 or len(y) < 2:
        return float(fuzz.ratio(a, b))
    if len(x) == len(y):
        straight = _lowest(zip(x, y, strict=True))
        crossed = _lowest(zip(x, reversed(y), strict=True))
        return max(straight, crossed)
    straight = min(_part(x[0], y[0]), _part(x[-1], y[-1]))
    crossed = min(_part(x[0], y[-1]), _part(x[-1], y[0]))
    return max(0.0, max(straight, crossed) - 5.0 * abs(len(x) - len(y)))
