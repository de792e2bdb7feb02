"""Dates as people say them: ``end of January``, ``in two weeks``, ``15 March``, ``mid June``.

:func:`allies.services.dates.parse_date` asks :func:`calendar_phrase` about any phrase it
does not read itself. A month named without a year means the one nearest to today, so
"end of January" typed in December is the coming January, and typed in March the one
just gone.

>>> from datetime import date
>>> calendar_phrase("end of january", date(2026, 12, 6))
datetime.date(2027, 1, 31)
>>> calendar_phrase("in two weeks", date(2026, 12, 6))
datetime.date(2026, 12, 20)
>>> calendar_phrase("15th of march 2027", date(2026, 12, 6))
datetime.date(2027, 3, 15)
>>> calendar_phrase("end of next week", date(2026, 12, 6))
datetime.date(2026, 12, 18)
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

__all__ = ["NUMBER_WORDS", "calendar_phrase", "number_words"]

#: Numbers written as words, as far as people write them in dates.
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "a couple of": 2,
    "couple of": 2,
    "three": 3,
    "a few": 3,
    "few": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fortnight": 2,
}

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_PART_OF_MONTH = re.compile(
    rf"^(?:the\s+)?(end|beginning|start|middle|mid|early|late)(?:\s+of)?[\s-]+{_MONTH}{_YEAR}$"
)
_DAY_MONTH = re.compile(rf"^(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}{_YEAR}$")
_MONTH_DAY = re.compile(rf"^{_MONTH}\s+(?:the\s+)?{_DAY}{_YEAR}$")
_END_OF = re.compile(r"^(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(next\s+)?(week|month|year)$")
_SPAN = re.compile(r"^(in\s+)?(.+?)\s+(day|week|month|year)s?(\s+ago|\s+from now)?$")


def number_words(text: str) -> int | None:
    """The whole number ``text`` says (``12``, ``two``, ``a couple of``), or ``None``."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _nearest(month: int, day_of: int | None, year: str | None, today: date) -> date:
    """The day in ``month`` (its last day when ``day_of`` is None) of ``year``, or of the
    year that puts it nearest to ``today``."""

    def build(y: int) -> date:
        last = calendar.monthrange(y, month)[1]
        return date(y, month, last if day_of is None else min(day_of, last))

    if year:
        return build(int(year))
    return min(
        (build(y) for y in (today.year - 1, today.year, today.year + 1)),
        key=lambda d: abs((d - today).days),
    )


def _part_of_month(part: str, month: int, year: str | None, today: date) -> date:
    day_of = {"beginning": 1, "start": 1, "early": 5, "middle": 15, "mid": 15, "late": 25}
    return _nearest(month, day_of.get(part), year, today)


def calendar_phrase(phrase: str, today: date) -> date | None:
    """The day ``phrase`` names, or ``None`` when it is not one of these phrases.

    ``end|beginning|mid|early|late [of] MONTH [YEAR]``, ``15 March``, ``March 15th``,
    ``the 15th of March 2027``, ``end of the week|month|year``, ``end of next week``,
    number words in spans (``in two weeks``, ``three days ago``, ``a fortnight ago``),
    and a weekday alone or after ``on`` (the next one, today included).
    """
    phrase = " ".join(phrase.strip().lower().split())
    if match := _PART_OF_MONTH.match(phrase):
        return _part_of_month(match[1], _MONTHS[match[2]], match[3], today)
    if match := _DAY_MONTH.match(phrase):
        return _nearest(_MONTHS[match[2]], int(match[1]), match[3], today)
    if match := _MONTH_DAY.match(phrase):
        return _nearest(_MONTHS[match[1]], int(match[2]), match[3], today)
    if match := _END_OF.match(phrase):
        return _end_of(match[2], bool(match[1]), today)
    if phrase in ("a fortnight ago", "fortnight ago"):
        return today - timedelta(weeks=2)
    if phrase in ("in a fortnight", "a fortnight from now"):
        return today + timedelta(weeks=2)
    if match := _SPAN.match(phrase):
        count = number_words(match[2])
        if count is None or (bool(match[1]) and match[4] and "ago" in match[4]):
            return None
        span = {
            "day": relativedelta(days=count),
            "week": relativedelta(weeks=count),
            "month": relativedelta(months=count),
            "year": relativedelta(years=count),
        }[match[3]]
        if match[4] and "ago" in match[4]:
            return today - span
        if match[1] or match[4]:
            return today + span
        return None
    weekday = phrase.removeprefix("on ")
    if weekday in _WEEKDAYS:
        return today + timedelta(days=(_WEEKDAYS.index(weekday) - today.weekday()) % 7)
    return None


def _end_of(unit: str, next_one: bool, today: date) -> date:
    if unit == "week":  # the week ends on Friday, the working week
        friday = today + timedelta(days=(4 - today.weekday()) % 7)
        return friday + timedelta(weeks=1) if next_one else friday
    if unit == "month":
        first = date(today.year, today.month, 1) + relativedelta(months=1 if next_one else 0)
        return first + relativedelta(months=1) - timedelta(days=1)
    return date(today.year + (1 if next_one else 0), 12, 31)
