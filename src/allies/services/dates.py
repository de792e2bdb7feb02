"""Reading dates the way people type them: ISO dates and relative words.

>>> from datetime import date
>>> parse_date("3 days ago", today=date(2026, 5, 10))
datetime.date(2026, 5, 7)
>>> parse_date("in 2 weeks", today=date(2026, 5, 10))
datetime.date(2026, 5, 24)
>>> parse_date("2026-01-31")
datetime.date(2026, 1, 31)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from allies.errors import InvalidInput
from allies.services.dates_words import calendar_phrase

_AGO = re.compile(r"^(\d+|an?|one)\s+(day|week|month|year)s?\s+ago$")
_AHEAD = re.compile(r"^(?:in\s+)?(\d+|an?|one)\s+(day|week|month|year)s?(?:\s+from now)?$")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

DATE_HELP = (
    "Use an ISO date (2026-03-31) or words: today, yesterday, tomorrow, '3 days ago', "
    "'2 weeks ago', 'in 10 days', 'in two weeks', 'next week', 'next monday', "
    "'last friday', 'end of January', '15 March', 'end of next week'."
)


def _amount(text: str) -> int:
    return 1 if text in ("a", "an", "one") else int(text)


def _span(amount: str, unit: str) -> relativedelta:
    count = _amount(amount)
    if unit == "day":
        return relativedelta(days=count)
    if unit == "week":
        return relativedelta(weeks=count)
    if unit == "month":
        return relativedelta(months=count)
    return relativedelta(years=count)


#: The earliest day any face accepts: the analyses look back (and ahead) from a day, and the
#: calendar must hold the days they count to.
FIRST_DAY = date(1900, 1, 1)
#: The latest day any face accepts.
LAST_DAY = date(2199, 12, 31)
#: The accepted range in words, for messages and the API's description of date parameters.
DAY_RANGE = f"between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}"


def check_day(day: date, field: str = "date") -> date:
    """Return ``day`` if it lies between :data:`FIRST_DAY` and :data:`LAST_DAY`.

    Raises
    ------
    allies.errors.InvalidInput
        Naming the field and the accepted range.
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput(f"{field} must be {DAY_RANGE}; got {day.isoformat()}.", field=field)
    return day


def parse_date(text: str | date, *, today: date | None = None, field: str = "date") -> date:
    """Read a date typed by a person, :data:`FIRST_DAY` to :data:`LAST_DAY`.

    Raises
    ------
    allies.errors.InvalidInput
        When the text is no date or the date lies outside the accepted range.
    """
    try:
        day = _read_date(text, today=today, field=field)
    except (OverflowError, ValueError):  # '9999 years ago' runs off the calendar
        raise InvalidInput(f"{field} must be {DAY_RANGE}; got {text!r}.", field=field) from None
    return check_day(day, field)


def _read_date(text: str | date, *, today: date | None = None, field: str = "date") -> date:
    """Read a date typed by a person.

    Parameters
    ----------
    text
        An ISO date (``2026-03-31``, a datetime is cut to its day) or a relative phrase:
        ``today``, ``yesterday``, ``tomorrow``, ``N days|weeks|months|years ago``,
        ``in N days|weeks|months``, ``next week``, ``next monday``, ``last friday``.
    today
        The day relative phrases count from (the current day by default).
    field
        The field named in the error message.

    Returns
    -------
    datetime.date
        The day meant.

    Raises
    ------
    allies.errors.InvalidInput
        When the text is not a date; the message lists what is accepted.
    """
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    today = today or date.today()
    phrase = " ".join(str(text).strip().lower().split())
    if not phrase:
        raise InvalidInput(f"{field} is empty.", field=field, hint=DATE_HELP)
    fixed = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
    if phrase in fixed:
        return today + timedelta(days=fixed[phrase])
    if match := _AGO.match(phrase):
        return today - _span(match[1], match[2])
    if match := _AHEAD.match(phrase):
        return today + _span(match[1], match[2])
    if phrase == "next week":
        return today + timedelta(weeks=1)
    if phrase == "last week":
        return today - timedelta(weeks=1)
    if phrase == "next month":
        return today + relativedelta(months=1)
    words = phrase.split()
    if len(words) == 2 and words[0] in ("next", "last", "this") and words[1] in _WEEKDAYS:
        target = _WEEKDAYS.index(words[1])
        if words[0] == "last":
            delta = (today.weekday() - target) % 7 or 7
            return today - timedelta(days=delta)
        delta = (target - today.weekday()) % 7
        if words[0] == "next":
            delta = delta or 7
        return today + timedelta(days=delta)
    try:
        return date.fromisoformat(phrase)
    except ValueError:
        pass
    if (said := calendar_phrase(phrase, today)) is not None:
        return said
    try:
        return datetime.fromisoformat(phrase).date()
    except ValueError:
        raise InvalidInput(
            f"{field}: cannot read {text!r} as a date.", field=field, hint=DATE_HELP
        ) from None


def future_message(typed: str, day: date, what: str = "something that happened") -> str:
    """The warning for a day after today given for something that already happened."""
    said = f"“{typed}” is " if typed and typed != day.isoformat() else ""
    plan = (
        "; a meeting still to come belongs in a promise or a check-in, not in the log"
        if "meeting" in what
        else ""
    )
    return (
        f"{said}{day:%A %d %B %Y}, after today: {what} needs a day on or before today. "
        f"Give the day it happened{plan}."
    )


def parse_past_date(
    text: str | date,
    *,
    today: date | None = None,
    field: str = "date",
    what: str = "something that happened",
) -> date:
    """Like :func:`parse_date`, for something that has happened: a day after today is
    refused (a meeting logged for next friday would count as a contact to come).

    Raises
    ------
    allies.errors.InvalidInput
        When the text is no date, or a day after today.
    """
    day = parse_date(text, today=today, field=field)
    if day > (today or date.today()):
        raise InvalidInput(future_message(str(text).strip(), day, what), field=field)
    return day


def parse_optional_date(
    text: str | date | None, *, today: date | None = None, field: str = "date"
) -> date | None:
    """Like :func:`parse_date`, but ``None`` or an empty string give ``None``."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    return parse_date(text, today=today, field=field)


def parse_window(text: str | None, today: date) -> tuple[date, date]:
    """``"START..END"`` as two dates; either side may be left out.

    >>> parse_window("2024-01-01..2024-06-30", date(2026, 1, 1))
    (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
    >>> parse_window(None, date(2026, 1, 1))
    (datetime.date(2025, 1, 1), datetime.date(2026, 1, 1))
    """
    if not text or not text.strip():
        return today - timedelta(days=365), today
    start, sep, end = text.partition("..")
    if not sep:
        raise InvalidInput(
            f"{text!r} is not a window.",
            field="window",
            hint="Write it as START..END, e.g. 2024-01-01..2024-12-31 or '6 months ago..today'.",
        )
    first = parse_date(start.strip(), today=today, field="window") if start.strip() else None
    last = parse_date(end.strip(), today=today, field="window") if end.strip() else today
    first = first or last - timedelta(days=365)
    if last < first:
        raise InvalidInput("The window ends before it starts.", field="window")
    return first, last


#: How a typed answer is read: a date, or a whole number of days (one or more).
AnswerKind = Literal["date", "days"]


def read_answers(
    answers: Mapping[str, str], kinds: Mapping[str, AnswerKind], *, today: date
) -> dict[str, str | date | int | None]:
    """Answers typed as text, with those of a known kind read as dates or day counts.

    An empty date answer is ``None``; an empty day count is left out (the default holds).

    >>> read_answers({"by": "in 2 days", "every": "14", "why": "x"},
    ...              {"by": "date", "every": "days"}, today=date(2026, 5, 10))
    {'by': datetime.date(2026, 5, 12), 'every': 14, 'why': 'x'}

    Raises
    ------
    allies.errors.InvalidInput
        Naming the answer that is not a date or not a whole number of days of at least 1.
    """
    read: dict[str, str | date | int | None] = {}
    for key, text in answers.items():
        kind = kinds.get(key)
        if kind == "date":
            read[key] = parse_optional_date(text, today=today, field=key)
        elif kind == "days":
            if not text.strip():
                continue
            if not text.strip().isdigit() or int(text) < 1:
                raise InvalidInput("Write a whole number of days, 1 or more.", field=key)
            read[key] = int(text)
        else:
            read[key] = text
    return read


def worked_out(at: datetime, now: datetime | None = None) -> str:
    """When something kept was worked out, in words: "at 18:02 today", "yesterday at
    18:02", "on Thu 03 Dec at 18:02" (local time)."""
    local = at.astimezone() if at.tzinfo else at
    today = (now or datetime.now(local.tzinfo)).date()
    days = (today - local.date()).days
    if days == 0:
        return f"at {local:%H:%M} today"
    if days == 1:
        return f"yesterday at {local:%H:%M}"
    return f"on {local:%a %d %b} at {local:%H:%M}"
