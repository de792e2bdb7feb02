"""The health of all my relationships for the power base, from sums the database adds up.

The power base needs, for everyone, the score of my relationship, whether it is cooling
and why, and the day of our last contact. :func:`allies.services.keep.health.reports`
reads every interaction as an object and scores each relationship on each day of the
trend one at a time (about 35 s on a workspace of 20,000 people and 300,000
interactions). Here the store sums the evidence per person and period
(:meth:`allies.services.ports.HealthReadsRepository.tallies`) and
:func:`allies.analysis.health_tallies.score_tallies` scores everyone on each trend day
at once, with the same formulas, trend days and cooling rule as the reports (issue 22).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from allies.analysis.health import HealthParams
from allies.analysis.health_tallies import score_tallies
from allies.domain import Cadence
from allies.services.keep.checkins import CadenceBook
from allies.services.keep.health import HealthReport
from allies.services.keep.health_board import (
    COOLING_DROP,
    COOLING_WINDOW,
    FAVOUR_UNITS,
    TREND_DAYS,
)
from allies.services.ports import UnitOfWork

__all__ = ["RelationshipHealth", "from_report", "tallied_health"]


@dataclass(frozen=True)
class RelationshipHealth:
    """What the power base reads of one relationship's health.

    ``score`` is 0-100 (``None``: not enough evidence), ``last_contact`` the day of the
    latest interaction up to the day of the report.
    """

    score: int | None
    cooling: bool
    cooling_reasons: tuple[str, ...]
    last_contact: date | None


def from_report(report: HealthReport) -> RelationshipHealth:
    """The part of a full health report the power base reads."""
    return RelationshipHealth(
        report.score, report.cooling, tuple(report.cooling_reasons), report.last_contact
    )


def tallied_health(
    uow: UnitOfWork,
    today: date,
    cadences: list[Cadence],
    params: HealthParams | None = None,
) -> tuple[dict[int, RelationshipHealth], frozenset[int]]:
    """Everyone's relationship health on ``today``, in name order (as the reports), and
    the people with an interaction or a favour on record up to ``today``.

    Parameters
    ----------
    uow : UnitOfWork
        Already entered.
    today : date
        The day of the report.
    cadences : list of Cadence
        The workspace's cadences (each relationship is measured against its own).
    params : HealthParams, optional
        Weights, priors and half-lives (the defaults when omitted).

    Returns
    -------
    tuple
        The health by person id, and who has evidence on record up to ``today``.
    """
    p = params or HealthParams()
    book = CadenceBook(cadences)
    bounds = [today - timedelta(days=back) for back in TREND_DAYS]
    tallies = uow.health_reads.tallies(
        bounds, p.frequency_half_life, FAVOUR_UNITS, tags=bool(book.by_tag)
    )
    people = tallies.people
    if not people.ids:
        return {}, frozenset()
    tags = people.tags or [()] * len(people.ids)
    gaps = [
        book.gaps_of(pid, list(tag), tier)
        for pid, tag, tier in zip(people.ids, tags, people.tiers, strict=True)
    ]
    ideal = np.array([g[0] for g in gaps], dtype=np.float64)
    longest = np.array([g[1] for g in gaps], dtype=np.float64)
    found = score_tallies(tallies, ideal_gaps=ideal, max_gaps=longest, params=p)
    window = [i for i, back in enumerate(TREND_DAYS) if back <= COOLING_WINDOW]
    recent = found.scores[window]
    now = found.scores[-1]
    highest = np.max(np.where(~np.isnan(recent), recent, -np.inf), axis=0)
    drops = np.where(np.isnan(now) | ~np.isfinite(highest), 0.0, highest - now)
    gap = found.gaps[-1]
    met = ~np.isnan(gap)
    lapsed = met & (np.where(met, gap, 0.0) > longest)
    fell = met & (drops >= COOLING_DROP)
    order = sorted(range(len(people.ids)), key=lambda i: (people.names[i].casefold(), i))
    day = today.toordinal()
    out: dict[int, RelationshipHealth] = {}
    for i in order:
        reasons: list[str] = []
        if fell[i]:
            reasons.append(f"score fell {drops[i]:.0f} points in {COOLING_WINDOW} days")
        if lapsed[i]:
            reasons.append(
                f"no contact for {int(gap[i])} days, past the maximum gap of {longest[i]:g}"
            )
        out[int(people.ids[i])] = RelationshipHealth(
            score=None if np.isnan(now[i]) else round(float(now[i])),
            cooling=bool(reasons),
            cooling_reasons=tuple(reasons),
            last_contact=date.fromordinal(day - int(gap[i])) if met[i] else None,
        )
    touched = {int(pid) for pid in tallies.contacts.person_id}
    touched |= {int(pid) for pid in tallies.favours.person_id}
    return out, frozenset(touched)
