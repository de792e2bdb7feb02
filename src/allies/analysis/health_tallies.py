"""Relationship health of everyone at once, from per-person sums (issue 22).

:func:`allies.analysis.health.health_at` scores one relationship from its evidence, entry
by entry; :func:`score_tallies` gives the same scores and parts for every relationship of
a workspace from the sums the store adds up per person and period
(:class:`allies.domain.health_tallies.HealthTallies`), on each day that cuts a period.
The formulas are those of :mod:`allies.analysis.health` (see the papers cited there):

* the decay-weighted count up to a day ``b`` is the sum of the periods' weights
  ``2 ** ((day - B) / H)`` (relative to the last bound ``B``) up to ``b``, times
  ``2 ** ((B - b) / H)``; the tone's weighted sum likewise;
* the latest contact up to ``b`` is the latest of the periods up to ``b``;
* favours and promises are counted with the same rules (released promises are left out
  by the store; a promise counts once settled, or once open past its due day).

The parts are combined in the same order and with the same arithmetic as
:func:`~allies.analysis.health.health_at`, so a score differs from it only by the rounding
of the sums (a test compares them on seeded workspaces).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from allies.analysis.health import PART_NAMES, HealthParams
from allies.analysis.health_parts import FloatArray
from allies.domain.health_tallies import HealthTallies

__all__ = ["TallyScores", "score_tallies"]

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class TallyScores:
    """Everyone's health on each bound day: arrays of shape ``(days, people)``, the
    people in the order of ``tallies.people.ids``.

    Attributes
    ----------
    scores : ndarray
        0-100, ``nan`` with not enough evidence.
    gaps : ndarray
        Days since the last contact, ``nan`` with none.
    values : ndarray
        Shape ``(days, 5, people)``: each part's value (0-1) in the order of
        :data:`allies.analysis.health.PART_NAMES`, ``nan`` without evidence.
    weights : ndarray
        Shape ``(days, 5, people)``: each part's weight among those with evidence.
    interactions : ndarray
        Shape ``(days, people)``: how many interactions up to that day.
    """

    scores: FloatArray
    gaps: FloatArray
    values: FloatArray
    weights: FloatArray
    interactions: npt.NDArray[np.int64]


def _cumulative(
    index: npt.NDArray[np.intp],
    periods: npt.NDArray[np.intp],
    values: npt.ArrayLike,
    shape: tuple[int, int],
    *,
    latest: bool = False,
) -> FloatArray:
    """Per person and period, then accumulated over the periods (a sum, or the latest)."""
    grid = np.full(shape, -np.inf if latest else 0.0)
    found = np.asarray(values, dtype=np.float64)
    if latest:
        np.maximum.at(grid, (index, periods), found)
        return np.maximum.accumulate(grid, axis=1)
    np.add.at(grid, (index, periods), found)
    return np.cumsum(grid, axis=1)


def _rows_of(ids: npt.NDArray[np.int64], owners: Sequence[int]) -> npt.NDArray[np.intp]:
    """The row of each owner in ``ids`` (sorted), ``-1`` for one not there."""
    wanted = np.asarray(owners, dtype=np.int64)
    if not ids.size or not wanted.size:
        return np.full(wanted.size, -1, dtype=np.intp)
    place = np.minimum(np.searchsorted(ids, wanted), ids.size - 1)
    return np.where(ids[place] == wanted, place, -1).astype(np.intp)


def _days(values: Sequence[int | None]) -> FloatArray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def score_tallies(
    tallies: HealthTallies,
    *,
    ideal_gaps: npt.ArrayLike,
    max_gaps: npt.ArrayLike,
    params: HealthParams | None = None,
) -> TallyScores:
    """Everyone's health on each of ``tallies.bounds``.

    Parameters
    ----------
    tallies : HealthTallies
        The sums per person and period, with decay weights of ``params``'s half-life.
    ideal_gaps, max_gaps : array_like
        Each person's cadence in days, in the order of ``tallies.people.ids``.
    params : HealthParams, optional
        Weights, priors and half-lives (the defaults when omitted).

    Returns
    -------
    TallyScores
        Scores, gaps, parts and interaction counts per day and person.
    """
    p = params or HealthParams()
    if abs(p.frequency_half_life - tallies.half_life) > 1e-9:
        raise ValueError("the tallies were summed with another half-life")
    ids = np.asarray(tallies.people.ids, dtype=np.int64)
    n, k = ids.size, len(tallies.bounds)
    shape = (n, k)
    bound = np.array([b.toordinal() for b in tallies.bounds], dtype=np.float64)
    ideal = np.asarray(ideal_gaps, dtype=np.float64)
    longest = np.asarray(max_gaps, dtype=np.float64)
    half_life = p.frequency_half_life

    c = tallies.contacts
    rows = _rows_of(ids, c.person_id)
    kept = rows >= 0
    at, period = rows[kept], np.asarray(c.period, dtype=np.intp)[kept]

    def column(values: Sequence[float] | Sequence[int]) -> FloatArray:
        return np.asarray(values, dtype=np.float64)[kept]

    count = _cumulative(at, period, column(c.count), shape)
    last = _cumulative(at, period, column(c.last_day), shape, latest=True)
    rescale = np.exp2((bound[-1] - bound) / half_life)
    decayed = _cumulative(at, period, column(c.decayed), shape) * rescale
    toned = _cumulative(at, period, column(c.decayed_tone), shape) * rescale

    f = tallies.favours
    rows = _rows_of(ids, f.person_id)
    kept = rows >= 0
    at, period = rows[kept], np.asarray(f.period, dtype=np.intp)[kept]
    favours = _cumulative(at, period, column(f.count), shape)
    given = _cumulative(at, period, column(f.given), shape)
    received = _cumulative(at, period, column(f.received), shape)

    q = tallies.promises
    owner = _rows_of(ids, q.person_id)
    mine = owner >= 0
    owner = owner[mine]
    made = np.asarray(q.made, dtype=np.float64)[mine]
    due = _days(q.due)[mine]
    resolved = _days(q.resolved)[mine]
    status = np.asarray(q.status, dtype=object)[mine]
    credit = np.select(
        [status == "kept", status == "late", status == "broken"],
        [1.0, p.late_credit, 0.0],
        default=np.nan,
    ).astype(np.float64)

    weight = p.weights.normalised()
    alpha, beta = p.reliability_prior
    scores = np.full((k, n), np.nan)
    gaps = np.full((k, n), np.nan)
    values = np.full((k, len(PART_NAMES), n), np.nan)
    weights = np.zeros((k, len(PART_NAMES), n))
    for day in range(k):
        as_of = bound[day]
        met = count[:, day] > 0
        gap = np.where(met, as_of - np.where(met, last[:, day], 0.0), np.nan)
        recency = np.where(met, np.exp2(-np.where(met, gap, 0.0) / longest), 0.0)
        expected = 1.0 / (1.0 - np.power(2.0, -ideal / half_life))
        frequency = np.minimum(1.0, np.where(met, decayed[:, day], 0.0) / expected)
        g, r = given[:, day], received[:, day]
        prior = p.reciprocity_prior_units
        reciprocity = np.minimum(1.0, 2.0 * ((g + prior) / (g + r + 2 * prior)))
        made_by = made <= as_of
        settled = made_by & (resolved <= as_of)  # a missing day (nan) compares False
        overdue = made_by & ~settled & (due < as_of)
        promised = np.bincount(owner[made_by], minlength=n) > 0
        trials = np.bincount(owner, weights=(settled | overdue).astype(np.float64), minlength=n)
        credits = np.bincount(owner[settled], weights=credit[settled], minlength=n)
        reliability = (alpha + credits) / (alpha + beta + trials)
        weighted = np.where(met, toned[:, day], 0.0)
        total = np.where(met, decayed[:, day], 0.0)
        shrunk = total + p.tone_prior_weight
        mean = np.divide(weighted, shrunk, out=np.zeros(n), where=shrunk > 0)
        tone = (mean + 2.0) / 4.0
        favoured = favours[:, day] > 0
        recorded = met | favoured | promised
        parts: list[tuple[FloatArray, BoolArray]] = [
            (recency, recorded),
            (frequency, recorded),
            (reciprocity, favoured),
            (reliability, trials > 0),
            (tone, met),
        ]
        counted_weight = np.zeros(n)
        for name, (_, known) in zip(PART_NAMES, parts, strict=True):
            counted_weight = counted_weight + np.where(known, weight[name], 0.0)
        counted = counted_weight > 0
        share = np.where(counted, counted_weight, 1.0)
        score = np.zeros(n)
        for i, (name, (value, known)) in enumerate(zip(PART_NAMES, parts, strict=True)):
            part_weight = np.where(known & counted, weight[name] / share, 0.0)
            score = score + np.where(known, (100.0 * part_weight) * value, 0.0)
            values[day, i] = np.where(known, value, np.nan)
            weights[day, i] = part_weight
        scores[day] = np.where(counted, score, np.nan)
        gaps[day] = gap
    return TallyScores(
        scores=scores,
        gaps=gaps,
        values=values,
        weights=weights,
        interactions=count.T.astype(np.int64),
    )
