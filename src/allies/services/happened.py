"""The rule for the day of something that happened: today or earlier.

A favour done or an observation made records something that happened; a day after today
would count it before it happens (a favour owed that was never done, evidence not yet
seen). Recording one already refuses such a day (:func:`allies.services.dates.
parse_past_date`); changing one's day refuses it the same way, with :func:`refuse_future`.

Examples
--------
>>> from datetime import date
>>> refuse_future(date(2026, 1, 5), field="occurred_on", today=date(2026, 1, 5)) is None
True
>>> refuse_future(date(2026, 1, 6), field="occurred_on", today=date(2026, 1, 5))
Traceback (most recent call last):
...
allies.errors.InvalidInput: The day can't be in the future — it records something that \
happened: Tuesday 06 January 2026 is after today. Give the day it happened, today or earlier.
"""

from __future__ import annotations

from datetime import date

from allies.errors import InvalidInput

__all__ = ["refuse_future"]


def refuse_future(day: date | None, *, field: str, today: date | None = None) -> None:
    """Refuse ``day`` (InvalidInput naming ``field``) when it is after today.

    ``field`` is the record's own name for its day (``occurred_on``, ``observed_on``), the
    name the API gives it; the web forms show the refusal beside their "When" field
    (:data:`allies.web.forms.FIELD_ALIASES`).

    Raises
    ------
    allies.errors.InvalidInput
        When ``day`` is after ``today`` (the current day by default).
    """
    if day is not None and day > (today or date.today()):
        raise InvalidInput(
            "The day can't be in the future — it records something that happened: "
            f"{day:%A %d %B %Y} is after today. Give the day it happened, today or earlier.",
            field=field,
        )
