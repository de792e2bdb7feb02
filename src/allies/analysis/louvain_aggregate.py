"""Louvain's second phase, compiled: the graph whose nodes are the communities found.

Blondel et al.'s aggregation [1]_: one node per community, the weight between two
communities the sum of the weights between their members, and the weight inside a
community on its diagonal. The communities' rows are built one at a time by gathering the
members' rows into a dense array indexed by community (touched entries listed, each row's
columns sorted), as networkit's PLM coarsening does [2]_: ``O(m)`` plus the sorting of each
row's few columns, where building a sparse matrix from every edge's pair sorts all ``m``.

References
----------
.. [1] Blondel et al. (2008), *J. Stat. Mech.* P10008 (Louvain).
.. [2] Staudt and Meyerhenke (2016), *IEEE Trans. Parallel Distrib. Syst.* 27(1):171-184
   (networkit's PLM). The full entries are in :mod:`allies.analysis.louvain_moves`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from allies.analysis.compiled import compiled_on_first_use

__all__ = ["aggregate_rows"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def _aggregate_kernel(
    indptr: IntArray, indices: IntArray, data: FloatArray, local: IntArray, count: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """CSR arrays of the communities' graph (``local``: each node's community, ``0..count-1``)."""
    n = len(local)
    starts = np.zeros(count + 1, dtype=np.int64)
    for u in range(n):
        starts[local[u] + 1] += 1
    for c in range(count):
        starts[c + 1] += starts[c]
    members = np.empty(n, dtype=np.int64)
    fill = starts[:-1].copy()
    for u in range(n):
        members[fill[local[u]]] = u
        fill[local[u]] += 1
    weight_to = np.zeros(count, dtype=np.float64)
    seen_by = np.full(count, -1, dtype=np.int64)
    touched = np.empty(count, dtype=np.int64)
    out_indptr = np.zeros(count + 1, dtype=np.int64)
    out_indices = np.empty(len(indices), dtype=np.int64)
    out_data = np.empty(len(indices), dtype=np.float64)
    out = 0
    for c in range(count):
        met = 0
        for i in range(starts[c], starts[c + 1]):
            u = members[i]
            for pos in range(indptr[u], indptr[u + 1]):
                d = local[indices[pos]]
                if seen_by[d] != c:
                    seen_by[d] = c
                    touched[met] = d
                    met += 1
                weight_to[d] += data[pos]
        columns = np.sort(touched[:met])
        for j in range(met):
            d = columns[j]
            out_indices[out] = d
            out_data[out] = weight_to[d]
            weight_to[d] = 0.0
            out += 1
        out_indptr[c + 1] = out
    return out_indptr, out_indices[:out], out_data[:out]


#: The kernel compiled (numba) on first use.
_kernel = compiled_on_first_use(_aggregate_kernel)


def aggregate_rows(
    indptr: npt.ArrayLike, indices: npt.ArrayLike, data: npt.ArrayLike, local: npt.ArrayLike
) -> tuple[IntArray, IntArray, FloatArray]:
    """The graph of the communities of a weighted graph given as CSR arrays.

    Parameters
    ----------
    indptr, indices, data : array_like
        The CSR arrays of the graph.
    local : array_like of int, shape (n,)
        Each node's community, numbered ``0..k-1``.

    Returns
    -------
    indptr, indices, data : ndarray
        The CSR arrays of the ``k × k`` graph of the communities: the weights between
        two communities summed, those inside one on its diagonal; each row's columns in
        ascending order, no zero entered twice.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> a = sp.csr_array(np.array([[0, 1, 2], [1, 0, 0], [2, 0, 0]], dtype=float))
    >>> p, i, d = aggregate_rows(a.indptr, a.indices, a.data, np.array([0, 0, 1]))
    >>> sp.csr_array((d, i, p), shape=(2, 2)).toarray().tolist()
    [[2.0, 2.0], [2.0, 0.0]]
    """
    local_ = np.ascontiguousarray(local, dtype=np.int64)
    count = int(local_.max()) + 1 if len(local_) else 0
    kernel: Any = _kernel()
    result: tuple[IntArray, IntArray, FloatArray] = kernel(
        np.ascontiguousarray(indptr, dtype=np.int64),
        np.ascontiguousarray(indices, dtype=np.int64),
        np.ascontiguousarray(data, dtype=np.float64),
        local_,
        count,
    )
    return result
