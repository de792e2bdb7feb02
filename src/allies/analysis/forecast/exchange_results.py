"""What the Stokman-Van Oosten exchange model returns: each trade with the two
concessions it is made of, the candidates of a round, the rounds and the forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.analysis.forecast._arrays import FloatArray


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
