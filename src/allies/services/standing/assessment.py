"""Self-assessment of political skill: the questionnaire, its scores, and progress.

Ask the eighteen items of :mod:`allies.services.standing.assessment_items` on a 7-point scale, score
each of the four dimensions of Ferris et al. (2005) as the mean of its items, say what the
score means and what to practise, and keep every assessment with its date so that the
next one shows the change.

Scores: a dimension's score is the mean of its answered items (1-7). Below 3.5 it is a
*blind spot*, from 3.5 a dimension *in development*, from 5 a *strength* and from 6 a
*signature strength*. Items stored under a dimension's prefix but no longer asked still
count, so old assessments stay comparable.

References
----------
.. [1] Ferris, G. R., Treadway, D. C., Kolodinsky, R. W., Hochwarter, W. A., Kacmar,
   C. J., Douglas, C. and Frink, D. D. (2005). "Development and validation of the
   political skill inventory". *Journal of Management* 31(1):126-152.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from allies.domain import Assessment
from allies.errors import InvalidInput, NextStep, NotFound
from allies.services.ports import UnitOfWork
from allies.services.standing.assessment_items import (
    DIMENSIONS,
    INSTRUMENT,
    ITEMS,
    SCALE,
    Dimension,
)

__all__ = [
    "BANDS",
    "DIMENSIONS",
    "ITEMS",
    "SCALE",
    "AssessmentResult",
    "DimensionScore",
    "Question",
    "assessment_history",
    "history_of",
    "latest_assessment",
    "latest_of",
    "parse_answers",
    "questions",
    "score",
    "take_assessment",
]

#: (lowest mean, band) from the top down.
BANDS: tuple[tuple[float, str], ...] = (
    (6.0, "signature strength"),
    (5.0, "strength"),
    (3.5, "in development"),
    (1.0, "blind spot"),
)


@dataclass(frozen=True)
class Question:
    """One item as it is asked: its number, key, dimension and statement."""

    number: int
    key: str
    dimension: str
    text: str


@dataclass(frozen=True)
class DimensionScore:
    """One dimension's score, what it means and what to practise.

    ``change`` is the difference from the previous assessment (None for the first).
    """

    key: str
    name: str
    score: float
    percent: int
    band: str
    answered: int
    items: int
    about: str
    meaning: str
    practice: list[str]
    change: float | None = None


@dataclass(frozen=True)
class AssessmentResult:
    """A scored assessment: when, the four dimensions, the mean, and the weakest."""

    id: int | None
    taken_on: date
    overall: float
    dimensions: list[DimensionScore]
    weakest: str
    strongest: str
    previous_on: date | None = None


def questions() -> list[Question]:
    """The items in the order they are asked."""
    return [
        Question(number, item.key, item.dimension, item.text)
        for number, item in enumerate(ITEMS, start=1)
    ]


def _band(mean: float) -> str:
    return next(name for low, name in BANDS if mean >= low)


def _meaning(dimension: Dimension, band: str) -> str:
    if band == "blind spot":
        return dimension.low
    if band == "in development":
        return dimension.middle
    return dimension.high


def _dimension_score(
    dimension: Dimension, answers: Mapping[str, int], previous: Mapping[str, float] | None
) -> DimensionScore | None:
    values = [v for k, v in answers.items() if k.split(".", 1)[0] == dimension.key]
    if not values:
        return None
    mean = round(sum(values) / len(values), 2)
    band = _band(mean)
    strong = band in ("strength", "signature strength")
    practice = [dimension.use] if strong else list(dimension.practice)
    before = None if previous is None else previous.get(dimension.key)
    return DimensionScore(
        key=dimension.key,
        name=dimension.name,
        score=mean,
        percent=round(100 * (mean - 1) / 6),
        band=band,
        answered=len(values),
        items=sum(1 for item in ITEMS if item.dimension == dimension.key),
        about=dimension.about,
        meaning=_meaning(dimension, band),
        practice=practice,
        change=None if before is None else round(mean - before, 2),
    )


def score(assessment: Assessment, previous: Assessment | None = None) -> AssessmentResult:
    """Score an assessment, with the change from ``previous`` when given.

    Examples
    --------
    >>> from datetime import date
    >>> from allies.domain import Assessment
    >>> result = score(Assessment(date(2026, 1, 5), {item.key: 5 for item in ITEMS}))
    >>> [(d.key, d.score, d.band) for d in result.dimensions][:2]
    [('networking', 5.0, 'strength'), ('influence', 5.0, 'strength')]
    """
    before = None
    if previous is not None:
        before = {d.key: d.score for d in score(previous).dimensions}
    found = [_dimension_score(d, assessment.answers, before) for d in DIMENSIONS]
    dims = [d for d in found if d is not None]
    if not dims:
        raise InvalidInput(
            "This assessment has no answers to the political-skill questionnaire.",
            field="answers",
        )
    overall = round(sum(d.score for d in dims) / len(dims), 2)
    ranked = sorted(dims, key=lambda d: (d.score, d.key))
    return AssessmentResult(
        id=assessment.id,
        taken_on=assessment.taken_on,
        overall=overall,
        dimensions=dims,
        weakest=ranked[0].name,
        strongest=ranked[-1].name,
        previous_on=previous.taken_on if previous else None,
    )


def parse_answers(text: str) -> dict[str, int]:
    """Answers typed in one go: numbers in question order, or ``key=value`` pairs.

    ``"5,4,6,..."`` (commas or spaces) or ``"546..."`` (eighteen digits) answer the items in
    the order they are asked; ``"networking.knows_people_who_matter=5, ..."`` names them.

    Raises
    ------
    allies.errors.InvalidInput
        When an item is unknown, a number is outside 1-7 or the count is wrong.

    Examples
    --------
    >>> len(parse_answers("4" * 18))
    18
    """
    text = text.strip()
    if "=" in text:
        known = {item.key for item in ITEMS}
        pairs = [p for p in re.split(r"[,;\s]+", text) if p]
        answers: dict[str, int] = {}
        for pair in pairs:
            key, _, value = pair.partition("=")
            if key not in known:
                raise InvalidInput(f"There is no item {key!r}.", field="answers")
            answers[key] = _point(value)
        return answers
    parts = [p for p in re.split(r"[,;\s]+", text) if p]
    if len(parts) == 1 and len(parts[0]) == len(ITEMS):
        parts = list(parts[0])
    if len(parts) != len(ITEMS):
        raise InvalidInput(
            f"Give {len(ITEMS)} answers, one per item in order; got {len(parts)}.",
            field="answers",
            hint="Answer each item from 1 to 7, for example 5,4,6,5,3,6,4,7,5,5,4,6,3,5,4,4,6,5.",
        )
    return {item.key: _point(value) for item, value in zip(ITEMS, parts, strict=True)}


def _point(value: str) -> int:
    if not value.strip().isdigit() or not 1 <= int(value) <= 7:
        raise InvalidInput(
            f"Each answer is a whole number from 1 to 7 ({SCALE[1]} to {SCALE[7]}); got {value!r}.",
            field="answers",
        )
    return int(value)


def _political(uow: UnitOfWork) -> list[Assessment]:
    found = [a for a in uow.assessments.list() if a.instrument == INSTRUMENT]
    return sorted(found, key=lambda a: (a.taken_on, a.id or 0))


def take_assessment(
    uow: UnitOfWork, answers: Mapping[str, int], *, on: date | None = None
) -> AssessmentResult:
    """Store a completed questionnaire, answered on the day ``on`` (today when left out),
    and return its scores, with the change since the last one.

    Raises
    ------
    allies.errors.InvalidInput
        When an item is unanswered or unknown, or an answer is outside 1-7.
    """
    known = {item.key for item in ITEMS}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise InvalidInput(f"Unknown items: {', '.join(unknown)}.", field="answers")
    missing = [item.key for item in ITEMS if item.key not in answers]
    if missing:
        raise InvalidInput(
            f"{len(missing)} of the {len(ITEMS)} items are unanswered (first: {missing[0]}).",
            field="answers",
        )
    taken_on = on or date.today()
    with uow:
        earlier = [a for a in _political(uow) if a.taken_on <= taken_on]
        stored = uow.assessments.add(Assessment(taken_on, dict(answers), INSTRUMENT))
        uow.commit()
    return score(stored, earlier[-1] if earlier else None)


def history_of(assessments: Sequence[Assessment]) -> list[AssessmentResult]:
    """The political-skill assessments among ``assessments``, oldest first, each scored
    with the change since the one before."""
    stored = sorted(
        (a for a in assessments if a.instrument == INSTRUMENT),
        key=lambda a: (a.taken_on, a.id or 0),
    )
    return [score(a, stored[k - 1] if k else None) for k, a in enumerate(stored)]


def assessment_history(uow: UnitOfWork) -> list[AssessmentResult]:
    """Every political-skill assessment, oldest first, each with the change since the
    one before."""
    with uow:
        stored = uow.assessments.list()
    return history_of(stored)


def latest_assessment(uow: UnitOfWork) -> AssessmentResult:
    """The most recent assessment, scored.

    Raises
    ------
    allies.errors.NotFound
        When no assessment has been taken.
    """
    history = assessment_history(uow)
    if not history:
        raise NotFound(
            "You have not assessed your political skill yet.",
            hint="Take the questionnaire first (about five minutes).",
            kind="assessment",
            next_step=NextStep("take", "assessment"),
        )
    return history[-1]


def latest_of(assessments: Sequence[Assessment]) -> AssessmentResult | None:
    """The most recent political-skill assessment among ``assessments``, scored."""
    history = history_of(assessments)
    return history[-1] if history else None
