"""One rule for every text the domain keeps: no NUL character, names at most ``NAME_MAX``
characters and free text at most ``TEXT_MAX``, so every store keeps the same texts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from allies.domain import (
    Alliance,
    Campaign,
    Favour,
    Goal,
    Interaction,
    Organisation,
    Person,
    Promise,
    Tie,
    Unit,
)
from allies.domain._rules import NAME_MAX, TEXT_MAX, check_texts, text
from allies.domain.alliances import Agreement
from allies.domain.records import Note
from allies.errors import InvalidInput

DAY = date(2026, 5, 4)

MAKERS: dict[str, Callable[[str], object]] = {
    "person name": lambda value: Person(name=value),
    "person notes": lambda value: Person(name="Ann", notes=value),
    "person tags": lambda value: Person(name="Ann", tags=[value]),
    "organisation": lambda value: Organisation(name=value),
    "unit": lambda value: Unit(name=value),
    "alliance": lambda value: Alliance(name=value),
    "agreement": lambda value: Agreement(agreed=value),
    "campaign": lambda value: Campaign(name=value),
    "goal": lambda value: Goal(title=value),
    "tie note": lambda value: Tie(source_id=1, target_id=2, kind="listens_to", note=value),
    "interaction": lambda value: Interaction(occurred_on=DAY, participant_ids=[2], summary=value),
    "favour": lambda value: Favour(
        person_id=1, direction="gave", description=value, occurred_on=DAY
    ),
    "promise": lambda value: Promise(promiser_id=1, promisee_id=2, description=value, made_on=DAY),
    "note": lambda value: Note(person_id=1, body=value),
}


@pytest.mark.parametrize("make", list(MAKERS.values()), ids=list(MAKERS))
def test_a_nul_character_is_refused_everywhere(make: Callable[[str], object]) -> None:
    with pytest.raises(InvalidInput, match="NUL"):
        make("Ann\x00Lee")


@pytest.mark.parametrize("make", list(MAKERS.values()), ids=list(MAKERS))
def test_a_megabyte_is_refused_everywhere(make: Callable[[str], object]) -> None:
    with pytest.raises(InvalidInput, match="at most"):
        make("x" * 1_000_000)


def test_names_and_free_text_have_their_own_bounds() -> None:
    assert Person(name="x" * NAME_MAX, notes="y" * TEXT_MAX).notes == "y" * TEXT_MAX
    with pytest.raises(InvalidInput) as refused:
        Person(name="x" * (NAME_MAX + 1))
    assert refused.value.field == "name"
    with pytest.raises(InvalidInput) as refused:
        Person(name="Ann", title="x" * (NAME_MAX + 1))
    assert refused.value.field == "title"
    with pytest.raises(InvalidInput) as refused:
        Person(name="Ann", interests="x" * (TEXT_MAX + 1))
    assert refused.value.field == "interests"


def test_text_names_the_field_and_passes_good_text() -> None:
    assert text("fine", "summary") == "fine"
    with pytest.raises(InvalidInput) as refused:
        text("a\x00b", "summary")
    assert refused.value.field == "summary"
    check_texts(Agreement(agreed="ok"))
