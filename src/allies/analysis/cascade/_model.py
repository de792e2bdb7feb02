"""The diffusion models on the listens-to graph (private).

Influence flows from ``j`` to ``i`` when ``i`` listens to ``j``: row ``i`` of the
listens-to matrix lists the people whose influence can reach ``i`` (the in-edges
of ``i`` in the diffusion graph, which is the transpose).

Both models are *live-edge* models (Kempe, Kleinberg and Tardos 2003): a random
subgraph of "live" edges is drawn and the activated people are those reachable
from the seeds along live edges. That makes the expected spread monotone and
submodular and lets reverse-reachable sets estimate it.

- Independent cascade: the edge into ``i`` from ``j`` is live with probability
  ``listens_to[i, j]`` (clipped to [0, 1]).
- Linear threshold: ``i``'s in-weights are scaled to sum to one. With probability
  ``1 - t_i`` her threshold is (just above) zero and every edge into her is live:
  one trusted voice on board is enough. Otherwise her threshold is uniform on
  [0, 1] as in Kempe et al., which is equivalent to exactly one edge into her being
  live, picked with probability equal to its weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
Model = Literal["lt", "ic"]


@dataclass(frozen=True)
class Diffusion:
    """A diffusion model ready for sampling.

    ``indptr``/``sources`` hold, for each person, the people whose influence can
    reach her (row ``i`` of the listens-to matrix); ``weight`` is the edge's live
    probability (IC) or normalised weight (LT); ``cumulative`` is, for LT, the
    row index plus the running sum of the normalised weights within the row.
    """

    n: int
    model: Model
    indptr: IntArray
    sources: IntArray
    weight: FloatArray
    cumulative: FloatArray
    edge_row: IntArray
    thresholds: FloatArray
    values: FloatArray

    @property
    def total_value(self) -> float:
        return float(self.values.sum())


def build_diffusion(
    listens_to: sp.spmatrix | sp.sparray,
    model: str,
    thresholds: object,
    values: object,
) -> Diffusion:
    """Check the inputs and build the model's edge arrays."""
    if model not in ("lt", "ic"):
        raise ValueError(f"model must be 'lt' or 'ic', got {model!r}")
    matrix = sp.csr_matrix(listens_to, dtype=np.float64)
    n, n_cols = matrix.shape
    if n != n_cols:
        raise ValueError(f"listens_to must be square, got {matrix.shape}")
    if matrix.nnz and (not np.all(np.isfinite(matrix.data)) or np.any(matrix.data < 0)):
        raise ValueError("listens_to weights must be finite and non-negative")
    coo = matrix.tocoo()
    keep = (coo.row != coo.col) & (coo.data > 0)
    matrix = sp.csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=(n, n))
    matrix.sum_duplicates()
    matrix.sort_indices()
    indptr = matrix.indptr.astype(np.int64)
    sources = matrix.indices.astype(np.int64)
    data = matrix.data.astype(np.float64)
    edge_row = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    if values is None:
        value = np.ones(n)
    else:
        value = np.asarray(values, dtype=np.float64).reshape(-1)
        if value.shape != (n,) or not np.all(np.isfinite(value)) or np.any(value < 0):
            raise ValueError(f"values must be {n} finite non-negative numbers")
    if model == "ic":
        weight = np.clip(data, 0.0, 1.0)
        cumulative = np.zeros(0)
        t = np.zeros(n)
    else:
        sums = np.bincount(edge_row, weights=data, minlength=n)
        weight = data / np.where(sums > 0, sums, 1.0)[edge_row]
        running = np.cumsum(weight)
        row_start = np.concatenate(([0.0], running))[indptr[:-1]]
        cumulative = edge_row + (running - row_start[edge_row])
        if thresholds is None:
            t = np.ones(n)
        else:
            t = np.asarray(thresholds, dtype=np.float64).reshape(-1)
            if t.shape != (n,) or not np.all(np.isfinite(t)) or np.any((t < 0) | (t > 1)):
                raise ValueError(f"thresholds must be {n} numbers in [0, 1]")
    return Diffusion(
        n=n,
        model="ic" if model == "ic" else "lt",
        indptr=indptr,
        sources=sources,
        weight=weight,
        cumulative=cumulative,
        edge_row=edge_row,
        thresholds=t,
        values=value,
    )


def gather(indptr: IntArray, rows: IntArray) -> tuple[IntArray, IntArray]:
    """Positions of all entries of ``rows`` in a CSR array, and their row's slot."""
    starts = indptr[rows]
    counts = indptr[rows + 1] - starts
    total = int(counts.sum())
    slot = np.repeat(np.arange(rows.size, dtype=np.int64), counts)
    if total == 0:
        return np.zeros(0, dtype=np.int64), slot
    offsets = np.cumsum(counts) - counts
    positions = np.arange(total, dtype=np.int64) - np.repeat(offsets - starts, counts)
    return positions, slot


def live_in_edges(
    diffusion: Diffusion, rows: IntArray, rng: np.random.Generator
) -> tuple[IntArray, IntArray]:
    """Sample the live edges into each entry of ``rows`` (one draw per entry).

    Returns the edge positions and, for each, the index into ``rows`` it belongs to.
    """
    if diffusion.model == "ic":
        positions, slot = gather(diffusion.indptr, rows)
        live = rng.random(positions.size) < diffusion.weight[positions]
        return positions[live], slot[live]
    draws = rng.random((2, rows.size))
    has_edges = diffusion.indptr[rows + 1] > diffusion.indptr[rows]
    everyone = draws[0] >= diffusion.thresholds[rows]
    all_rows = np.flatnonzero(everyone & has_edges)
    positions, slot = gather(diffusion.indptr, rows[all_rows])
    one = np.flatnonzero(~everyone & has_edges)
    picked = np.searchsorted(diffusion.cumulative, rows[one] + draws[1, one], side="right")
    picked = np.clip(picked, diffusion.indptr[rows[one]], diffusion.indptr[rows[one] + 1] - 1)
    return (
        np.concatenate((positions, picked.astype(np.int64))),
        np.concatenate((all_rows[slot], one)),
    )


class Marks:
    """Visited flags over a key space, with duplicate removal that needs no sort."""

    def __init__(self) -> None:
        self.visited: BoolArray = np.zeros(0, dtype=bool)
        self.owner: NDArray[np.int32] = np.zeros(0, dtype=np.int32)

    def reserve(self, size: int) -> None:
        """Make room for keys below ``size`` (all unvisited)."""
        if self.visited.size < size:
            self.visited = np.zeros(size, dtype=bool)
            self.owner = np.zeros(size, dtype=np.int32)

    def first_visits(self, keys: IntArray) -> IntArray:
        """The distinct keys not visited before, now marked visited."""
        keys = keys[~self.visited[keys]]
        if keys.size > 1:
            order = np.arange(keys.size, dtype=np.int32)
            self.owner[keys] = order
            keys = keys[self.owner[keys] == order]
        self.visited[keys] = True
        return keys

    def clear(self, keys: IntArray) -> None:
        """Forget visits to ``keys``."""
        self.visited[keys] = False


def group_by(group: IntArray, groups: int) -> IntArray:
    """A permutation that lists entries group by group (order within a group kept)."""
    if groups <= np.iinfo(np.uint16).max:
        return np.argsort(group.astype(np.uint16), kind="stable").astype(np.int64)
    return np.argsort(group, kind="stable").astype(np.int64)
