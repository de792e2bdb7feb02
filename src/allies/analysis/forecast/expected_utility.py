"""Bueno de Mesquita's expected-utility model of group decisions.

The model follows the specification reconstructed by Scholz, Calbert and Smith
(2011) from Bueno de Mesquita's publications. Positions :math:`x_i` lie on one
dimension whose range :math:`d = x_{max} - x_{min}` is taken from the initial
positions; :math:`c_i` is capability, :math:`s_i` salience, :math:`w_i = c_i s_i`.
One round goes as follows.

1. **Median.** :math:`\\mu` is the weighted median (the weighted Condorcet
   position) of the current positions, weights :math:`w_i`.
2. **Votes and the probability of success.** Actor :math:`k` casts
   :math:`v_k^{ij} = w_k(|x_k - x_j| - |x_k - x_i|)/d` votes for :math:`i` against
   :math:`j`. As in Scholz, Calbert and Smith's code, the probability that
   :math:`i` prevails over :math:`j` is the positive votes for :math:`i` divided by
   the votes cast in *all* contests, every ordered pair of actors,
   :math:`P_{ij} = \\sum_k \\max(v_k^{ij}, 0) / \\sum_{a \\ne b} \\sum_k |v_k^{ab}|`,
   so the :math:`P` of all ordered pairs sum to one half and a single contest is
   rarely likely to be won. This reproduces Bueno de Mesquita's (1994) published
   quadrant chart for Belgium in the EC car-emission example (Belgium's expected
   utility of challenging Denmark -0.84, the United Kingdom -0.66, Germany and the
   Netherlands -0.48, France and Italy -0.12, Luxembourg 0.61; the chart reads
   -0.82, -0.65, -0.46, -0.11 and 0.6).
   *Named variant* ``probability="per_pair"`` (not the published model): the
   share of the positive votes among the votes of that one contest,
   :math:`\\sum_k \\max(v_k^{ij}, 0) / \\sum_k |v_k^{ij}|` (so
   :math:`P_{ij} + P_{ji} = 1`), which makes every challenge look winnable and
   moves nine of ten actors in round one. Votes are risk-neutral (linear in
   distance). When every weight is zero each actor casts votes with weight one.
3. **Utilities**, with :math:`\\delta_{ij} = |x_i - x_j|/d` and risk exponent
   :math:`r_i`:
   :math:`U^s = 2 - 4(0.5 - 0.5\\delta_{ij})^{r_i}`,
   :math:`U^f = 2 - 4(0.5 + 0.5\\delta_{ij})^{r_i}`,
   :math:`U^b = 2 - 4(0.5 - 0.25(|x_i - \\mu|/d + \\delta_{ij}))^{r_i}`,
   :math:`U^w = 2 - 4(0.5 + 0.25(|x_i - \\mu|/d + \\delta_{ij}))^{r_i}`,
   :math:`U^{sq} = 2 - 4 \\cdot 0.5^{r_i}`.
4. **Expected utility of a challenge** by :math:`i` of :math:`j`:
   :math:`EU_{ij} = s_j(P_{ij}U^s + (1-P_{ij})U^f) + (1-s_j)U^s
   - Q U^{sq} - (1-Q)(T U^b + (1-T)U^w)`.
   *Values used*: :math:`Q = 1` (absent a challenge the status quo is expected to
   persist) and :math:`T = 1`; both are parameters. Each actor sees the contest
   through its own risk exponent: :math:`i`'s estimate of :math:`j`'s expected
   utility of challenging :math:`i`, :math:`E^iU_{ji}`, uses :math:`r_i`, :math:`s_i`
   and :math:`P_{ji}`.
5. **Risk exponents.** With every :math:`r = 1`, the threat to :math:`i` is
   :math:`S_i = \\sum_{j \\ne i} EU_{ji}`;
   :math:`R_i = (2S_i - S_{max} - S_{min})/(S_{max} - S_{min})` (0 when all
   :math:`S` are equal) and :math:`r_i = (1 - R_i/3)/(1 + R_i/3) \\in [0.5, 2]`.
   Steps 3-4 are then repeated with these exponents.
6. **Offers.** From :math:`i`'s point of view, with :math:`a = E^iU_{ij}` and
   :math:`b = E^iU_{ji} > 0` (so :math:`j` would challenge):
   *conflict* when :math:`b > a > 0` (:math:`i` expects to lose and moves to
   :math:`x_j`); *compromise* when :math:`a < 0` and :math:`b > |a|`
   (:math:`i` moves towards :math:`j` by the fraction :math:`|a|/b` of the
   distance, :math:`x_i + (x_j - x_i)|a|/b`); *capitulation* when :math:`a < 0`
   and :math:`|a| \\ge b` (:math:`i` moves to :math:`x_j`). Otherwise :math:`j`
   makes no credible offer. An actor gives in to a conflict it expects to lose
   before it compromises, and compromises before it capitulates: among conflicts
   and capitulations it takes the nearest position, among compromises the one
   offered by the challenger with most to gain (largest :math:`b`); ties go to
   the proposer listed first. All actors move at once.

How close this comes to the published run
-----------------------------------------
Scholz, Calbert and Smith publish the capability × salience weighted mean
position over ten rounds of the EC example as 7.4, 7.4, 7.5, 7.6, 7.3, 7.3, 7.4,
7.5, 7.6, 7.3, 7.2 (as transcribed in the public replication
dmasad/BDM_DecisionModel_Replication). This model gives 7.39, 7.46, 7.55, 7.59,
7.36, 7.35, 7.42, 7.51, 7.58, 7.33, 7.25, every round within 0.07, and in round
one moves Belgium, Luxembourg and Ireland only, as they report. The order in
which offers are taken matters: an actor that simply takes the least move of all
offers strays up to 0.35 from the published run.

Rounds repeat until no position moves by more than ``tolerance`` × :math:`d` or
``rounds`` is reached. The forecast is the weighted median of the final
positions (Bueno de Mesquita's forecast is the median voter position once
bargaining ends); the weighted mean is reported too.

Degenerate inputs have the obvious answer and never produce ``nan``: a single
actor, or all positions equal, give that position after zero rounds; when all
weights are zero each actor counts equally; zero salience means an actor never
resists a challenge.

References
----------
.. [1] Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011). "Unravelling Bueno
   de Mesquita's group decision model." *Journal of Theoretical Politics* 23(4),
   510-531.
.. [2] Bueno de Mesquita, B. (1994). "Political forecasting: an expected utility
   method." In Bueno de Mesquita and Stokman (eds.), *European Community Decision
   Making*, Yale University Press, 71-104.
.. [3] Bueno de Mesquita, B. (1985). "The war trap revisited: a revised expected
   utility model." *American Political Science Review* 79(1), 156-177.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from allies.analysis.forecast._arrays import ArrayLike1D, FloatArray, actor_inputs, normalised
from allies.analysis.forecast.median import weighted_median

__all__ = [
    "Accepted",
    "ExpectedUtilityForecast",
    "ExpectedUtilityRound",
    "OfferKind",
    "Probability",
    "expected_utility",
]

_CHUNK = 2_000_000


class Probability(StrEnum):
    """How the probability of winning a contest is normalised."""

    #: Positive votes over the votes cast in all contests (Scholz et al.'s code).
    ALL_PAIRS = "all_pairs"
    #: Positive votes over the votes cast in that one contest (a variant).
    PER_PAIR = "per_pair"


class OfferKind(StrEnum):
    """Why an actor moved."""

    CONFLICT = "conflict"
    COMPROMISE = "compromise"
    CAPITULATION = "capitulation"


@dataclass(frozen=True)
class Accepted:
    """An offer an actor accepted in a round.

    Attributes
    ----------
    actor : int
        The actor who moved.
    proposer : int
        The actor whose challenge it gave in to.
    kind : OfferKind
    start, end : float
        The actor's position before and after.
    """

    actor: int
    proposer: int
    kind: OfferKind
    start: float
    end: float


@dataclass(frozen=True)
class ExpectedUtilityRound:
    """One round of bargaining.

    Attributes
    ----------
    positions : ndarray
        Positions at the start of the round (``nan`` for actors left out).
    median, mean : float
        Weighted median and mean of those positions.
    risk : ndarray
        Each actor's risk exponent :math:`r_i` in this round.
    expected_utility : ndarray, shape (n, n)
        ``[i, j]`` is :math:`E^iU_{ij}`, actor i's expected utility of challenging j.
    accepted : tuple of Accepted
        The moves made at the end of the round.
    """

    positions: FloatArray
    median: float
    mean: float
    risk: FloatArray
    expected_utility: FloatArray
    accepted: tuple[Accepted, ...]


@dataclass(frozen=True)
class ExpectedUtilityForecast:
    """The forecast of the expected-utility model.

    Attributes
    ----------
    outcome : float
        Weighted median of the final positions.
    mean : float
        Weighted mean of the final positions.
    positions : ndarray
        Final positions (``nan`` for actors without a position).
    rounds : tuple of ExpectedUtilityRound
        The rounds played.
    converged : bool
        True when the last round moved no one.
    """

    outcome: float
    mean: float
    positions: FloatArray
    rounds: tuple[ExpectedUtilityRound, ...]
    converged: bool

    @property
    def trajectory(self) -> FloatArray:
        """Positions at the start of each round and at the end, one row each."""
        rows = [r.positions for r in self.rounds] + [self.positions]
        return np.vstack(rows)

    @property
    def medians(self) -> FloatArray:
        """The weighted median at the start of each round and at the end."""
        return np.array([r.median for r in self.rounds] + [self.outcome])


def _win_probability(
    x: FloatArray, w: FloatArray, d: float, normalisation: Probability
) -> FloatArray:
    """``P[i, j]``: positive votes for i against j over all votes (see step 2)."""
    m = x.shape[0]
    if not np.any(w > 0.0):
        w = np.ones_like(w)
    dist = np.abs(x[:, None] - x[None, :]) / d  # dist[k, j] = |x_k - x_j| / d
    positive = np.zeros((m, m))
    total = np.zeros((m, m))
    rows = max(1, _CHUNK // max(m * m, 1))
    for start in range(0, m, rows):
        stop = min(m, start + rows)
        # votes[i, k, j] = w_k (|x_k - x_j| - |x_k - x_i|) / d
        votes = w[None, :, None] * (dist[None, :, :] - dist.T[start:stop, :, None])
        positive[start:stop] = np.clip(votes, 0.0, None).sum(axis=1)
        total[start:stop] = np.abs(votes).sum(axis=1)
    np.fill_diagonal(positive, 0.0)
    np.fill_diagonal(total, 0.0)
    if normalisation is Probability.PER_PAIR:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0.0, positive / np.where(total > 0.0, total, 1.0), 0.5)
    grand = float(total.sum())  # every ordered contest (i against j, j against i)
    if grand <= 0.0:
        return np.full((m, m), 0.5)
    return positive / grand


def _power(base: FloatArray, exponent: FloatArray) -> FloatArray:
    """``base ** exponent`` row by row, for bases clipped into [0, 1]."""
    return np.power(np.clip(base, 0.0, 1.0), exponent[:, None])


def _challenge_utilities(
    dist: FloatArray,
    mu_dist: FloatArray,
    prob: FloatArray,
    s: FloatArray,
    r: FloatArray,
    q: float,
    t: float,
) -> tuple[FloatArray, FloatArray]:
    """Return ``(E, G)``: ``E[i, j]`` = E^i U_ij and ``G[i, j]`` = E^i U_ji."""
    u_success = 2.0 - 4.0 * _power(0.5 - 0.5 * dist, r)
    u_failure = 2.0 - 4.0 * _power(0.5 + 0.5 * dist, r)
    u_quo = (2.0 - 4.0 * np.power(0.5, r))[:, None]

    def status_quo(own_mu_dist: FloatArray) -> FloatArray:
        if q == 1.0:
            return np.broadcast_to(u_quo, dist.shape)
        spread = 0.25 * (own_mu_dist + dist)
        better = 2.0 - 4.0 * _power(0.5 - spread, r)
        worse = 2.0 - 4.0 * _power(0.5 + spread, r)
        return q * u_quo + (1.0 - q) * (t * better + (1.0 - t) * worse)

    resist_j = s[None, :]
    own = resist_j * (prob * u_success + (1.0 - prob) * u_failure) + (1.0 - resist_j) * u_success
    own = own - status_quo(mu_dist[:, None])
    resist_i = s[:, None]
    prob_ji = prob.T
    other = resist_i * (prob_ji * u_success + (1.0 - prob_ji) * u_failure)
    other = other + (1.0 - resist_i) * u_success - status_quo(mu_dist[None, :])
    np.fill_diagonal(own, 0.0)
    np.fill_diagonal(other, 0.0)
    return own, other


def _risk_exponents(threat_eu: FloatArray) -> FloatArray:
    """Risk exponents from the expected utilities others have of challenging i."""
    threat = threat_eu.sum(axis=0)  # column i: sum over challengers j of EU_ji
    top, bottom = float(threat.max()), float(threat.min())
    span = top - bottom
    if span <= 1e-12 * max(1.0, abs(top), abs(bottom)):
        return np.ones_like(threat)
    risk = (2.0 * threat - top - bottom) / span
    return (1.0 - risk / 3.0) / (1.0 + risk / 3.0)


def _choose_offers(
    x: FloatArray, own: FloatArray, other: FloatArray, tiny: float
) -> list[tuple[int, int, OfferKind, float]]:
    """Each actor's accepted offer as (actor, proposer, kind, new position).

    An actor gives in to a conflict it expects to lose before it compromises, and
    compromises before it capitulates (step 6).
    """
    m = x.shape[0]
    gap = x[None, :] - x[:, None]  # gap[i, j] = x_j - x_i
    apart = np.abs(gap) > tiny
    credible = apart & (other > 0.0)
    conflict = credible & (own > 0.0) & (other > own)
    yielding = credible & (own < 0.0)
    compromise = yielding & (other > -own)
    capitulation = yielding & ~compromise
    with np.errstate(invalid="ignore", divide="ignore"):
        fraction = np.where(compromise, -own / np.where(compromise, other, 1.0), 0.0)
    new = np.where(conflict | capitulation, x[None, :], x[:, None] + gap * fraction)
    move = np.abs(new - x[:, None])
    chosen: list[tuple[int, int, OfferKind, float]] = []
    for i in range(m):
        if conflict[i].any():
            kind, j = OfferKind.CONFLICT, _first_min(np.where(conflict[i], move[i], np.inf))
        elif compromise[i].any():
            kind, j = OfferKind.COMPROMISE, _first_min(np.where(compromise[i], -other[i], np.inf))
        elif capitulation[i].any():
            kind, j = OfferKind.CAPITULATION, _first_min(np.where(capitulation[i], move[i], np.inf))
        else:
            continue
        if move[i, j] > tiny:
            chosen.append((i, j, kind, float(new[i, j])))
    return chosen


def _first_min(values: FloatArray) -> int:
    """Index of the smallest value, the first one on ties."""
    return int(np.argmin(values))


def expected_utility(
    positions: ArrayLike1D,
    capabilities: ArrayLike1D | None = None,
    saliences: ArrayLike1D | None = None,
    *,
    rounds: int = 10,
    q: float = 1.0,
    t: float = 1.0,
    tolerance: float = 1e-9,
    probability: Probability | str = Probability.ALL_PAIRS,
) -> ExpectedUtilityForecast:
    """Run the expected-utility bargaining model on one issue.

    Parameters
    ----------
    positions : array_like
        Each actor's position; ``nan`` for an actor without one (left out).
    capabilities, saliences : array_like, optional
        Non-negative; saliences should lie in [0, 1]. All ones when omitted.
    rounds : int
        Most rounds of bargaining to play.
    q, t : float
        Probability that the status quo persists absent a challenge (Q) and that
        it improves if it changes (T); both in [0, 1].
    tolerance : float
        Bargaining stops when no position moves by more than this fraction of the
        range of positions.
    probability : {"all_pairs", "per_pair"}
        ``"all_pairs"`` (default) is the published model; ``"per_pair"`` is the
        named variant that normalises each contest on its own (step 2).

    Returns
    -------
    ExpectedUtilityForecast

    Examples
    --------
    >>> expected_utility([3.0, 3.0, 3.0]).outcome
    3.0
    """
    if rounds < 0:
        raise ValueError("rounds must not be negative")
    if not (0.0 <= q <= 1.0 and 0.0 <= t <= 1.0):
        raise ValueError("q and t must lie in [0, 1]")
    normalisation = Probability(probability)
    x_all, c_all, s_all, present = actor_inputs(positions, capabilities, saliences)
    if np.any(s_all > 1.0):
        raise ValueError("saliences must lie in [0, 1]")
    index = np.flatnonzero(present)
    x = x_all[index].copy()
    s = s_all[index]
    w = c_all[index] * s
    weights = normalised(w)
    d = float(x.max() - x.min())
    n = x_all.shape[0]

    def spread(values: FloatArray) -> FloatArray:
        full = np.full(n, np.nan)
        full[index] = values
        return full

    def square(values: FloatArray) -> FloatArray:
        full = np.zeros((n, n))
        full[np.ix_(index, index)] = values
        return full

    played: list[ExpectedUtilityRound] = []
    converged = True
    if d > 0.0 and index.shape[0] > 1:
        converged = False
        tiny = tolerance * d
        for _ in range(rounds):
            mu = weighted_median(x, weights)
            mean = float(np.dot(weights, x))
            dist = np.abs(x[:, None] - x[None, :]) / d
            mu_dist = np.abs(x - mu) / d
            prob = _win_probability(x, w, d, normalisation)
            neutral = np.ones_like(x)
            first, _ = _challenge_utilities(dist, mu_dist, prob, s, neutral, q, t)
            risk = _risk_exponents(first)
            own, other = _challenge_utilities(dist, mu_dist, prob, s, risk, q, t)
            offers = _choose_offers(x, own, other, tiny)
            accepted = tuple(
                Accepted(
                    actor=int(index[i]),
                    proposer=int(index[j]),
                    kind=kind,
                    start=float(x[i]),
                    end=new,
                )
                for i, j, kind, new in offers
            )
            played.append(
                ExpectedUtilityRound(
                    positions=spread(x.copy()),
                    median=mu,
                    mean=mean,
                    risk=spread(risk),
                    expected_utility=square(own),
                    accepted=accepted,
                )
            )
            if not offers:
                converged = True
                break
            for i, _, _, new in offers:
                x[i] = new
    outcome = weighted_median(x, weights)
    return ExpectedUtilityForecast(
        outcome=outcome,
        mean=float(np.dot(weights, x)),
        positions=spread(x),
        rounds=tuple(played),
        converged=converged,
    )
