"""What an approach plan reports: the people to win, in order, and why."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from allies.analysis.cascade._model import FloatArray

__all__ = ["PlanStep", "SeedPlan", "SpreadEstimate", "Sway"]


@dataclass(frozen=True)
class Sway:
    """Someone a step brings along.

    Attributes
    ----------
    node : int
        The person.
    probability : float
        Her probability of coming on board once this step is taken.
    increase : float
        How much this step raised it.
    """

    node: int
    probability: float
    increase: float


@dataclass(frozen=True)
class PlanStep:
    """One person to win, in order.

    Attributes
    ----------
    node : int
        The person (index into the listens-to matrix).
    gain : float
        Expected value (decision power) this step adds.
    spread : float
        Expected value on board after this step, including those active from the
        start.
    sways : tuple of Sway
        The people whose probability of coming on board rose most with this step
        (the person herself excluded), largest rise first.
    """

    node: int
    gain: float
    spread: float
    sways: tuple[Sway, ...]


@dataclass(frozen=True)
class SeedPlan:
    """The order in which to win people so that support cascades.

    Attributes
    ----------
    steps : tuple of PlanStep
    method : str
        ``"celf"``, ``"greedy"`` or ``"imm"``.
    model : str
        ``"lt"`` (linear threshold) or ``"ic"`` (independent cascade).
    base_spread : float
        Expected value on board from the people active at the start.
    activation : ndarray
        Each person's probability of coming on board after the last step.
    simulations : int
        Samples behind ``gain``, ``spread`` and ``activation``: Monte Carlo worlds for
        the greedy methods, the RR sets of the selection for IMM.
    rr_sets : int
        Reverse-reachable sets the final selection used (IMM only).
    epsilon, delta : float or None
        IMM's accuracy parameters.
    guarantee : float or None
        For IMM: with probability at least ``1 - delta`` the selected people's
        expected spread is at least ``guarantee`` times the best possible with as
        many people (``1 - 1/e - epsilon``); ``None`` when no guarantee is stated
        (greedy methods, or when the cap on RR sets was hit).
    spread_error : float or None
        Standard error of ``spread`` from the samples behind it, when the method
        states it (IMM).
    """

    steps: tuple[PlanStep, ...]
    method: str
    model: str
    base_spread: float
    activation: FloatArray
    simulations: int
    rr_sets: int = 0
    epsilon: float | None = None
    delta: float | None = None
    guarantee: float | None = None
    spread_error: float | None = None

    @property
    def seeds(self) -> tuple[int, ...]:
        """The people to win, in order."""
        return tuple(step.node for step in self.steps)

    @property
    def spread(self) -> float:
        """Expected value on board once every step is taken."""
        return self.steps[-1].spread if self.steps else self.base_spread


@dataclass(frozen=True)
class SpreadEstimate:
    """A Monte Carlo estimate of the expected spread of a set of seeds.

    Attributes
    ----------
    spread : float
        Expected value on board.
    activation : ndarray
        Each person's probability of coming on board.
    simulations : int
        Worlds sampled.
    """

    spread: float
    activation: FloatArray
    simulations: int

    @property
    def expected_count(self) -> float:
        """Expected number of people on board."""
        return float(np.sum(self.activation))
