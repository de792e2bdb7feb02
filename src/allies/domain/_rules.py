"""Small checks shared by the domain's invariants."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from enum import StrEnum
from typing import TypeVar

from allies.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

#: The most characters a name, title, label, tag, e-mail address or phone number may hold.
NAME_MAX = 300
#: The most characters a free text (notes, descriptions, summaries ...) may hold.
TEXT_MAX = 20_000

#: The text fields bounded by :data:`NAME_MAX`; every other text field is free text, bounded by
#: :data:`TEXT_MAX`. A list of texts (tags, e-mail addresses) is bounded item by item.
SHORT_FIELDS = frozenset(
    {
        "name",
        "title",
        "kind",
        "role",
        "label",
        "low_label",
        "high_label",
        "tag",
        "tags",
        "emails",
        "phones",
        "instrument",
        "line_key",
        "common_goals",
    }
)


def in_range(value: float, low: float, high: float, field: str) -> float:
    """Return ``value`` as a float if ``low <= value <= high``; otherwise raise InvalidInput."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{field} must be a number, not {value!r}.", field=field) from None
    if number != number or not low <= number <= high:  # NaN fails the first test
        raise InvalidInput(
            f"{field} must be between {low:g} and {high:g}; got {value!r}.", field=field
        )
    return number


def optional_in_range(value: float | None, low: float, high: float, field: str) -> float | None:
    """Like :func:`in_range` but lets ``None`` through."""
    return None if value is None else in_range(value, low, high, field)


def text(value: str, field: str, limit: int = TEXT_MAX) -> str:
    """Return ``value`` if it holds no NUL character and at most ``limit`` characters.

    Every store keeps the same texts this way: PostgreSQL refuses a NUL character that SQLite
    would keep, so a workspace holding one could not move to a team server.

    Raises
    ------
    allies.errors.InvalidInput
        Naming the field and what is wrong with its value.
    """
    if "\x00" in value:
        raise InvalidInput(f"{field} must not contain a NUL character (\\x00).", field=field)
    if len(value) > limit:
        raise InvalidInput(
            f"{field} must be at most {limit:,} characters long; got {len(value):,}.",
            field=field,
        )
    return value


def check_texts(record: object) -> None:
    """Apply :func:`text` to every text field of the dataclass ``record`` (and to each text of
    a list field), bounding the fields of :data:`SHORT_FIELDS` by :data:`NAME_MAX` and the
    others by :data:`TEXT_MAX`.

    Raises
    ------
    allies.errors.InvalidInput
        For the first text field that breaks the rule.
    """
    for spec in fields(record):  # type: ignore[arg-type]
        value = getattr(record, spec.name)
        limit = NAME_MAX if spec.name in SHORT_FIELDS else TEXT_MAX
        if isinstance(value, str):
            text(value, spec.name, limit)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    text(item, spec.name, limit)


def non_empty(value: str, field: str) -> str:
    """Return ``value`` stripped, or raise InvalidInput when it is blank."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{field} must not be empty.", field=field)
    return value.strip()


def as_enum(enum: type[E], value: str | E, field: str) -> E:
    """Coerce ``value`` into ``enum``; the error lists the allowed values."""
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        found = enum._value2member_map_.get(value)  # the stored spelling: one look-up
        if found is not None:
            return found  # type: ignore[return-value]
    normalised = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return enum(normalised)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidInput(
            f"{field} must be one of {allowed}; got {value!r}.", field=field
        ) from None


def ordered(start: date | None, end: date | None, field: str) -> None:
    """Raise InvalidInput when both dates are set and ``end`` comes before ``start``."""
    if start is not None and end is not None and end < start:
        raise InvalidInput(
            f"{field}: the end ({end.isoformat()}) comes before the start ({start.isoformat()}).",
            field=field,
        )


def distinct_ids(a: int | None, b: int | None, field: str, what: str) -> None:
    """Raise InvalidInput when two person ids are the same (a link to oneself)."""
    if a is not None and a == b:
        raise InvalidInput(f"{what} cannot link a person to themselves.", field=field)


def unchecked(cls: type[T], **fields: object) -> T:
    """An instance of the dataclass ``cls`` holding ``fields`` as given, its checks skipped:
    for values read back from storage, which were checked when they were written."""
    instance = cls.__new__(cls)
    instance.__dict__.update(fields)
    return instance
