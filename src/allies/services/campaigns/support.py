"""Support, counted one way everywhere: who is *on board* with my position.

A stakeholder's distance to my position is the salience-weighted mean of
``|position − my position|`` over the issues they have a stance on (the plain mean where
every salience is zero); on a single issue it is simply ``|position − my position|``.
Within :data:`ON_BOARD` points they are **on board**; :data:`AGAINST` points or more
away they are **against me**; in between **undecided**. The stance tables, the
campaign page, the approach plan (whose supporters start the cascade), the command line
and the API all use :func:`support_distance` and :func:`side_of_distance`, so a page
never shows one count of supporters beside another.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "AGAINST",
    "AGAINST_WORD",
    "ON_BOARD",
    "ON_BOARD_WORD",
    "SIDES",
    "UNDECIDED_WORD",
    "on_board_mask",
    "side_of",
    "side_of_distance",
    "support_distance",
]

FloatArray = npt.NDArray[np.float64]

#: Within this many points of my position (weighted mean over the issues) a
#: stakeholder is on board.
ON_BOARD = 10.0
#: This many points or more from my position a stakeholder is against me.
AGAINST = 40.0

#: The words every face shows for the three sides.
ON_BOARD_WORD = "on board"
UNDECIDED_WORD = "undecided"
AGAINST_WORD = "against me"
SIDES = (ON_BOARD_WORD, UNDECIDED_WORD, AGAINST_WORD)


def side_of_distance(distance: float, *, on_board: float = ON_BOARD) -> str:
    """``on board``, ``undecided`` or ``against me`` for a distance to my position.

    Examples
    --------
    >>> [side_of_distance(d) for d in (0.0, 10.0, 10.5, 39.9, 40.0)]
    ['on board', 'on board', 'undecided', 'undecided', 'against me']
    """
    if distance <= on_board:
        return ON_BOARD_WORD
    if distance >= AGAINST:
        return AGAINST_WORD
    return UNDECIDED_WORD


def side_of(position: float, desired: float) -> str:
    """The side of one stance on one issue (its distance is ``|position − desired|``)."""
    return side_of_distance(abs(position - desired))


def support_distance(
    positions: npt.ArrayLike, saliences: npt.ArrayLike, desired: npt.ArrayLike
) -> FloatArray:
    """Salience-weighted mean distance to my position over each person's issues.

    Parameters
    ----------
    positions : array, shape (n, issues)
        ``nan`` where a person has no stance.
    saliences : array, shape (n, issues)
    desired : array, shape (issues,)

    Returns
    -------
    ndarray, shape (n,)
        ``nan`` for people with no stance at all. Where every salience of a person is
        zero, the plain mean.

    Examples
    --------
    >>> import numpy as np
    >>> support_distance(np.array([[40.0, np.nan], [80.0, 20.0]]),
    ...                  np.array([[0.5, 0.0], [0.9, 0.1]]), np.array([90.0, 70.0])).tolist()
    [50.0, 14.0]
    """
    x = np.asarray(positions, dtype=np.float64)
    s = np.asarray(saliences, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] == 0:
        return np.full(x.shape[0] if x.ndim else 0, np.nan)
    present = ~np.isnan(x)
    gap = np.where(present, np.abs(np.nan_to_num(x) - np.asarray(desired)[None, :]), 0.0)
    weight = np.where(present, s, 0.0)
    total = weight.sum(axis=1)
    count = present.sum(axis=1)
    weighted = (gap * weight).sum(axis=1) / np.where(total > 0, total, 1.0)
    plain = gap.sum(axis=1) / np.maximum(count, 1)
    out = np.where(total > 0, weighted, plain)
    return np.asarray(np.where(count > 0, out, np.nan), dtype=np.float64)


def on_board_mask(distance: npt.ArrayLike, *, on_board: float = ON_BOARD) -> npt.NDArray[np.bool_]:
    """Who is on board, from :func:`support_distance` (nobody without a stance)."""
    d = np.asarray(distance, dtype=np.float64)
    return np.asarray(np.nan_to_num(d, nan=np.inf) <= on_board, dtype=bool)
