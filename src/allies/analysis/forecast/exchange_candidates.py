"""The arithmetic of one round of the exchange model, on arrays.

The inputs normalised to 0-100, the Nash bargaining outcomes, the candidate exchanges
between actors on opposite sides of two outcomes, and the equal-gain evaluation of every
candidate at once (see :mod:`allies.analysis.forecast.exchange` for the rules).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from allies.analysis.forecast._arrays import FloatArray

_GAIN_FLOOR = 1e-10
_MOVE_FLOOR = 1e-10
IntArray = NDArray[np.int64]


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
