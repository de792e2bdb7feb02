"""The Stokman-Van Oosten exchange model of collective decisions on several issues.

Actors hold a position, a salience and a capability (power) on each issue. The
expected outcome of an issue is the Nash bargaining solution, the power ×
salience weighted mean :math:`O_p = \\sum_i c_{ip}s_{ip}x_{ip} / W_p` with
:math:`W_p = \\sum_i c_{ip}s_{ip}`. Two actors can gain by exchanging voting
positions when they stand on opposite sides of the outcomes of two issues and
each cares relatively more about the issue on which the other would move: actor
:math:`a` with :math:`s_{ap}/s_{aq} \\ge s_{bp}/s_{bq}` moves on issue :math:`q`
towards :math:`b`'s position and :math:`b` moves on :math:`p` towards :math:`a`'s.

*Equal-gain rule* (as in the Decide program of Stokman and Van Oosten, package
``decide-exchange-model``). A shift :math:`\\Delta x` of :math:`b` on :math:`p`
moves :math:`O_p` by :math:`d_p = \\Delta x\\, c_{bp}s_{bp}/W_p`. Both actors are to
gain equally, :math:`d_p s_{ap} - d_q s_{aq} = d_q s_{bq} - d_p s_{bp}`, so
:math:`d_q = d_p (s_{ap} + s_{bp}) / (s_{aq} + s_{bq})`. First :math:`b` moves all
the way to :math:`a`'s position; if the matching move of :math:`a` on :math:`q`
would overshoot :math:`b`'s position, :math:`a` moves all the way instead and
:math:`b`'s move is derived from it. If a move would push an outcome past the
partner's position, it is shortened so the outcome lands on that position, and
the other move is derived again. The gain is
:math:`|d_q s_{aq} - d_p s_{ap}|` (equal for both).

*Rounds.* At the start of a round the outcomes are computed, each pair of issues
splits the actors into four groups by the side of the two outcomes they stand
on, and every pair of actors in opposite groups is a candidate exchange (so the
candidate count is :math:`\\sum_{p<q} (|A||D| + |B||C|)`). The valid candidate
with the highest gain is carried out (equal gains, to 12 decimals, keep their
order in the previous ranking, which starts in the order candidates are found),
then every remaining candidate is computed again from the actors' current voting
positions; a candidate that has become invalid is dropped for the round. A
candidate is invalid when its gain is below :math:`10^{-10}`, a move is zero or
leaves the scale, or an actor would have to move back past its partner's
position. When no valid candidate is left, the round ends; each actor that moved
on an issue starts the next round from
:math:`x + (0.1 + 0.4(1 - s))(y - x)` between its start :math:`x` and voting
position :math:`y` (Decide's default weights), and the model stops after
``rounds`` rounds or a round without exchanges. The forecast of each issue is the
Nash bargaining solution of the last voting positions.

Positions are normalised to 0-100 on each issue's scale (its ``lower`` and
``upper`` ends) for the computation and reported on the issue's own scale.

*Where this differs from Decide 2025.3.* Decide, when it shortens a move so an
outcome stops at the partner's position, uses the position the actor must take as
the length of the move, and it checks for overshooting only on candidates
recomputed after an exchange that touches them, against the round's start
positions; here the move is the distance to that position and every remaining
candidate is checked against the current voting positions. Decide breaks ties
between equal gains at random by default; here the ranking decides, as it does in
Decide with the random choice switched off. Decide also drops a candidate once its
recomputed moves add up to more than 100; here only direction and range are
checked. On Decide's sample data the first round's 240 candidates and their gains
are the same, and so are the first 14 exchanges carried out.

References
----------
.. [1] Stokman, F. N. and Van Oosten, R. (1994). "The exchange of voting
   positions: an object-oriented model of policy networks." In Bueno de Mesquita
   and Stokman (eds.), *European Community Decision Making*, Yale University
   Press, 105-127.
.. [2] Stokman, F. N., Van Assen, M., Van der Knoop, J. and Van Oosten, R. (2000).
   "Strategic decision making." *Advances in Group Processes* 17, 131-153.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from allies.analysis.forecast._arrays import FloatArray

__all__ = [
    "Candidate",
    "Concession",
    "ExchangeForecast",
    "ExchangeRound",
    "Trade",
    "candidate_exchanges",
    "exchange",
]

_GAIN_FLOOR = 1e-10
_MOVE_FLOOR = 1e-10
_TIE_DECIMALS = 12
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Concession:
    """One side of an exchange: an actor moving its vote on an issue.

    Attributes
    ----------
    actor : int
        Who moves.
    issue : int
        On which issue (one the partner cares about relatively more).
    start, end : float
        The voting position before and after, on the issue's scale.
    partner : int
        Towards whose position the actor moves.
    """

    actor: int
    issue: int
    start: float
    end: float
    partner: int


@dataclass(frozen=True)
class Trade:
    """An exchange carried out: each actor gives way on the other's issue.

    Attributes
    ----------
    round : int
        The round (from 1).
    first, second : Concession
        ``first.actor`` moves on ``first.issue`` towards ``second.actor``, who in
        return moves on ``second.issue``.
    gain : float
        The expected utility each of the two gains (salience-weighted shift of
        the outcomes, on the 0-100 scale).
    """

    round: int
    first: Concession
    second: Concession
    gain: float


@dataclass(frozen=True)
class Candidate:
    """A candidate exchange at the start of a round.

    ``demander`` cares relatively more about ``demand_issue`` and moves on
    ``supply_issue``; ``supplier`` moves on ``demand_issue`` in return.
    ``gain`` is the equal gain and ``valid`` whether the exchange could be made.
    """

    demander: int
    supplier: int
    demand_issue: int
    supply_issue: int
    gain: float
    valid: bool


@dataclass(frozen=True)
class ExchangeRound:
    """One round of exchanges.

    Attributes
    ----------
    number : int
        The round (from 1).
    candidates, valid : int
        How many candidate exchanges the round started with, and how many of them
        were valid then.
    trades : tuple of Trade
        The exchanges carried out, in order.
    start, voting : ndarray, shape (actors, issues)
        Positions at the start of the round and the voting positions at its end
        (``nan`` where an actor has no position).
    outcome : ndarray, shape (issues,)
        The Nash bargaining solution of the voting positions.
    """

    number: int
    candidates: int
    valid: int
    trades: tuple[Trade, ...]
    start: FloatArray
    voting: FloatArray
    outcome: FloatArray


@dataclass(frozen=True)
class ExchangeForecast:
    """The forecast of the exchange model.

    Attributes
    ----------
    outcome : ndarray, shape (issues,)
        The forecast of each issue: the Nash bargaining solution of the voting
        positions after the last round.
    initial_outcome : ndarray, shape (issues,)
        The Nash bargaining solution of the initial positions.
    positions : ndarray, shape (actors, issues)
        The voting positions after the last round.
    rounds : tuple of ExchangeRound
    """

    outcome: FloatArray
    initial_outcome: FloatArray
    positions: FloatArray
    rounds: tuple[ExchangeRound, ...]

    @property
    def trades(self) -> tuple[Trade, ...]:
        """All exchanges carried out, round by round."""
        return tuple(trade for played in self.rounds for trade in played.trades)


@dataclass
class _Inputs:
    """Checked inputs on the 0-100 scale."""

    x: FloatArray
    s: FloatArray
    c: FloatArray
    present: NDArray[np.bool_]
    lower: FloatArray
    upper: FloatArray

    def to_scale(
        self, values: FloatArray, issue: IntArray | int | slice = slice(None)
    ) -> FloatArray:
        span = self.upper[issue] - self.lower[issue]
        return np.asarray(values / 100.0 * span + self.lower[issue], dtype=np.float64)


def _inputs(
    positions: object,
    saliences: object,
    power: object,
    lower: object,
    upper: object,
) -> _Inputs:
    x = np.array(positions, dtype=np.float64, ndmin=2)
    if x.ndim != 2:
        raise ValueError("positions must be a matrix of actors × issues")
    n, m = x.shape
    s = np.broadcast_to(np.asarray(saliences, dtype=np.float64), (n, m)).copy()
    c_raw = np.asarray(power, dtype=np.float64)
    if c_raw.ndim == 1:
        c_raw = c_raw[:, None]
    c = np.broadcast_to(c_raw, (n, m)).copy()
    present = ~np.isnan(x)
    for name, values in (("saliences", s), ("power", c)):
        if not np.all(np.isfinite(values[present])) or np.any(values[present] < 0):
            raise ValueError(f"{name} must be finite and non-negative")
    if np.any(np.isinf(x)):
        raise ValueError("positions must be finite (use nan for no position)")
    lo = np.broadcast_to(np.asarray(0.0 if lower is None else lower, dtype=np.float64), (m,))
    hi = np.broadcast_to(np.asarray(100.0 if upper is None else upper, dtype=np.float64), (m,))
    span = hi - lo
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = np.where(span > 0, (x - lo) * 100.0 / np.where(span > 0, span, 1.0), 0.0)
    scaled = np.where(present, scaled, np.nan)
    if np.any(scaled[present] < -1e-9) or np.any(scaled[present] > 100.0 + 1e-9):
        raise ValueError("positions must lie between each issue's lower and upper ends")
    s = np.where(present, s, 0.0)
    c = np.where(present, c, 0.0)
    return _Inputs(np.clip(scaled, 0.0, 100.0), s, c, present, lo.copy(), hi.copy())


def _outcomes(x: FloatArray, weight: FloatArray, present: NDArray[np.bool_]) -> FloatArray:
    """Nash bargaining solution per issue (plain mean when all weights are zero)."""
    total = weight.sum(axis=0)
    filled = np.where(present, x, 0.0)
    weighted = (weight * filled).sum(axis=0)
    counts = present.sum(axis=0)
    plain = filled.sum(axis=0) / np.maximum(counts, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, weighted / np.where(total > 0, total, 1.0), plain)


def _candidates(
    x: FloatArray, s: FloatArray, present: NDArray[np.bool_], outcome: FloatArray
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Candidate pairs in Decide's order: (demander, supplier, demand p, supply q)."""
    m = x.shape[1]
    left = present & (x <= outcome[None, :])
    firsts: list[IntArray] = []
    seconds: list[IntArray] = []
    ps: list[IntArray] = []
    qs: list[IntArray] = []
    for p in range(m):
        for q in range(p + 1, m):
            both = present[:, p] & present[:, q]
            group = left[:, p].astype(np.int64) + 2 * left[:, q].astype(np.int64)
            for g_i, g_j in ((0, 3), (1, 2)):
                members_i = np.flatnonzero(both & (group == g_i))
                members_j = np.flatnonzero(both & (group == g_j))
                if members_i.size == 0 or members_j.size == 0:
                    continue
                ii = np.repeat(members_i, members_j.size)
                jj = np.tile(members_j, members_i.size)
                firsts.append(ii)
                seconds.append(jj)
                ps.append(np.full(ii.size, p))
                qs.append(np.full(ii.size, q))
    if not firsts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    i_all, j_all = np.concatenate(firsts), np.concatenate(seconds)
    p_all, q_all = np.concatenate(ps), np.concatenate(qs)
    # The demander cares relatively more about p: s_ip / s_iq >= s_jp / s_jq.
    swap = s[i_all, p_all] * s[j_all, q_all] < s[j_all, p_all] * s[i_all, q_all]
    demander = np.where(swap, j_all, i_all)
    supplier = np.where(swap, i_all, j_all)
    return demander, supplier, p_all, q_all


@dataclass
class _Evaluation:
    gain: FloatArray
    end_a: FloatArray  # demander's new position on the supply issue q
    end_b: FloatArray  # supplier's new position on the demand issue p
    valid: NDArray[np.bool_]


def _evaluate(
    a: IntArray,
    b: IntArray,
    p: IntArray,
    q: IntArray,
    start: FloatArray,
    voting: FloatArray,
    s: FloatArray,
    c: FloatArray,
    total: FloatArray,
    outcome: FloatArray,
) -> _Evaluation:
    """Equal-gain moves and gains of the candidates from the current positions."""
    sap, saq, sbp, sbq = s[a, p], s[a, q], s[b, p], s[b, q]
    waq = c[a, q] * saq  # weights on the outcomes
    wbp = c[b, p] * sbp
    wp, wq = total[p], total[q]
    usable = (waq > 0) & (wbp > 0) & (wp > 0) & (wq > 0) & (sap + sbp > 0) & (saq + sbq > 0)
    safe = np.where(usable, 1.0, 0.0)

    def div(num: FloatArray, den: FloatArray) -> FloatArray:
        return np.where(usable, num / np.where(usable, den, 1.0), 0.0)

    target_p = start[a, p]  # the demander's own position on p
    target_q = start[b, q]  # the supplier's own position on q
    ya, yb = voting[a, q], voting[b, p]
    gap_a = np.abs(target_q - ya)
    gap_b = np.abs(target_p - yb)
    ratio_q = div(sap + sbp, saq + sbq)  # d_q = ratio_q * d_p

    d_p = div(gap_b * wbp, wp)
    d_q = ratio_q * d_p
    move_a = div(d_q * wq, waq)
    move_b = gap_b.copy()
    over = move_a > gap_a
    d_q = np.where(over, div(gap_a * waq, wq), d_q)
    d_p = np.where(over, div(d_q, ratio_q), d_p)
    move_a = np.where(over, gap_a, move_a)
    move_b = np.where(over, div(d_p * wp, wbp), move_b)

    dir_a = np.sign(target_q - ya)
    dir_b = np.sign(target_p - yb)
    # Shorten a move that would carry an outcome past the partner's position.
    for _ in range(2):
        out_q0 = outcome[q]
        out_q1 = out_q0 + dir_a * move_a * div(waq, wq)
        past_q = (target_q - out_q0) * (target_q - out_q1) < 0
        new_dq = np.abs(target_q - out_q0)
        d_q = np.where(past_q, new_dq, d_q)
        d_p = np.where(past_q, div(new_dq, ratio_q), d_p)
        move_a = np.where(past_q, div(new_dq * wq, waq), move_a)
        move_b = np.where(past_q, div(d_p * wp, wbp), move_b)
        out_p0 = outcome[p]
        out_p1 = out_p0 + dir_b * move_b * div(wbp, wp)
        past_p = (target_p - out_p0) * (target_p - out_p1) < 0
        new_dp = np.abs(target_p - out_p0)
        d_p = np.where(past_p, new_dp, d_p)
        d_q = np.where(past_p, ratio_q * new_dp, d_q)
        move_b = np.where(past_p, div(new_dp * wp, wbp), move_b)
        move_a = np.where(past_p, div(d_q * wq, waq), move_a)

    gain = np.abs(d_q * saq - d_p * sap) * safe
    end_a = ya + dir_a * move_a
    end_b = yb + dir_b * move_b
    first_dir_a = np.sign(target_q - start[a, q])
    first_dir_b = np.sign(target_p - start[b, p])
    valid = (
        usable
        & (gain >= _GAIN_FLOOR)
        & (move_a > _MOVE_FLOOR)
        & (move_b > _MOVE_FLOOR)
        & (dir_a == first_dir_a)
        & (dir_b == first_dir_b)
        & (end_a >= -1e-9)
        & (end_a <= 100.0 + 1e-9)
        & (end_b >= -1e-9)
        & (end_b <= 100.0 + 1e-9)
    )
    return _Evaluation(gain, np.clip(end_a, 0.0, 100.0), np.clip(end_b, 0.0, 100.0), valid)


def candidate_exchanges(
    positions: object,
    saliences: object,
    power: object,
    *,
    lower: object = None,
    upper: object = None,
) -> list[Candidate]:
    """List the candidate exchanges of the first round with their equal gains.

    Parameters
    ----------
    positions : array_like, shape (actors, issues)
        Positions on each issue's scale; ``nan`` where an actor has none.
    saliences : array_like, shape (actors, issues)
        In [0, 1].
    power : array_like, shape (actors, issues) or (actors,)
        Capability of each actor (on each issue).
    lower, upper : array_like, shape (issues,), optional
        The ends of each issue's scale; 0 and 100 when omitted.

    Returns
    -------
    list of Candidate
        In the order Decide finds them (issue pairs in order, then the actors).
    """
    data = _inputs(positions, saliences, power, lower, upper)
    weight = data.c * data.s
    outcome = _outcomes(data.x, weight, data.present)
    a, b, p, q = _candidates(data.x, data.s, data.present, outcome)
    found = _evaluate(a, b, p, q, data.x, data.x, data.s, data.c, weight.sum(axis=0), outcome)
    return [
        Candidate(
            int(a[k]), int(b[k]), int(p[k]), int(q[k]), float(found.gain[k]), bool(found.valid[k])
        )
        for k in range(a.size)
    ]


def exchange(
    positions: object,
    saliences: object,
    power: object,
    *,
    lower: object = None,
    upper: object = None,
    rounds: int = 10,
    salience_weight: float = 0.4,
    fixed_weight: float = 0.1,
) -> ExchangeForecast:
    """Run the exchange model and forecast each issue.

    Parameters
    ----------
    positions : array_like, shape (actors, issues)
        Positions on each issue's scale; ``nan`` where an actor has none.
    saliences : array_like, shape (actors, issues)
        In [0, 1].
    power : array_like, shape (actors, issues) or (actors,)
        Capability of each actor (on each issue).
    lower, upper : array_like, shape (issues,), optional
        The ends of each issue's scale; 0 and 100 when omitted.
    rounds : int
        Most rounds to play (Decide's default is 10).
    salience_weight, fixed_weight : float
        How far towards its voting position an actor's start moves for the next
        round: ``fixed_weight + salience_weight * (1 - salience)``.

    Returns
    -------
    ExchangeForecast

    Examples
    --------
    >>> result = exchange(
    ...     [[0.0, 0.0], [100.0, 100.0]], [[0.9, 0.1], [0.1, 0.9]], [1.0, 1.0], rounds=1
    ... )
    >>> [(t.first.actor, t.first.issue, t.second.actor, t.second.issue) for t in result.trades]
    [(0, 1, 1, 0)]
    """
    if rounds < 0:
        raise ValueError("rounds must not be negative")
    data = _inputs(positions, saliences, power, lower, upper)
    weight = data.c * data.s
    total = weight.sum(axis=0)
    start = data.x.copy()
    initial = _outcomes(start, weight, data.present)
    played: list[ExchangeRound] = []
    voting = start.copy()
    for number in range(1, rounds + 1):
        outcome = _outcomes(start, weight, data.present)
        a, b, p, q = _candidates(start, data.s, data.present, outcome)
        voting = start.copy()
        found = _evaluate(a, b, p, q, start, voting, data.s, data.c, total, outcome)
        alive = found.valid.copy()
        n_valid = int(alive.sum())
        trades: list[Trade] = []
        rank = np.arange(a.size)
        while np.any(alive):
            # Highest gain first; equal gains keep their previous order.
            live = np.flatnonzero(alive)
            order = live[np.lexsort((rank[live], -np.round(found.gain[live], _TIE_DECIMALS)))]
            rank[order] = np.arange(order.size)
            k = int(order[0])
            ka, kb, kp, kq = int(a[k]), int(b[k]), int(p[k]), int(q[k])
            trades.append(
                Trade(
                    round=number,
                    first=Concession(
                        ka,
                        kq,
                        float(data.to_scale(voting[ka, kq], kq)),
                        float(data.to_scale(found.end_a[k], kq)),
                        kb,
                    ),
                    second=Concession(
                        kb,
                        kp,
                        float(data.to_scale(voting[kb, kp], kp)),
                        float(data.to_scale(found.end_b[k], kp)),
                        ka,
                    ),
                    gain=float(found.gain[k]),
                )
            )
            voting[ka, kq] = found.end_a[k]
            voting[kb, kp] = found.end_b[k]
            alive[k] = False
            current = _outcomes(voting, weight, data.present)
            rest = np.flatnonzero(alive)
            again = _evaluate(
                a[rest], b[rest], p[rest], q[rest], start, voting, data.s, data.c, total, current
            )
            found.gain[rest] = again.gain
            found.end_a[rest] = again.end_a
            found.end_b[rest] = again.end_b
            alive[rest] = again.valid
        played.append(
            ExchangeRound(
                number=number,
                candidates=int(a.size),
                valid=n_valid,
                trades=tuple(trades),
                start=_masked(data.to_scale(start), data.present),
                voting=_masked(data.to_scale(voting), data.present),
                outcome=data.to_scale(_outcomes(voting, weight, data.present)),
            )
        )
        if not trades:
            break
        moved = np.abs(voting - start) > 0
        step = fixed_weight + salience_weight * (1.0 - data.s)
        start = np.where(moved, start + step * (voting - start), start)
    final = _outcomes(voting, weight, data.present)
    return ExchangeForecast(
        outcome=data.to_scale(final),
        initial_outcome=data.to_scale(initial),
        positions=_masked(data.to_scale(voting), data.present),
        rounds=tuple(played),
    )


def _masked(values: FloatArray, present: NDArray[np.bool_]) -> FloatArray:
    return np.where(present, values, np.nan)
