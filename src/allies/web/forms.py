"""Reading HTML forms: typed values from strings, and the state a form is re-shown with.

A form that fails is shown again with what was typed, a message in plain English and the
offending fields highlighted, each with its own message beside it; :class:`FormState`
carries them. :class:`Reader` reads a whole form and collects every problem at once
(:class:`FormProblems`), so one submit shows everything there is to fix.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from allies.errors import AlliesError, AmbiguousName, InvalidInput, NotFound
from allies.services.dates import parse_date, parse_optional_date
from allies.web.problems import FormProblems, plain_words

_LABELLED_ID = re.compile(r"\(#(\d+)\)\s*$")

#: Fields the services name that a form calls differently.
FIELD_ALIASES = {
    "participants": "people",
    "initiator": "initiated_by",
    "promisee": "to",
    "promiser": "by",
    "scope": "person",
    "occurred_on": "on",  # the day of a favour or an interaction: the form's "When"
    "observed_on": "on",  # the day of an observation
}


@dataclass
class FormState:
    """A form's values, and the error it failed with (if any).

    ``name`` tells apart several forms on one page (``meeting``, ``observation``, ...).
    """

    name: str = ""
    values: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    field: str | None = None
    #: One message per field that has a problem, shown beside the field.
    errors: dict[str, str] = dataclasses.field(default_factory=dict)

    def value(self, key: str, default: str = "") -> str:
        """The value typed into ``key`` (or ``default``)."""
        return self.values.get(key, default)

    def has_error(self, key: str) -> bool:
        """Whether ``key`` is a field an error is about."""
        return key in self.errors or (self.error is not None and self.field == key)

    def field_error(self, key: str) -> str | None:
        """The message shown beside ``key``, if it has a problem."""
        return self.errors.get(key)


def failed(
    name: str,
    values: Mapping[str, str],
    error: AlliesError,
    labels: Mapping[str, str] | None = None,
) -> FormState:
    """The state of form ``name`` after ``error``, each message beside its field.

    ``labels`` maps field names to what the form calls them, so a message never shows
    an internal name (``decision_on``) to the person filling the form in.
    """
    if isinstance(error, FormProblems):
        problems = {
            FIELD_ALIASES.get(key, key): plain_words(text, labels)
            for key, text in error.problems.items()
        }
        first = next(iter(problems), None)
        return FormState(name, dict(values), error.summary(), first, problems)
    message = plain_words(str(error), labels)
    key = guess_field(error, values)
    return FormState(name, dict(values), message, key, {key: message} if key else {})


def guess_field(error: AlliesError, values: Mapping[str, str]) -> str | None:
    """The form field an error is about.

    Invalid input names its field. A person that cannot be found or is ambiguous does
    not, so the field is the one whose value the message quotes.
    """
    if isinstance(error, InvalidInput) and error.field:
        return FIELD_ALIASES.get(error.field, error.field)
    needles: list[str] = []
    if isinstance(error, AmbiguousName):
        needles.append(error.name.casefold())
    if isinstance(error, NotFound):
        needles.append(error.message.casefold())
    for key, value in values.items():
        for part in (p.strip().casefold() for p in value.split(",")):
            if not part:
                continue
            for needle in needles:
                if part == needle or repr(part) in needle or f"#{part.lstrip('#')}" in needle:
                    return key
    return None


def person_ref(text: str) -> str:
    """A person reference from a form: ``"Ann Lee (#3)"`` (a suggestion picked) → ``"#3"``."""
    match = _LABELLED_ID.search(text)
    return f"#{match[1]}" if match else text.strip()


def person_refs(text: str) -> list[str]:
    """Several people typed into one field, separated by commas or semicolons."""
    return [person_ref(part) for part in re.split(r"[,;]", text) if part.strip()]


def number(values: Mapping[str, str], key: str, default: float) -> float:
    """The number typed into ``key`` (``default`` when empty); InvalidInput names the field."""
    text = values.get(key, "").strip().replace(",", ".")
    if not text:
        return default
    try:
        return float(text)
    except ValueError:
        raise InvalidInput(f"{key} must be a number, not {text!r}.", field=key) from None


def whole(values: Mapping[str, str], key: str, default: int) -> int:
    """The whole number typed into ``key``; InvalidInput names the field otherwise."""
    text = values.get(key, "").strip()
    if not text:
        return default
    try:
        return int(text.lstrip("+"))
    except ValueError:
        raise InvalidInput(f"{key} must be a whole number, not {text!r}.", field=key) from None


def optional_whole(values: Mapping[str, str], key: str) -> int | None:
    """Like :func:`whole`, but an empty field gives ``None``."""
    return whole(values, key, 0) if values.get(key, "").strip() else None


def checked(values: Mapping[str, str], key: str) -> bool:
    """Whether a checkbox was ticked."""
    return values.get(key, "").strip().lower() in ("on", "true", "1", "yes")


def text(values: Mapping[str, str], key: str) -> str:
    """The text typed into ``key``, stripped."""
    return values.get(key, "").strip()


def optional_text(values: Mapping[str, str], key: str) -> str | None:
    """The text typed into ``key``, or ``None`` when blank."""
    return text(values, key) or None


def day(values: Mapping[str, str], key: str, *, today: date | None = None) -> date:
    """The day typed into ``key`` (an ISO date or words such as ``3 days ago``); today
    when blank. InvalidInput names the field otherwise."""
    typed = text(values, key)
    return parse_date(typed, today=today, field=key) if typed else today or date.today()


def optional_day(values: Mapping[str, str], key: str, *, today: date | None = None) -> date | None:
    """Like :func:`day`, but a blank field gives ``None``."""
    return parse_optional_date(text(values, key), today=today, field=key)
