"""Turning committed seeds into explained plan steps (private)."""

from __future__ import annotations

import numpy as np

from allies.analysis.cascade._model import IntArray
from allies.analysis.cascade._worlds import Worlds
from allies.analysis.cascade.result import PlanStep, Sway


def take_step(worlds: Worlds, node: int, spread_before: float, sways: int) -> PlanStep:
    """Activate ``node`` in the worlds and describe what it changes."""
    gain, newly = worlds.commit(np.array([node], dtype=np.int64))
    increase = newly / worlds.count
    increase[node] = 0.0
    probability = worlds.activation
    order = np.lexsort((np.arange(increase.size), -increase))
    chosen = [int(i) for i in order[:sways] if increase[i] > 0.0]
    return PlanStep(
        node=int(node),
        gain=gain,
        spread=spread_before + gain,
        sways=tuple(
            Sway(node=i, probability=float(probability[i]), increase=float(increase[i]))
            for i in chosen
        ),
    )


def as_nodes(values: object, n: int, name: str) -> IntArray:
    """Distinct valid node indices, sorted."""
    nodes = np.unique(np.asarray(values, dtype=np.int64).reshape(-1))
    if nodes.size and (nodes[0] < 0 or nodes[-1] >= n):
        raise ValueError(f"{name} must be indices between 0 and {n - 1}")
    return nodes
