"""Relationship health for many relationships at once.

:func:`allies.analysis.health.health_at` scores one relationship on one day and explains
every part in words; scoring the whole inner circle and key tier every time the daily
agenda is opened that way costs a call per person and day. :func:`scores_at` computes
the same five parts with the same formulas (see :mod:`allies.analysis.health` and the
papers cited there) for every relationship of an :class:`EvidenceBatch` in a handful of
array operations: per-relationship sums are ``numpy.bincount`` over the flattened
evidence, the latest contact a ``numpy.maximum.at``.

The scores agree with :func:`health_at` to rounding error, including which parts have
evidence and which relationships have no score at all (``nan`` here, ``None`` there; a
test compares them on random evidence); the agenda uses them to find whom to explain in
full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from allies.analysis.health import HealthParams
from allies.analysis.health_parts import Evidence, FloatArray

IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class EvidenceBatch:
    """The evidence of ``size`` relationships: the arrays of :class:`Evidence`, each
    concatenated over the relationships, with the index of the relationship each entry
    belongs to (``*_of``)."""

    size: int
    interaction_of: IntArray
    interaction_days: FloatArray
    tones: FloatArray
    favour_of: IntArray
    favour_days: FloatArray
    favour_values: FloatArray
    promise_of: IntArray
    promise_made: FloatArray
    promise_due: FloatArray
    promise_resolved: FloatArray
    promise_credit: FloatArray
    promise_mine: npt.NDArray[np.bool_]

    @classmethod
    def of(cls, evidences: Sequence[Evidence]) -> EvidenceBatch:
        """The batch of these relationships, in this order."""

        def owners(sizes: list[int]) -> IntArray:
            return np.repeat(np.arange(len(sizes), dtype=np.intp), sizes)

        def joined(name: str) -> FloatArray:
            parts = [getattr(e, name) for e in evidences]
            return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float64)

        mine = [e.promise_mine for e in evidences]
        return cls(
            size=len(evidences),
            interaction_of=owners([e.interaction_days.size for e in evidences]),
            interaction_days=joined("interaction_days"),
            tones=joined("tones"),
            favour_of=owners([e.favour_days.size for e in evidences]),
            favour_days=joined("favour_days"),
            favour_values=joined("favour_values"),
            promise_of=owners([e.promise_made.size for e in evidences]),
            promise_made=joined("promise_made"),
            promise_due=joined("promise_due"),
            promise_resolved=joined("promise_resolved"),
            promise_credit=joined("promise_credit"),
            promise_mine=np.concatenate(mine) if mine else np.zeros(0, dtype=bool),
        )


@dataclass(frozen=True)
class BatchScores:
    """The score of every relationship of a batch on one day (``nan``: not enough
    evidence), and the days since each one's last contact (``nan`` when there was none)."""

    as_of: int
    scores: FloatArray
    gaps: FloatArray


def _sums(owner: IntArray, values: FloatArray, size: int) -> FloatArray:
    return np.bincount(owner, weights=values, minlength=size).astype(np.float64)


def scores_at(
    batch: EvidenceBatch,
    as_of: int,
    *,
    ideal_gaps: npt.ArrayLike,
    max_gaps: npt.ArrayLike,
    params: HealthParams | None = None,
) -> BatchScores:
    """Every relationship's health score as of a day, without the words.

    Parameters
    ----------
    batch : EvidenceBatch
        The relationships' evidence.
    as_of : int
        The day (``date.toordinal()``); later evidence is ignored.
    ideal_gaps, max_gaps : array_like
        Each relationship's cadence in days.
    params : HealthParams, optional
        Weights, priors and half-lives (the defaults when omitted).

    Returns
    -------
    BatchScores
        The 0-100 scores (``nan`` without evidence) and the gaps since the last contact.
    """
    p = params or HealthParams()
    n = batch.size
    weight = p.weights.normalised()
    ideal = np.asarray(ideal_gaps, dtype=np.float64)
    longest = np.asarray(max_gaps, dtype=np.float64)
    half_life = p.frequency_half_life

    seen = batch.interaction_days <= as_of
    who = batch.interaction_of[seen]
    days = batch.interaction_days[seen]
    last = np.full(n, -np.inf)
    np.maximum.at(last, who, days)
    met = np.isfinite(last)
    gaps = np.where(met, as_of - np.where(met, last, 0.0), np.nan)
    recency = np.where(met, np.exp2(-np.where(met, gaps, 0.0) / longest), 0.0)

    decayed = np.exp2(-(as_of - days) / half_life)
    count = _sums(who, decayed, n)
    expected = 1.0 / (1.0 - np.power(2.0, -ideal / half_life))
    frequency = np.minimum(1.0, count / expected)

    dated = batch.favour_days <= as_of
    values = batch.favour_values[dated]
    owner = batch.favour_of[dated]
    given = _sums(owner, np.where(values > 0, values, 0.0), n)
    received = _sums(owner, np.where(values < 0, -values, 0.0), n)
    prior = p.reciprocity_prior_units
    reciprocity = np.minimum(1.0, 2.0 * ((given + prior) / (given + received + 2 * prior)))

    made = batch.promise_made <= as_of
    settled = made & (batch.promise_resolved <= as_of)  # a missing day (nan) is never
    overdue = made & ~settled & (batch.promise_due < as_of)
    credit = _sums(batch.promise_of[settled], batch.promise_credit[settled], n)
    trials = _sums(batch.promise_of, (settled | overdue).astype(np.float64), n)
    alpha, beta = p.reliability_prior
    reliability = (alpha + credit) / (alpha + beta + trials)

    weighted = _sums(who, decayed * batch.tones[seen], n)
    total = _sums(who, decayed, n)
    shrunk = total + p.tone_prior_weight
    mean = np.divide(weighted, shrunk, out=np.zeros(n), where=shrunk > 0)
    tone = (mean + 2.0) / 4.0

    favoured = np.bincount(owner, minlength=n) > 0
    promised = np.bincount(batch.promise_of[made], minlength=n) > 0
    recorded = met | favoured | promised
    parts = (
        ("recency", recency, recorded),
        ("frequency", frequency, recorded),
        ("reciprocity", reciprocity, favoured),
        ("reliability", reliability, trials > 0),
        ("tone", tone, met),
    )
    points = np.zeros(n)
    counted = np.zeros(n)
    for name, value, known in parts:
        points = points + np.where(known, 100.0 * weight[name] * value, 0.0)
        counted = counted + np.where(known, weight[name], 0.0)
    score = np.divide(points, counted, out=np.full(n, np.nan), where=counted > 0)
    return BatchScores(as_of=as_of, scores=score, gaps=gaps)
