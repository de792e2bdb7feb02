"""Everyone's relationship health, a page at a time (issue 22).

The health list of a workspace of twenty thousand people used to read every interaction
as an object and explain every relationship in words (40 s). Here the database sums the
evidence per person and period (:meth:`allies.services.ports.HealthReadsRepository.tallies`),
:func:`allies.analysis.health_tallies.score_tallies` scores everyone on each day of the
trend at once, and only the rows of the page asked for are put into words. The scores,
trends, cooling and reasons are those of :func:`allies.services.keep.health.reports`.

Everyone's ranking (today's rounded score, cooling, the order of the list) is kept between
views in the workspace's analysis cache under a stamp of the records
(:mod:`allies.services.keep.health_kept`): a view of an unchanged workspace reads it and
sums only its page's people; the background task ``analyses`` works it out after a change.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from allies.analysis.health import NOT_ENOUGH_EVIDENCE, PART_NAMES, HealthParams
from allies.analysis.health_tallies import TallyScores, score_tallies
from allies.domain import Cadence, FavourSize
from allies.domain.health_tallies import HealthTallies
from allies.errors import InvalidInput, NotFound
from allies.services.keep.checkins import CadenceBook
from allies.services.keep.health_kept import (
    HEALTH,
    KeptRanking,
    decode,
    health_key,
    keep,
    ranking_of,
)
from allies.services.keep.snapshot import nobody_is_me
from allies.services.paging import DEFAULT_LIMIT, Page, check_window
from allies.services.ports import UnitOfWork

__all__ = [
    "HealthBoard",
    "HealthRow",
    "HealthSummary",
    "fold",
    "health_board",
    "health_rows",
    "refresh_health",
]

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
#: What else the kept ranking depends on (part of its key).
_TREND = (TREND_DAYS, COOLING_WINDOW, COOLING_DROP, FAVOUR_UNITS)
#: Up to this many rows are scored by themselves when the ranking is kept; more, and
#: everyone is scored at once.
_FEW = 1000


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


def _read(
    uow: UnitOfWork,
    bounds: list[date],
    params: HealthParams,
    cadences: list[Cadence],
    only: Sequence[int] | None = None,
) -> tuple[HealthTallies, CadenceBook]:
    """The sums of everyone (or of ``only``), read in the unit of work already entered."""
    book = CadenceBook(cadences)
    tallies = uow.health_reads.tallies(
        bounds, params.frequency_half_life, FAVOUR_UNITS, tags=bool(book.by_tag), only=only
    )
    if tallies.me_id is None:
        raise nobody_is_me()
    return tallies, book


def _scored(tallies: HealthTallies, book: CadenceBook, params: HealthParams) -> _Scored:
    """Everyone's scores of ``tallies`` on the trend days, with cooling."""
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


@dataclass(frozen=True)
class _Standing:
    """Everyone's ranking, and everyone's scores when they were worked out for this view
    (None: the ranking was kept, and only the rows shown are scored)."""

    ranking: KeptRanking
    scored: _Scored | None
    bounds: list[date]
    cadences: list[Cadence]


def _standing(uow: UnitOfWork, today: date, params: HealthParams) -> _Standing:
    """The ranking kept for the records as they are, or worked out now (and kept)."""
    bounds = [today - timedelta(days=back) for back in TREND_DAYS]
    with uow:
        cadences = uow.cadences.list()
        key = health_key(uow.health_reads.stamp(), today, params, cadences, _TREND)
        kept = decode(uow.analysis_cache.get(HEALTH, key))
        if kept is not None:
            return _Standing(kept, None, bounds, cadences)
        scored = _scored(*_read(uow, bounds, params, cadences), params)
    names = scored.tallies.people.names
    ranking = ranking_of(scored.tallies.people.ids, names, scored.rounded, scored.cooling)
    keep(uow, key, ranking)
    return _Standing(ranking, scored, bounds, cadences)


def refresh_health(uow: UnitOfWork, today: date | None = None) -> bool:
    """Work out and keep everyone's health ranking of ``today`` (default: today) when it
    is not kept for the records as they are; True when it was worked out now. Nothing
    when nobody is marked as me. For the background task ``analyses``."""
    try:
        return _standing(uow, today or date.today(), HealthParams()).scored is not None
    except NotFound:
        return False


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


def _summary(ranking: KeptRanking) -> HealthSummary:
    rounded = ranking.rounded
    has = rounded >= 0
    return HealthSummary(
        people=int(rounded.size),
        strong=int(np.count_nonzero(has & (rounded >= STRONG_FROM))),
        fair=int(np.count_nonzero(has & (rounded >= WEAK_BELOW) & (rounded < STRONG_FROM))),
        weak=int(np.count_nonzero(has & (rounded < WEAK_BELOW))),
        unscored=int(np.count_nonzero(~has)),
        cooling=int(np.count_nonzero(ranking.cooling)),
    )


def _chosen(
    uow: UnitOfWork, standing: _Standing, *, cooling_only: bool, weakest_first: bool, query: str
) -> list[int]:
    """The positions (in ``standing.ranking.ids``) listed, in order."""
    ranking = standing.ranking
    order = ranking.order(weakest_first=weakest_first)
    if cooling_only:
        order = order[ranking.cooling[order]]
    wanted = fold(query.strip())
    if not wanted:
        return [int(i) for i in order.tolist()]
    if standing.scored is not None:
        names = list(standing.scored.tallies.people.names)
    else:
        with uow:
            everyone = uow.health_reads.names()
        names = [everyone.get(int(pid), "") for pid in ranking.ids.tolist()]
    return [int(i) for i in order if wanted in fold(names[i])]


def _rows(
    uow: UnitOfWork, standing: _Standing, shown: list[int], params: HealthParams
) -> list[HealthRow]:
    """The rows of the people at positions ``shown``, in that order."""
    if standing.scored is not None:
        return [_row(standing.scored, i) for i in shown]
    if not shown:
        return []
    ids = [int(standing.ranking.ids[i]) for i in shown]
    only = ids if len(ids) <= _FEW else None  # many rows: everyone's sums at once
    with uow:
        scored = _scored(*_read(uow, standing.bounds, params, standing.cadences, only), params)
    at = {int(pid): i for i, pid in enumerate(scored.tallies.people.ids)}
    return [_row(scored, at[pid]) for pid in ids if pid in at]


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
    chosen = params or HealthParams()
    standing = _standing(uow, today or date.today(), chosen)
    order = _chosen(
        uow, standing, cooling_only=cooling_only, weakest_first=weakest_first, query=query
    )
    rows = _rows(uow, standing, order[offset : offset + limit], chosen)
    summary = _summary(standing.ranking)
    return HealthBoard(Page(rows, len(order), offset, limit), summary, query.strip())


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
    chosen = params or HealthParams()
    standing = _standing(uow, today or date.today(), chosen)
    order = _chosen(uow, standing, cooling_only=cooling_only, weakest_first=weakest_first, query="")
    return _rows(uow, standing, order[:top] if top else order, chosen)
