"""How sure a forecast is: an 80 % range from errors measured out of sample.

A point forecast on its own overstates what anyone knows: on real EU decisions every
model misses by about twenty points on the 0-100 scale on average, and the error of
the same model differs by about six points between two sets of proposals. Each
forecast is therefore shown with a range, ``point ± half-width``, where the
half-width is the 80th percentile of the model's absolute errors on past decisions
(a *split-conformal* interval, Vovk, Gammerman and Shafer 2005; Lei et al. 2018).

Nothing in the models is fitted to the data; the half-width is the one number that
is, and it is checked out of sample: leave one proposal out, take the half-width
from the errors on the other proposals, and count how often the held-out outcomes
fall inside (:func:`grouped_coverage`). Issues of one proposal are decided
together, so they are held out together and resampled together
(:func:`bootstrap_by_group`).

The widths used by the app (:data:`RANGE_HALF_WIDTHS`) were computed with
``python benchmarks/forecast_deu.py tests/data/forecasting/deu3-dev.tsv`` on the
development half of DEU III (180 issues with an outcome, 68 proposals).

References
----------
.. [1] Vovk, V., Gammerman, A. and Shafer, G. (2005). *Algorithmic Learning in a
   Random World*. Springer.
.. [2] Lei, J., G'Sell, M., Rinaldo, A., Tibshirani, R. J. and Wasserman, L. (2018).
   "Distribution-free predictive inference for regression." *Journal of the
   American Statistical Association* 113(523), 1094-1111.
.. [3] Arregui, J. and Perarnaud, C. (2021). "A new dataset on legislative
   decision-making in the European Union: the DEU III dataset." *Journal of
   European Public Policy* 29(1), 12-22.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from allies.analysis.forecast._arrays import FloatArray

__all__ = [
    "LEVEL",
    "RANGE_HALF_WIDTHS",
    "BootstrapMean",
    "ForecastRange",
    "GroupedCoverage",
    "bootstrap_by_group",
    "conformal_half_width",
    "forecast_range",
    "grouped_coverage",
]

#: The share of outcomes the range is meant to hold.
LEVEL = 0.8

#: Half-width of the 80 % range of each model, in points on the 0-100 scale.
#:
#: Computed by ``python benchmarks/forecast_deu.py tests/data/forecasting/deu3-dev.tsv``
#: (its "half-width" column): the split-conformal quantile
#: (:func:`conformal_half_width`, the ⌈0.8 (n + 1)⌉-th smallest) of the absolute
#: errors on all 180 issues of the DEU III development half with a recorded outcome
#: (68 proposals). Left out one proposal at a time, the same rule covered 80.0 % of
#: held-out outcomes for the default and 80-81 % for the other averaging models (the
#: benchmark's "covered" column), so "80 %" is what was seen, not assumed; the
#: median-based models cover more (85-88 %) because many of their errors are exactly
#: 50. Friedkin-Johnsen is measured without a network (DEU has none), the expected
#: utility model as the published all-pairs version (median after bargaining) and
#: the exchange model on the issues of each proposal together. These are EU
#: legislative bargains; other kinds of decision may be less or more predictable.
RANGE_HALF_WIDTHS: dict[str, float] = {
    "default": 29.2,
    "compromise": 34.8,
    "weighted_median": 50.0,
    "friedkin_johnsen": 32.5,
    "expected_utility": 50.0,
    "exchange": 39.9,
    "mean_voter": 32.4,
}


def conformal_half_width(errors: Sequence[float] | FloatArray, level: float = LEVEL) -> float:
    """The split-conformal half-width: the ⌈level (n + 1)⌉-th smallest absolute error.

    With exchangeable errors, a new outcome falls within ``point ± half-width`` with
    probability at least ``level`` (Lei et al. 2018, theorem 2.1); the ``+ 1`` is what
    makes that hold for small ``n`` instead of the plain empirical quantile.

    Parameters
    ----------
    errors : sequence of float
        Absolute errors of past forecasts.
    level : float
        Share of outcomes to cover, in (0, 1).

    Returns
    -------
    float
        ``inf`` when there are too few errors to reach ``level``.

    Examples
    --------
    >>> conformal_half_width([1.0, 2.0, 3.0, 4.0], level=0.6)
    3.0
    """
    if not 0.0 < level < 1.0:
        raise ValueError("level must lie strictly between 0 and 1")
    values = np.sort(np.abs(np.asarray(errors, dtype=np.float64)))
    rank = math.ceil(level * (values.shape[0] + 1))
    if rank > values.shape[0]:
        return math.inf
    return float(values[rank - 1])


@dataclass(frozen=True)
class GroupedCoverage:
    """Held-out check of the range, one group (proposal) left out at a time.

    Attributes
    ----------
    coverage : float
        Share of held-out outcomes inside their range.
    covered : ndarray of bool
        For each issue, whether its outcome fell inside.
    """

    coverage: float
    covered: np.ndarray


def grouped_coverage(
    errors: Sequence[float] | FloatArray,
    groups: Sequence[str],
    level: float = LEVEL,
) -> GroupedCoverage:
    """Leave-one-group-out coverage of the split-conformal range.

    For each group the half-width is taken from the errors of all *other* groups, so
    the check uses no outcome of the group it scores.

    Parameters
    ----------
    errors : sequence of float
        Absolute error of each issue's point forecast.
    groups : sequence of str
        Each issue's group (its proposal); same length as ``errors``.
    level : float
        Share of outcomes the range should hold.

    Returns
    -------
    GroupedCoverage
    """
    err = np.abs(np.asarray(errors, dtype=np.float64))
    labels = np.asarray(list(groups))
    if labels.shape[0] != err.shape[0]:
        raise ValueError("errors and groups differ in length")
    widths = np.empty_like(err)
    for group in np.unique(labels):
        inside = labels == group
        widths[inside] = conformal_half_width(err[~inside], level)
    covered = err <= widths
    return GroupedCoverage(float(covered.mean()) if err.size else math.nan, covered)


@dataclass(frozen=True)
class BootstrapMean:
    """A mean with its bootstrap interval.

    Attributes
    ----------
    mean : float
        The mean over all issues.
    low, high : float
        The percentile interval of the mean over resampled groups.
    level : float
        The interval's level (0.95 by default).
    """

    mean: float
    low: float
    high: float
    level: float


def bootstrap_by_group(
    values: Sequence[float] | FloatArray,
    groups: Sequence[str],
    *,
    level: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
) -> BootstrapMean:
    """Percentile bootstrap of a mean over issues, resampling whole groups.

    Issues of one proposal are decided together and their errors move together;
    resampling issues one by one would make the interval too narrow.

    Parameters
    ----------
    values : sequence of float
        One value per issue (an absolute error, or a difference of two errors).
    groups : sequence of str
        Each issue's group (its proposal).
    level : float
        Level of the interval.
    resamples : int
        Number of bootstrap samples.
    seed : int
        Seed of the random generator, so the numbers can be reproduced.

    Returns
    -------
    BootstrapMean
    """
    data = np.asarray(values, dtype=np.float64)
    labels = np.asarray(list(groups))
    names, index = np.unique(labels, return_inverse=True)
    sums = np.bincount(index, weights=data, minlength=names.shape[0])
    counts = np.bincount(index, minlength=names.shape[0]).astype(np.float64)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, names.shape[0], size=(resamples, names.shape[0]))
    means = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return BootstrapMean(float(data.mean()), float(low), float(high), level)


@dataclass(frozen=True)
class ForecastRange:
    """A point forecast's 80 % range and how to say it.

    Attributes
    ----------
    low, high : float
        The range: the point ± the model's half-width, clipped to the scale.
    level : float
        The share of past outcomes such a range held.
    words : str
        The range in plain words, e.g. "likely between 55 and 80".
    basis : str
        What the range rests on, in plain words.
    """

    low: float
    high: float
    level: float
    words: str
    basis: str


def forecast_range(
    point: float,
    model: str = "default",
    *,
    bottom: float = 0.0,
    top: float = 100.0,
) -> ForecastRange:
    """The 80 % range around one model's forecast, from :data:`RANGE_HALF_WIDTHS`.

    Parameters
    ----------
    point : float
        The forecast.
    model : str
        A key of :data:`RANGE_HALF_WIDTHS`.
    bottom, top : float
        The ends of the scale; the range is clipped to them.

    Returns
    -------
    ForecastRange

    Examples
    --------
    >>> forecast_range(62.0).words
    'likely between 33 and 91'
    """
    half = RANGE_HALF_WIDTHS[model]
    low = max(bottom, point - half)
    high = min(top, point + half)
    share = round(LEVEL * 10)
    basis = (
        f"{share} in 10 past EU decisions ended within {half:.0f} points of this kind of forecast"
    )
    return ForecastRange(low, high, LEVEL, f"likely between {low:.0f} and {high:.0f}", basis)
