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

import numpy as np
from numpy.typing import NDArray

from allies.analysis.forecast._arrays import FloatArray
from allies.analysis.forecast.exchange_candidates import _candidates, _evaluate, _inputs, _outcomes
from allies.analysis.forecast.exchange_results import (
    Candidate,
    Concession,
    ExchangeForecast,
    ExchangeRound,
    Trade,
)

__all__ = [
    "Candidate",
    "Concession",
    "ExchangeForecast",
    "ExchangeRound",
    "Trade",
    "candidate_exchanges",
    "exchange",
]

_TIE_DECIMALS = 12


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
