"""What I could offer someone: my offers that meet what they care about.

Give as much as you take: before asking someone for a decision or a resource, find what
would help them. The match is plain and shown as it is: one of my offers (the *offers*
field of my record, split at commas, semicolons, new lines and " and ") that shares a
word with what they care about (their interests, agenda, values and what they are after
in a trade). What they are after is read from their *trades* ("Would trade X for Y"): the
text left once their own offers and "would trade" are taken out, after its "for" (of
several, the one that splits the text most evenly). When
nothing matches, the suggestion falls back to their agenda, then their values, then to
asking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from allies.domain import Person

__all__ = ["Offer", "wants_of", "what_to_offer"]

_SPLIT = re.compile(r"[,;\n]|\band\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Words too common to count as a shared concern.
# fmt: off
_STOP = frozenset(
    (
        "about", "after", "again", "also", "before", "being", "could", "every", "from", "have",
        "into", "more", "most", "other", "over", "some", "such", "than", "that", "their", "them",
        "then", "there", "these", "they", "this", "those", "through", "under", "very", "what",
        "when", "where", "which", "while", "with", "would", "your", "yours", "outside", "work",
        "personally", "trade", "year", "years", "make", "help", "time", "team", "teams",
    )
)
# fmt: on


@dataclass(frozen=True)
class Offer:
    """What I could bring to someone, and what it rests on.

    Attributes
    ----------
    matches : list of str
        My offers that meet one of their concerns, each with the shared words.
    agenda, values, trades : str
        What they are trying to achieve, what they value and what they might trade.
    wants : str
        What they are after in a trade, when their trades say so.
    suggestion : str
        One sentence: what to offer, or how to find out.
    """

    matches: list[str]
    agenda: str
    values: str
    trades: str
    wants: str
    suggestion: str


def _stem(word: str) -> str:
    word = word.casefold()
    for suffix in ("ing", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if len(w) >= 4 and w.casefold() not in _STOP}


def _phrases(text: str) -> list[str]:
    return [p.strip(" .") for p in _SPLIT.split(text) if p and p.strip(" .")]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def wants_of(them: Person) -> str:
    """What someone is after in a trade: "Would trade X for Y" gives Y.

    Examples
    --------
    >>> wants_of(Person("Bo", offers="site visits", trades="Would trade site visits for a sponsor"))
    'a sponsor'
    """
    text = them.trades
    for phrase in _phrases(them.offers):
        text = re.sub(re.escape(phrase), "", text, flags=re.IGNORECASE)
    text = re.sub(r"^\s*would\s+trade\s*", "", text, flags=re.IGNORECASE).strip()
    if text.casefold().startswith("for "):
        return text[4:].strip(" .")
    cuts = [m.start() for m in re.finditer(" for ", text)]
    if not cuts:
        return ""
    # "cover for a pilot for a sponsor for a case": cut where the two sides balance best.
    cut = min(cuts, key=lambda k: abs(k - (len(text) - k - 5)))
    return text[cut + 5 :].strip(" .")


def what_to_offer(me: Person, them: Person) -> Offer:
    """What I could offer ``them``, from my offers and what they care about.

    Examples
    --------
    >>> me = Person("Me", offers="site visits for your team, a pilot budget")
    >>> them = Person("Bo", agenda="Win the budget round", values="candour")
    >>> what_to_offer(me, them).suggestion
    'Offer a pilot budget: it meets their concern with budget.'
    """
    wants = wants_of(them)
    concerns = " ".join((them.interests, them.agenda, them.values, wants))
    theirs = _words(concerns)
    matches: list[str] = []
    shared_words: list[str] = []
    for phrase in _phrases(me.offers):
        shared = sorted(_words(phrase) & theirs)
        if shared:
            matches.append(f"{phrase} (shares: {', '.join(shared)})")
            shared_words.append(", ".join(shared))
    if matches:
        first = matches[0].split(" (shares:")[0]
        suggestion = f"Offer {_lower_first(first)}: it meets their concern with {shared_words[0]}."
    elif them.agenda:
        suggestion = f"Ask how you can help them {_lower_first(them.agenda.split(';')[0])}"
        suggestion += f"; they are after {wants}." if wants else "."
    elif wants:
        suggestion = f"They are after {wants}: find out who could help with it."
    elif them.values:
        suggestion = f"Show them what they value: {_lower_first(them.values)}."
    else:
        suggestion = "Ask what would help them; nothing is recorded about what they care about."
    return Offer(
        matches=matches,
        agenda=them.agenda,
        values=them.values,
        trades=them.trades,
        wants=wants,
        suggestion=suggestion,
    )
