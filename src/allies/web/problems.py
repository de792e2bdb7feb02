"""Every problem of a form at once, in the words the form uses.

A form read by :class:`allies.web.form_reader.Reader` does not stop at the first thing
wrong: it collects one message per field and raises :class:`FormProblems` holding them
all, so the form comes back with each message beside its field and one submit is enough
to see everything there is to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from allies.errors import InvalidInput

#: Internal names a service may put in a message, and what a person filling a form in
#: calls them (when the form gives no label of its own).
WORDS = {
    "decision_on": "the decision date",
    "decide_on": "the decision date",
    "made_on": "the day it was promised",
    "occurred_on": "the day it happened",
    "valid_from": "the day it holds from",
    "valid_to": "the day it holds until",
    "ideal_days": "the ideal number of days",
    "max_days": "the most days",
    "desired_position": "where you want it",
    "low_label": "the low end",
    "high_label": "the high end",
    "snoozed_until": "the snooze date",
    "as_of": "the day",
}

_IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


class FormProblems(InvalidInput):
    """Several fields of one form are wrong; ``problems`` maps each field to its message."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        first = next(iter(self.problems), None)
        super().__init__(self.summary(), field=first)

    def summary(self) -> str:
        """One line over the form: how many fields to fix."""
        count = len(self.problems)
        if count == 1:
            return next(iter(self.problems.values()))
        return f"{count} fields need a look; each says what is wrong beside it."


def plain_words(message: str, labels: Mapping[str, str] | None = None) -> str:
    """``message`` with internal field names replaced by what the form calls them.

    >>> plain_words("decision_on: cannot read 'soon' as a date.")
    "The decision date: cannot read 'soon' as a date."
    >>> plain_words("due must be a date", {"due": "By when"})
    '“By when” must be a date'
    """
    labels = labels or {}
    text = message
    for key, label in labels.items():
        text = re.sub(rf"^{re.escape(key)}\b(?=[: ])", f"“{label}”", text)

    def word(match: re.Match[str]) -> str:
        name = match[0]
        if name in labels:
            return f"“{labels[name]}”"
        return WORDS.get(name, name.replace("_", " "))

    text = _IDENTIFIER.sub(word, text)
    if text[:1] != message[:1]:  # a name replaced at the start begins the sentence
        text = text[:1].upper() + text[1:]
    return text
