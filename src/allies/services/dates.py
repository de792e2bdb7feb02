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
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from allies.errors import InvalidInput

_AGO = re.compile(r"^(\d+|an?|one)\s+(day|week|month|year)s?\s+ago$")
_AHEAD = re.compile(r"^(?:in\s+)?(\d+|an?|one)\s+(day|week|month|year)s?(?:\s+from now)?$")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

DATE_HELP = (
    "Use an ISO date (2026-03-31) or words: today, yesterday, tomorrow, '3 days ago', "
    "'2 weeks ago', 'in 10 days', 'next week', 'next monday', 'last friday'."
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
    try:
        return datetime.fromisoformat(phrase).date()
    except ValueError:
        raise InvalidInput(
            f"{field}: cannot read {text!r} as a date.", field=field, hint=DATE_HELP
        ) from None


def parse_optional_date(
    text: str | date | None, *, today: date | None = None, field: str = "date"
) -> date | None:
    """Like :func:`parse_date`, but ``None`` or an empty string give ``None``."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    return parse_date(text, today=today, field=field)
