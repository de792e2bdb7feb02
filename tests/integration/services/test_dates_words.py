"""Dates as people say them, counted from a fixed day."""

from __future__ import annotations

from datetime import date

import pytest

from allies.errors import InvalidInput
from allies.services.dates import parse_date

TODAY = date(2026, 12, 6)  # a Sunday


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("end of January", date(2027, 1, 31)),
        ("the end of jan", date(2027, 1, 31)),
        ("end of November", date(2026, 11, 30)),
        ("beginning of March", date(2027, 3, 1)),
        ("mid-February", date(2027, 2, 15)),
        ("15 March", date(2027, 3, 15)),
        ("March 3rd", date(2027, 3, 3)),
        ("the 1st of December 2026", date(2026, 12, 1)),
        ("in two weeks", date(2026, 12, 20)),
        ("three days ago", date(2026, 12, 3)),
        ("a couple of days ago", date(2026, 12, 4)),
        ("a fortnight ago", date(2026, 11, 22)),
        ("next friday", date(2026, 12, 11)),
        ("friday", date(2026, 12, 11)),
        ("end of the month", date(2026, 12, 31)),
        ("end of next week", date(2026, 12, 18)),
        ("end of the year", date(2026, 12, 31)),
        ("in 3 weeks", date(2026, 12, 27)),
        ("2026-01-05", date(2026, 1, 5)),
    ],
)
def test_phrases(typed: str, meant: date) -> None:
    assert parse_date(typed, today=TODAY) == meant


@pytest.mark.parametrize("typed", ["end of Janury", "in two weekz", "31 February nonsense", "soon"])
def test_what_is_no_date_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_date(typed, today=TODAY)


def test_the_last_day_of_a_short_month() -> None:
    assert parse_date("31 February", today=TODAY) == date(2027, 2, 28)
