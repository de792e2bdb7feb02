"""One actor's candidate exchanges with each partner, with the moves both would make.

The Stokman-Van Oosten exchange model (:mod:`.exchange`) lists every pair of actors
who stand on opposite sides of the expected outcomes of two issues. For a given
actor (me) this module keeps the pairs involving her and reports each from her
side: the issue she would *give ground* on (the one the partner cares about
relatively more) and the issue on which she would *get* the partner's movement
(the one she cares about relatively more), each move computed by the equal-gain
rule of :mod:`.exchange` from the initial positions.

References
----------
.. [1] Stokman, F. N. and Van Oosten, R. (1994). "The exchange of voting
   positions: an object-oriented model of policy networks." In Bueno de Mesquita
   and Stokman (eds.), *European Community Decision Making*, Yale University
   Press, 105-127.
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.analysis.forecast.exchange import _candidates, _evaluate, _inputs, _outcomes

__all__ = ["PairExchange", "exchanges_with"]


@dataclass(frozen=True)
class PairExchange:
    """An exchange between ``actor`` and ``partner``, seen from the actor's side.

    Attributes
    ----------
    partner : int
        The other actor.
    give_issue : int
        Where the actor moves towards the partner (the partner cares relatively more).
    give_from, give_to : float
        The actor's position on ``give_issue`` before and after, on its scale.
    get_issue : int
        Where the partner moves towards the actor (the actor cares relatively more).
    get_from, get_to : float
        The partner's position on ``get_issue`` before and after, on its scale.
    gain : float
        What each of the two gains (equal-gain rule).
    valid : bool
        Whether the exchange could be made (moves in range and in the right direction).
    """

    partner: int
    give_issue: int
    give_from: float
    give_to: float
    get_issue: int
    get_from: float
    get_to: float
    gain: float
    valid: bool


def exchanges_with(
    positions: object,
    saliences: object,
    power: object,
    actor: int,
    *,
    lower: object = None,
    upper: object = None,
) -> list[PairExchange]:
    """Every first-round candidate exchange involving ``actor``, best gain first.

    Parameters
    ----------
    positions, saliences, power, lower, upper
        As for :func:`allies.analysis.forecast.exchange`.
    actor : int
        The actor whose exchanges are wanted (row of ``positions``).

    Returns
    -------
    list of PairExchange
        Valid exchanges first, then by gain (largest first), then by partner.

    Examples
    --------
    >>> found = exchanges_with([[0.0, 0.0], [100.0, 100.0], [50.0, 50.0]],
    ...                        [[0.9, 0.1], [0.1, 0.9], [0.5, 0.5]], [1.0, 1.0, 1.0], 0)
    >>> [(e.partner, e.give_issue, e.get_issue, e.valid) for e in found]
    [(1, 1, 0, True)]
    """
    data = _inputs(positions, saliences, power, lower, upper)
    if not 0 <= actor < data.x.shape[0]:
        raise ValueError("actor must be a row of positions")
    weight = data.c * data.s
    outcome = _outcomes(data.x, weight, data.present)
    a, b, p, q = _candidates(data.x, data.s, data.present, outcome)
    mine = (a == actor) | (b == actor)
    a, b, p, q = a[mine], b[mine], p[mine], q[mine]
    if a.size == 0:
        return []
    found = _evaluate(a, b, p, q, data.x, data.x, data.s, data.c, weight.sum(axis=0), outcome)
    out: list[PairExchange] = []
    for k in range(a.size):
        demander = int(a[k]) == actor
        # The demander moves on the supply issue q; the supplier on the demand issue p.
        if demander:
            give, get, partner = int(q[k]), int(p[k]), int(b[k])
            my_end, their_end = found.end_a[k], found.end_b[k]
        else:
            give, get, partner = int(p[k]), int(q[k]), int(a[k])
            my_end, their_end = found.end_b[k], found.end_a[k]
        out.append(
            PairExchange(
                partner=partner,
                give_issue=give,
                give_from=float(data.to_scale(data.x[actor, give], give)),
                give_to=float(data.to_scale(my_end, give)),
                get_issue=get,
                get_from=float(data.to_scale(data.x[partner, get], get)),
                get_to=float(data.to_scale(their_end, get)),
                gain=float(found.gain[k]),
                valid=bool(found.valid[k]),
            )
        )
    out.sort(key=lambda e: (not e.valid, -e.gain, e.partner))
    return out
