"""Small checks shared by the domain's invariants."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from allies.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


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
