"""Dates typed by people: ISO and relative words."""

from __future__ import annotations

from datetime import date

import pytest

from allies.errors import InvalidInput
from allies.services.dates import parse_date, parse_optional_date

TODAY = date(2026, 5, 13)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("Yesterday", date(2026, 5, 12)),
        ("tomorrow", date(2026, 5, 14)),
        ("3 days ago", date(2026, 5, 10)),
        ("a week ago", date(2026, 5, 6)),
        ("2 months ago", date(2026, 3, 13)),
        ("in 10 days", date(2026, 5, 23)),
        ("2 weeks", date(2026, 5, 27)),
        ("next week", date(2026, 5, 20)),
        ("next friday", date(2026, 5, 15)),
        ("next wednesday", date(2026, 5, 20)),
        ("last monday", date(2026, 5, 11)),
        ("2026-01-31", date(2026, 1, 31)),
        ("2026-01-31T09:30", date(2026, 1, 31)),
    ],
)
def test_reads_iso_and_relative_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_unreadable_date_names_the_field_and_says_what_works() -> None:
    with pytest.raises(InvalidInput) as err:
        parse_date("the other day", field="--on")
    assert err.value.field == "--on"
    assert "3 days ago" in str(err.value)


def test_optional_dates() -> None:
    assert parse_optional_date("") is None
    assert parse_optional_date(None) is None
    assert parse_optional_date("yesterday", today=TODAY) == date(2026, 5, 12)
