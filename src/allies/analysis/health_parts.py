"""The parts of relationship health: decay, recency, frequency, reciprocity, reliability, tone.

Pure functions on arrays of day numbers (``date.toordinal()``) and values; the evidence of
one relationship is an :class:`Evidence`. :mod:`allies.analysis.health` combines the parts
into the score and documents the formulas and their sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "BoolArray",
    "Evidence",
    "FloatArray",
    "PromiseTally",
    "beta_mean",
    "decay",
    "frequency",
    "promise_tally",
    "recency",
    "reciprocity",
    "tone",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def _floats(values: Sequence[float] | npt.ArrayLike | None) -> FloatArray:
    if values is None:
        return np.zeros(0, dtype=np.float64)
    return np.atleast_1d(np.asarray(values, dtype=np.float64))


@dataclass(frozen=True)
class Evidence:
    """Everything known about one relationship, as arrays of day numbers and values.

    Attributes
    ----------
    interaction_days, tones : ndarray
        The day of each interaction and how it went (-2..+2).
    favour_days, favour_values : ndarray
        The day of each favour and its value in units, positive when I gave it and
        negative when I received it.
    promise_made, promise_due, promise_resolved : ndarray
        Per promise, the day it was made, was due (``nan``: no due date) and was settled
        (``nan``: still open).
    promise_credit : ndarray
        Per promise, 1 kept, ``late_credit`` late, 0 broken; ``nan`` while open.
    promise_mine : ndarray of bool
        Whether I made the promise (else they made it to me).
    """

    interaction_days: FloatArray
    tones: FloatArray
    favour_days: FloatArray
    favour_values: FloatArray
    promise_made: FloatArray
    promise_due: FloatArray
    promise_resolved: FloatArray
    promise_credit: FloatArray
    promise_mine: BoolArray

    @classmethod
    def build(
        cls,
        *,
        interaction_days: npt.ArrayLike | None = None,
        tones: npt.ArrayLike | None = None,
        favour_days: npt.ArrayLike | None = None,
        favour_values: npt.ArrayLike | None = None,
        promise_made: npt.ArrayLike | None = None,
        promise_due: npt.ArrayLike | None = None,
        promise_resolved: npt.ArrayLike | None = None,
        promise_credit: npt.ArrayLike | None = None,
        promise_mine: npt.ArrayLike | None = None,
    ) -> Evidence:
        """Evidence from plain sequences; omitted ones are empty (tones default to 0).

        Raises
        ------
        ValueError
            When arrays that belong together differ in length.
        """
        days = _floats(interaction_days)
        tone_values = _floats(tones) if tones is not None else np.zeros_like(days)
        made = _floats(promise_made)
        n = made.size

        def per_promise(values: npt.ArrayLike | None) -> FloatArray:
            return _floats(values) if values is not None else np.full(n, np.nan)

        mine = (
            np.atleast_1d(np.asarray(promise_mine, dtype=bool))
            if promise_mine is not None
            else np.zeros(n, dtype=bool)
        )
        evidence = cls(
            interaction_days=days,
            tones=tone_values,
            favour_days=_floats(favour_days),
            favour_values=_floats(favour_values),
            promise_made=made,
            promise_due=per_promise(promise_due),
            promise_resolved=per_promise(promise_resolved),
            promise_credit=per_promise(promise_credit),
            promise_mine=mine,
        )
        evidence._check()
        return evidence

    def _check(self) -> None:
        if self.tones.size != self.interaction_days.size:
            raise ValueError("one tone per interaction")
        if self.favour_values.size != self.favour_days.size:
            raise ValueError("one value per favour")
        n = self.promise_made.size
        for name in ("promise_due", "promise_resolved", "promise_credit", "promise_mine"):
            if getattr(self, name).size != n:
                raise ValueError(f"{name} needs one entry per promise")

    def last_contact(self, as_of: int) -> int | None:
        """The day of the latest interaction on or before ``as_of``, if any."""
        seen = self.interaction_days[self.interaction_days <= as_of]
        return int(seen.max()) if seen.size else None


def decay(ages: npt.ArrayLike, half_life: float) -> FloatArray:
    """Exponential decay weights ``2 ** (-age / half_life)``; negative ages weigh 0.

    Examples
    --------
    >>> decay([0, 90, 180], 90).tolist()
    [1.0, 0.5, 0.25]
    """
    if half_life <= 0:
        raise ValueError("half_life must be positive")
    a = _floats(ages)
    weights: FloatArray = np.where(a >= 0, np.exp2(-np.maximum(a, 0.0) / half_life), 0.0)
    return weights


def recency(gap: float | None, max_gap: float) -> float:
    """``2 ** (-gap / max_gap)``: 1 when seen today, 0.5 at the maximum gap, 0 if never.

    Examples
    --------
    >>> recency(60, 60), recency(None, 60)
    (0.5, 0.0)
    """
    if gap is None:
        return 0.0
    return float(decay([gap], max_gap)[0])


def frequency(ages: npt.ArrayLike, ideal_gap: float, half_life: float) -> tuple[float, float]:
    """Decay-weighted contact count relative to meeting every ``ideal_gap`` days.

    Returns
    -------
    value : float
        ``min(1, count / expected)``.
    count : float
        The decay-weighted count of interactions.

    Examples
    --------
    >>> value, count = frequency([0, 30, 60], 30, 90)
    >>> round(value, 2), round(count, 2)
    (0.5, 2.42)
    """
    count = float(decay(ages, half_life).sum())
    expected = 1.0 / (1.0 - 2.0 ** (-ideal_gap / half_life))
    return min(1.0, count / expected), count


def reciprocity(given: float, received: float, prior_units: float = 3.0) -> float:
    """``min(1, 2 (given + a) / (given + received + 2a))``: 1 while I give as much as I take.

    Examples
    --------
    >>> reciprocity(0, 0), round(reciprocity(0, 9), 2)
    (1.0, 0.4)
    """
    share = (given + prior_units) / (given + received + 2 * prior_units)
    return min(1.0, 2.0 * share)


def beta_mean(successes: float, trials: float, prior: tuple[float, float] = (2.0, 1.0)) -> float:
    """The posterior mean ``(alpha + s) / (alpha + beta + n)`` of a Beta-Binomial model.

    Examples
    --------
    >>> beta_mean(2, 2), round(beta_mean(0, 0), 3)
    (0.8, 0.667)
    """
    alpha, beta = prior
    if alpha <= 0 or beta <= 0:
        raise ValueError("the Beta prior needs alpha > 0 and beta > 0")
    return (alpha + successes) / (alpha + beta + trials)


def tone(tones: npt.ArrayLike, weights: npt.ArrayLike, prior_weight: float = 2.0) -> float:
    """Weighted mean tone shrunk towards 0 by ``prior_weight``, rescaled from -2..+2 to 0-1.

    Examples
    --------
    >>> tone([2, 2], [1, 1], 2.0)
    0.75
    """
    t, w = _floats(tones), _floats(weights)
    mean = float((w * t).sum() / (w.sum() + prior_weight)) if prior_weight + w.sum() > 0 else 0.0
    return (mean + 2.0) / 4.0


@dataclass(frozen=True)
class PromiseTally:
    """Promises that count towards reliability as of a day, for one side or both."""

    kept: int
    late: int
    broken: int
    overdue: int
    credit: float

    @property
    def trials(self) -> int:
        """How many promises count."""
        return self.kept + self.late + self.broken + self.overdue


def promise_tally(evidence: Evidence, as_of: int, mine: bool | None = None) -> PromiseTally:
    """Count settled and overdue promises as of a day (``mine``: mine, theirs, or both).

    A promise settled after ``as_of`` was still open then; an open promise counts (as a
    failure) only once its due day has passed.
    """
    if evidence.promise_made.size == 0:
        return PromiseTally(0, 0, 0, 0, 0.0)
    made = evidence.promise_made <= as_of
    if mine is not None:
        made &= evidence.promise_mine == mine
    # A missing day (NaN) compares False: never settled, never due.
    settled = made & (evidence.promise_resolved <= as_of)
    overdue = made & ~settled & (evidence.promise_due < as_of)
    credit = evidence.promise_credit[settled]
    kept = int(np.count_nonzero(credit >= 1.0))
    broken = int(np.count_nonzero(credit <= 0.0))
    late = int(credit.size) - kept - broken
    return PromiseTally(kept, late, broken, int(np.count_nonzero(overdue)), float(credit.sum()))
