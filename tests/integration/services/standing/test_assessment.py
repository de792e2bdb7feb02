"""The political-skill self-assessment: items, scores, meanings, storage and progress."""

from __future__ import annotations

import doctest
from collections import Counter
from datetime import date

import pytest

from allies.domain import Assessment
from allies.errors import InvalidInput, NextStep, NotFound
from allies.services.demo.network import build_demo
from allies.services.ports import UnitOfWorkFactory
from allies.services.standing import assessment as assessment_module
from allies.services.standing.assessment import (
    DIMENSIONS,
    ITEMS,
    assessment_history,
    latest_assessment,
    parse_answers,
    questions,
    score,
    take_assessment,
)


def test_four_dimensions_and_items_written_for_allies() -> None:
    assert [d.key for d in DIMENSIONS] == ["networking", "influence", "astuteness", "sincerity"]
    counts = Counter(item.dimension for item in ITEMS)
    assert counts == {"networking": 6, "influence": 4, "astuteness": 5, "sincerity": 3}
    assert len({item.key for item in ITEMS}) == len(ITEMS)
    assert [q.number for q in questions()] == list(range(1, 19))
    # the dimensions take turns, so no two neighbours belong to the same one at the start
    assert len({q.dimension for q in questions()[:4]}) == 4
    for dimension in DIMENSIONS:
        assert dimension.practice and dimension.use and dimension.about


def test_the_demo_assessment_uses_the_same_items() -> None:
    demo = build_demo(seed=7, today=date(2026, 11, 21))
    answers = demo.assessments[0].answers
    assert set(answers) == {item.key for item in ITEMS}


def test_scores_bands_meaning_and_practice() -> None:
    answers = {item.key: 2 for item in ITEMS if item.dimension == "networking"}
    answers |= {item.key: 4 for item in ITEMS if item.dimension == "influence"}
    answers |= {item.key: 5 for item in ITEMS if item.dimension == "astuteness"}
    answers |= {item.key: 7 for item in ITEMS if item.dimension == "sincerity"}
    result = score(Assessment(date(2026, 3, 1), answers))
    by_key = {d.key: d for d in result.dimensions}
    assert [(k, d.score, d.band) for k, d in by_key.items()] == [
        ("networking", 2.0, "blind spot"),
        ("influence", 4.0, "in development"),
        ("astuteness", 5.0, "strength"),
        ("sincerity", 7.0, "signature strength"),
    ]
    assert by_key["networking"].percent == 17 and by_key["sincerity"].percent == 100
    assert len(by_key["networking"].practice) == 3  # what to practise
    assert by_key["sincerity"].practice == [DIMENSIONS[3].use]  # how to use a strength
    assert result.weakest == "Networking ability" and result.strongest == "Apparent sincerity"
    assert result.overall == 4.5


def test_answers_typed_in_one_go() -> None:
    assert list(parse_answers("1,2,3,4,5,6,7,1,2,3,4,5,6,7,1,2,3,4").values())[:3] == [1, 2, 3]
    assert parse_answers("7" * 18)[ITEMS[0].key] == 7
    assert parse_answers(f"{ITEMS[1].key}=6") == {ITEMS[1].key: 6}
    with pytest.raises(InvalidInput, match="Give 18 answers"):
        parse_answers("1,2,3")
    with pytest.raises(InvalidInput, match="1 to 7"):
        parse_answers("8" * 18)
    with pytest.raises(InvalidInput, match="no item"):
        parse_answers("networking.unknown=3")


def test_assessments_are_kept_with_their_date_so_progress_shows(
    store: UnitOfWorkFactory,
) -> None:
    with pytest.raises(NotFound, match="Take the questionnaire") as caught:
        latest_assessment(store())
    assert caught.value.next_step == NextStep("take", "assessment")
    first = take_assessment(store(), parse_answers("3" * 18), on=date(2026, 1, 10))
    assert first.previous_on is None and all(d.change is None for d in first.dimensions)
    second = take_assessment(store(), parse_answers("5" * 18), on=date(2026, 4, 10))
    assert second.previous_on == date(2026, 1, 10)
    assert {d.change for d in second.dimensions} == {2.0}
    history = assessment_history(store())
    assert [h.taken_on for h in history] == [date(2026, 1, 10), date(2026, 4, 10)]
    assert latest_assessment(store()).overall == 5.0
    with pytest.raises(InvalidInput, match="unanswered"):
        take_assessment(store(), {ITEMS[0].key: 4})
    with store() as uow:
        assert uow.assessments.count() == 2


def test_docstring_examples_run() -> None:
    failures, tried = doctest.testmod(assessment_module)
    assert tried and not failures
