"""Everyone's relationship health, a page at a time (issue 22).

The health list of a workspace of twenty thousand people used to read every interaction
as an object and explain every relationship in words (40 s). Here the database sums the
evidence per person and period (:meth:`allies.services.ports.HealthReadsRepository.tallies`),
:func:`allies.analysis.health_tallies.score_tallies` scores everyone on each day of the
trend at once, and only the rows of the page asked for are put into words. The scores,
trends, cooling and reasons are those of :func:`allies.services.keep.health.reports`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from allies.analysis.health import NOT_ENOUGH_EVIDENCE, PART_NAMES, HealthParams
from allies.analysis.health_tallies import TallyScores, score_tallies
from allies.domain import FavourSize
from allies.domain.health_tallies import HealthTallies
from allies.errors import InvalidInput
from allies.services.keep.checkins import CadenceBook
from allies.services.keep.snapshot import nobody_is_me
from allies.services.paging import DEFAULT_LIMIT, Page, check_window
from allies.services.ports import UnitOfWork

__all__ = ["HealthBoard", "HealthRow", "HealthSummary", "fold", "health_board", "health_rows"]

#: Days before today at which the trend is shown, oldest first (as in ``health``).
TREND_DAYS: tuple[int, ...] = (90, 60, 30, 0)
#: Cooling looks at the fall of the score over this many days.
COOLING_WINDOW = 60
#: A fall of this many points inside the window counts as cooling.
COOLING_DROP = 15.0
#: Scores from here up are strong; below :data:`WEAK_BELOW`, weak.
STRONG_FROM = 70
WEAK_BELOW = 40
#: What each size of favour counts for in the balance.
FAVOUR_UNITS: dict[str, int] = {size.value: size.value_units for size in FavourSize}


@dataclass(frozen=True)
class HealthRow:
    """One line of the health list: the score and its parts out of 100 (``None``: not
    enough evidence)."""

    person_id: int
    name: str
    tier: str
    score: int | None
    recency: int | None
    frequency: int | None
    reciprocity: int | None
    reliability: int | None
    tone: int | None
    trend: str
    cooling: bool
    why: str


@dataclass(frozen=True)
class HealthSummary:
    """How my relationships stand, counted over everyone (not only the page)."""

    people: int
    strong: int
    fair: int
    weak: int
    unscored: int
    cooling: int


@dataclass(frozen=True)
class HealthBoard:
    """One page of the health list and the counts over everyone."""

    page: Page[HealthRow]
    summary: HealthSummary
    query: str


def fold(text: str) -> str:
    """``text`` without case or accents, for matching names ("Étienne" finds "etienne")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class _Scored:
    """Everyone's scores on the trend days and what is needed to word a row."""

    tallies: HealthTallies
    found: TallyScores
    max_gaps: np.ndarray
    rounded: np.ndarray  # today's score, rounded; -1 with none
    cooling: np.ndarray
    drops: np.ndarray


def _score(uow: UnitOfWork, today: date, params: HealthParams) -> _Scored:
    bounds = [today - timedelta(days=back) for back in TREND_DAYS]
    with uow:
        cadences = uow.cadences.list()
        book = CadenceBook(cadences)
        tallies = uow.health_reads.tallies(
            bounds, params.frequency_half_life, FAVOUR_UNITS, tags=bool(book.by_tag)
        )
    if tallies.me_id is None:
        raise nobody_is_me()
    people = tallies.people
    tags = people.tags or [()] * len(people.ids)
    gaps = [
        book.gaps_of(pid, list(tag), tier)
        for pid, tag, tier in zip(people.ids, tags, people.tiers, strict=True)
    ]
    ideal = np.array([g[0] for g in gaps], dtype=np.float64)
    longest = np.array([g[1] for g in gaps], dtype=np.float64)
    found = score_tallies(tallies, ideal_gaps=ideal, max_gaps=longest, params=params)
    window = [i for i, back in enumerate(TREND_DAYS) if back <= COOLING_WINDOW]
    recent = found.scores[window]
    now = found.scores[-1]
    scored = ~np.isnan(recent)
    highest = np.max(np.where(scored, recent, -np.inf), axis=0)
    drops = np.where(np.isnan(now) | ~np.isfinite(highest), 0.0, highest - now)
    gap = found.gaps[-1]
    met = ~np.isnan(gap)
    lapsed = met & (np.where(met, gap, 0.0) > longest)
    cooling = met & ((drops >= COOLING_DROP) | lapsed)
    rounded = np.where(np.isnan(now), -1, np.rint(np.where(np.isnan(now), 0.0, now)))
    return _Scored(tallies, found, longest, rounded.astype(np.int64), cooling, drops)


def _order(scored: _Scored, *, weakest_first: bool) -> list[int]:
    """Everyone's position, strongest (or weakest) first, those without a score last,
    then by name."""
    names = scored.tallies.people.names
    rounded = scored.rounded.tolist()
    sign = 1 if weakest_first else -1
    return sorted(
        range(len(names)),
        key=lambda i: (
            rounded[i] < 0,
            0 if rounded[i] < 0 else sign * rounded[i],
            names[i].casefold(),
        ),
    )


def _trend_text(scored: _Scored, i: int) -> str:
    cells = scored.found.scores[:, i]
    return " → ".join("–" if np.isnan(s) else str(round(float(s))) for s in cells)


def _row(scored: _Scored, i: int) -> HealthRow:
    people = scored.tallies.people
    values = scored.found.values[-1, :, i]
    weights = scored.found.weights[-1, :, i]
    shown = {
        name: None if np.isnan(v) else round(100 * float(v))
        for name, v in zip(PART_NAMES, values, strict=True)
    }
    percent = {name: round(100 * float(w)) for name, w in zip(PART_NAMES, weights, strict=True)}
    score = None if scored.rounded[i] < 0 else int(scored.rounded[i])
    known = [name for name in PART_NAMES if shown[name] is not None]
    if scored.cooling[i]:
        reasons = []
        if scored.drops[i] >= COOLING_DROP:
            reasons.append(f"score fell {scored.drops[i]:.0f} points in {COOLING_WINDOW} days")
        gap, longest = scored.found.gaps[-1, i], scored.max_gaps[i]
        if gap > longest:
            reasons.append(f"no contact for {int(gap)} days, past the maximum gap of {longest:g}")
        why = "; ".join(reasons)
    elif not known or score is None:
        why = NOT_ENOUGH_EVIDENCE
    else:
        weakest = min(known, key=lambda name: (shown[name] or 0) * (percent[name] or 1))
        unknown = [name for name in PART_NAMES if shown[name] is None]
        why = f"weakest: {weakest}" + (
            f"; {NOT_ENOUGH_EVIDENCE} for {', '.join(unknown)}" if unknown else ""
        )
    return HealthRow(
        person_id=int(people.ids[i]),
        name=people.names[i],
        tier=people.tiers[i] or "",
        score=score,
        recency=shown["recency"],
        frequency=shown["frequency"],
        reciprocity=shown["reciprocity"],
        reliability=shown["reliability"],
        tone=shown["tone"],
        trend=_trend_text(scored, i),
        cooling=bool(scored.cooling[i]),
        why=why,
    )


def _summary(scored: _Scored) -> HealthSummary:
    rounded = scored.rounded
    has = rounded >= 0
    return HealthSummary(
        people=int(rounded.size),
        strong=int(np.count_nonzero(has & (rounded >= STRONG_FROM))),
        fair=int(np.count_nonzero(has & (rounded >= WEAK_BELOW) & (rounded < STRONG_FROM))),
        weak=int(np.count_nonzero(has & (rounded < WEAK_BELOW))),
        unscored=int(np.count_nonzero(~has)),
        cooling=int(np.count_nonzero(scored.cooling)),
    )


def _chosen(scored: _Scored, *, cooling_only: bool, weakest_first: bool, query: str) -> list[int]:
    order = _order(scored, weakest_first=weakest_first)
    if cooling_only:
        order = [i for i in order if scored.cooling[i]]
    wanted = fold(query.strip())
    if wanted:
        names = scored.tallies.people.names
        order = [i for i in order if wanted in fold(names[i])]
    return order


def health_board(
    uow: UnitOfWork,
    *,
    today: date | None = None,
    query: str = "",
    cooling_only: bool = False,
    weakest_first: bool = False,
    offset: int = 0,
    limit: int = DEFAULT_LIMIT,
    params: HealthParams | None = None,
) -> HealthBoard:
    """One page of everyone's relationship health, strongest (or weakest) first, those
    with not enough evidence for a score last; only those cooling, or whose name holds
    ``query`` (without regard to case or accents), when asked; with the counts over
    everyone.

    Raises
    ------
    allies.errors.InvalidInput
        When ``offset`` or ``limit`` is out of range (see
        :func:`allies.services.paging.check_window`).
    allies.errors.NotFound
        When nobody is marked as me.
    """
    check_window(offset, limit)
    scored = _score(uow, today or date.today(), params or HealthParams())
    order = _chosen(scored, cooling_only=cooling_only, weakest_first=weakest_first, query=query)
    rows = [_row(scored, i) for i in order[offset : offset + limit]]
    return HealthBoard(Page(rows, len(order), offset, limit), _summary(scored), query.strip())


def health_rows(
    uow: UnitOfWork,
    *,
    today: date | None = None,
    top: int | None = None,
    cooling_only: bool = False,
    weakest_first: bool = False,
    params: HealthParams | None = None,
) -> list[HealthRow]:
    """Every relationship's row (or the first ``top``), in the order of
    :func:`health_board`."""
    if top is not None and top < 1:
        raise InvalidInput("Show at least one (top must be 1 or more).", field="top")
    scored = _score(uow, today or date.today(), params or HealthParams())
    order = _chosen(scored, cooling_only=cooling_only, weakest_first=weakest_first, query="")
    return [_row(scored, i) for i in (order[:top] if top else order)]
