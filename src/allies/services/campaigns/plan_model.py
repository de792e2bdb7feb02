"""From stances to a diffusion model: thresholds, decision power and who is on board.

The approach plan (:mod:`allies.services.campaigns.plan`) runs influence maximisation
(:mod:`allies.analysis.cascade`) on the listens-to graph. This module turns a
campaign's stances into that model's inputs, as pure functions on arrays, so the
benchmark and the tests use exactly the mapping the plan uses.

**Distance.** Person ``i``'s distance to my position is the salience-weighted mean,
over the issues she has a stance on, of :math:`|x_{ip} - x^*_p|` (points on the
0-100 scale); with one issue it is simply how far she stands from me.

**On board from the start.** Me, and everyone within ``tolerance`` points of my
position (10 by default): they already support me and start the cascade.

**Thresholds.** In the linear threshold model of :mod:`allies.analysis.cascade`,
person ``i``'s parameter :math:`t_i` is the chance that her threshold is uniform on
[0, 1] (Kempe, Kleinberg and Tardos 2003: she comes on board once the people she
listens to who are on board carry a random share of her attention); otherwise one
trusted voice on board is enough. The mapping is linear in the distance beyond the
tolerance:

.. math:: t_i = \\min\\left(1, \\max\\left(0,
   \\frac{d_i - \\text{tolerance}}{\\text{reach} - \\text{tolerance}}\\right)\\right)

so someone just outside the tolerance follows the first trusted voice, and someone
``reach`` points away (50 by default) or more needs the classic uniform threshold.
People without a stance get :math:`t_i = 1`: nothing is known of them, so they follow
the classic model. (With independent cascade the thresholds are not used; each
listens-to weight is the chance that a voice on board wins the listener.)

**Conviction.** Someone who cares about the campaign keeps part of her attention
for her own view: her *conviction* is her mean salience over her issues (capped at
:data:`MAX_CONVICTION`; 0 without a stance). In the linear threshold model, whose
listens-to weights are scaled to sum to one per person, this is an extra voice that
never comes on board, holding that share of her attention (:func:`with_conviction`),
so the weights of the others sum to :math:`1 - \text{conviction}` as in Kempe et
al.'s model, where they may sum to less than one; with independent cascade each
listens-to weight is multiplied by :math:`1 - \text{conviction}`. As in
Friedkin and Johnsen (1990), the more someone cares, the less others move her.

**Decision power (values).** Coming on board is worth :math:`v_i = c_i w_i`: the
person's capability (salience-weighted mean over her issues of the stated
capability, or the one derived from influence) times ``decider_weight`` (3 by
default) for a decider and 1 for anyone else. People without a stance carry no
value of their own (they decide nothing) but can still pass support on; a decider
without a stance still counts, with the capability derived from influence. The
expected *support* of a plan is :math:`\\sum_i v_i \\Pr[i \\text{ on board}]`.

References
----------
.. [1] Kempe, D., Kleinberg, J. and Tardos, É. (2003). "Maximizing the spread of
   influence through a social network." *KDD 2003*, 137-146.
.. [2] Friedkin, N. E. and Johnsen, E. C. (1990). "Social influence and opinions."
   *Journal of Mathematical Sociology* 15(3-4), 193-206.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.services.campaigns.support import ON_BOARD, on_board_mask, support_distance

__all__ = [
    "DECIDER_WEIGHT",
    "MAX_CONVICTION",
    "REACH",
    "TOLERANCE",
    "PlanModel",
    "build_plan_model",
    "distances",
    "thresholds_from_distance",
    "with_conviction",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

TOLERANCE = ON_BOARD
"""Points from my position within which someone is on board (the one threshold of
:mod:`allies.services.campaigns.support`)."""

REACH = 50.0
"""Points from my position at which someone needs the classic uniform threshold."""

DECIDER_WEIGHT = 3.0
"""How much more a decider's coming on board is worth than anyone else's."""

MAX_CONVICTION = 0.9
"""The largest share of her attention anyone keeps for her own view."""


@dataclass(frozen=True)
class PlanModel:
    """The inputs of the diffusion model for one campaign, indexed like the network.

    Attributes
    ----------
    distance : ndarray
        Points from my position (``nan`` without a stance).
    thresholds : ndarray
        The linear threshold parameter :math:`t_i` in [0, 1].
    values : ndarray
        Decision power :math:`v_i` (0 for people without a stance who do not decide).
    capability : ndarray
        Capability :math:`c_i` (0 without a stance, unless a decider).
    on_board : ndarray of bool
        Active from the start: me and the supporters within the tolerance.
    has_stance : ndarray of bool
    conviction : ndarray
        Share of attention each person keeps for her own view (mean salience).
    """

    distance: FloatArray
    thresholds: FloatArray
    values: FloatArray
    capability: FloatArray
    on_board: BoolArray
    has_stance: BoolArray
    conviction: FloatArray

    @property
    def total_value(self) -> float:
        """All the decision power there is to win."""
        return float(self.values.sum())


def distances(positions: FloatArray, saliences: FloatArray, desired: FloatArray) -> FloatArray:
    """Salience-weighted mean distance to my position over each person's issues.

    The one definition of :func:`allies.services.campaigns.support.support_distance`.
    """
    return support_distance(positions, saliences, desired)


def thresholds_from_distance(
    distance: FloatArray, *, tolerance: float = TOLERANCE, reach: float = REACH
) -> FloatArray:
    """The threshold parameter :math:`t_i` of each person (see the module docstring).

    Examples
    --------
    >>> import numpy as np
    >>> thresholds_from_distance(np.array([5.0, 30.0, 70.0, np.nan])).tolist()
    [0.0, 0.5, 1.0, 1.0]
    """
    if not 0 <= tolerance < reach:
        raise ValueError("tolerance must be at least 0 and below reach")
    d = np.asarray(distance, dtype=np.float64)
    t = np.clip((d - tolerance) / (reach - tolerance), 0.0, 1.0)
    return np.where(np.isnan(d), 1.0, t)


def build_plan_model(
    positions: FloatArray,
    saliences: FloatArray,
    capabilities: FloatArray,
    desired: FloatArray,
    *,
    deciders: IntArray,
    me: int | None = None,
    derived_capability: FloatArray | None = None,
    tolerance: float = TOLERANCE,
    reach: float = REACH,
    decider_weight: float = DECIDER_WEIGHT,
) -> PlanModel:
    """Turn stances into thresholds, values and the people on board from the start.

    Parameters
    ----------
    positions, saliences, capabilities : ndarray, shape (n, issues)
        Every person's stance on every issue (``nan`` position without one);
        capabilities stated or derived.
    desired : ndarray, shape (issues,)
        My position on each issue.
    deciders : ndarray of int
        Indices of the deciders.
    me : int, optional
        My index; I am on board from the start.
    derived_capability : ndarray, shape (n,), optional
        Capability of deciders without a stance (influence-derived); 1 if omitted.
    tolerance, reach, decider_weight : float
        See the module docstring.

    Returns
    -------
    PlanModel
    """
    if decider_weight < 1:
        raise ValueError("decider_weight must be at least 1")
    x = np.asarray(positions, dtype=np.float64)
    n = x.shape[0]
    s = np.asarray(saliences, dtype=np.float64)
    c = np.asarray(capabilities, dtype=np.float64)
    present = ~np.isnan(x)
    has_stance: BoolArray = (
        np.asarray(present.any(axis=1), dtype=bool) if x.shape[1] else np.zeros(n, dtype=bool)
    )
    d = distances(x, s, np.asarray(desired, dtype=np.float64)) if x.shape[1] else np.full(n, np.nan)
    weight = np.where(present, s, 0.0)
    total = weight.sum(axis=1)
    count = present.sum(axis=1)
    cap_weighted = (np.where(present, c, 0.0) * weight).sum(axis=1) / np.where(total > 0, total, 1)
    cap_plain = np.where(present, c, 0.0).sum(axis=1) / np.maximum(count, 1)
    capability = np.where(has_stance, np.where(total > 0, cap_weighted, cap_plain), 0.0)
    is_decider = np.zeros(n, dtype=bool)
    is_decider[np.asarray(deciders, dtype=np.int64)] = True
    fallback = np.ones(n) if derived_capability is None else np.asarray(derived_capability)
    capability = np.where(is_decider & ~has_stance, fallback, capability)
    values = capability * np.where(is_decider, decider_weight, 1.0)
    mean_salience = weight.sum(axis=1) / np.maximum(count, 1)
    conviction = np.where(has_stance, np.minimum(mean_salience, MAX_CONVICTION), 0.0)
    on_board = has_stance & on_board_mask(d, on_board=tolerance)
    if me is not None:
        on_board[me] = True
    return PlanModel(
        distance=d,
        thresholds=thresholds_from_distance(d, tolerance=tolerance, reach=reach),
        values=np.asarray(values, dtype=np.float64),
        capability=np.asarray(capability, dtype=np.float64),
        on_board=on_board,
        has_stance=has_stance,
        conviction=np.asarray(conviction, dtype=np.float64),
    )


def with_conviction(
    listens_to: sp.spmatrix | sp.sparray, conviction: FloatArray, model: str = "lt"
) -> sp.csr_array:
    """The listens-to matrix with each person's conviction built in.

    For ``"lt"`` the result has one more row and column: an extra voice (the last
    index) that never comes on board, to which person ``i`` gives the share
    ``conviction[i]`` of her attention once the rows are scaled to sum to one. For
    ``"ic"`` it has the same shape, row ``i`` multiplied by ``1 - conviction[i]``.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> m = with_conviction(sp.csr_array(np.array([[0.0, 2.0], [1.0, 0.0]])),
    ...                     np.array([0.5, 0.0]))
    >>> m.toarray().tolist()
    [[0.0, 2.0, 2.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    matrix = sp.csr_array(listens_to, dtype=np.float64)
    c = np.clip(np.asarray(conviction, dtype=np.float64), 0.0, MAX_CONVICTION)
    n = matrix.shape[0]
    if model == "ic":
        return sp.csr_array(sp.diags_array(1.0 - c) @ matrix)
    row_sums = np.asarray(matrix.sum(axis=1)).reshape(-1)
    own = np.where(row_sums > 0, row_sums * c / (1.0 - c), 0.0)
    extra = sp.csr_array(own.reshape(-1, 1))
    top = sp.hstack([matrix, extra], format="csr")
    bottom = sp.csr_array((1, n + 1))
    return sp.csr_array(sp.vstack([top, bottom], format="csr"))
