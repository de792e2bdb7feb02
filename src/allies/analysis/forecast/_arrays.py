"""Input checks shared by the forecasting models (private).

Positions may be ``nan`` for an actor who takes no position on an issue; such an
actor is left out of a one-issue forecast. Capabilities and saliences must be
finite and non-negative.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
ArrayLike1D = Sequence[float] | NDArray[np.floating] | NDArray[np.integer]


def as_vector(values: ArrayLike1D, name: str, size: int | None = None) -> FloatArray:
    """Return ``values`` as a one-dimensional float array, checking its length."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if size is not None and array.shape[0] != size:
        raise ValueError(f"{name} has {array.shape[0]} entries, expected {size}")
    return array


def as_weights(values: ArrayLike1D | None, name: str, size: int) -> FloatArray:
    """Return non-negative finite weights; ``None`` means all ones."""
    if values is None:
        return np.ones(size, dtype=np.float64)
    array = as_vector(values, name, size)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite")
    if np.any(array < 0):
        raise ValueError(f"{name} must not be negative")
    return array


def actor_inputs(
    positions: ArrayLike1D,
    capabilities: ArrayLike1D | None,
    saliences: ArrayLike1D | None,
) -> tuple[FloatArray, FloatArray, FloatArray, NDArray[np.bool_]]:
    """Check one issue's inputs.

    Returns
    -------
    positions, capabilities, saliences, present
        ``present`` marks the actors with a (finite) position. Raises ``ValueError``
        when no actor has a position or a position is infinite.
    """
    x = as_vector(positions, "positions")
    c = as_weights(capabilities, "capabilities", x.shape[0])
    s = as_weights(saliences, "saliences", x.shape[0])
    if np.any(np.isinf(x)):
        raise ValueError("positions must be finite (use nan for no position)")
    present = ~np.isnan(x)
    if not np.any(present):
        raise ValueError("no actor has a position on this issue")
    return x, c, s, present


def normalised(weights: FloatArray) -> FloatArray:
    """Weights scaled to sum to one; equal weights when they are all zero."""
    total = float(weights.sum())
    if total > 0.0:
        return weights / total
    return np.full(weights.shape, 1.0 / max(weights.shape[0], 1))
