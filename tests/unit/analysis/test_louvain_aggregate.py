"""The compiled aggregation of Louvain's communities gives the graph scipy's own sum of
duplicate entries gives: the same weights between and inside communities, rows sorted."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from allies.analysis.louvain_aggregate import aggregate_rows


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_communities_graph_is_the_sum_of_their_members_ties(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m, k = 300, 2000, 17
    rows, cols = rng.integers(0, n, m), rng.integers(0, n, m)
    a = sp.csr_array((rng.random(m), (rows, cols)), shape=(n, n))
    a = sp.csr_array(a + a.T)  # symmetric, with some self-loops
    local = rng.integers(0, k, n)
    local[:k] = np.arange(k)  # every community has a member
    indptr, indices, data = aggregate_rows(a.indptr, a.indices, a.data, local)
    found = sp.csr_array((data, indices, indptr), shape=(k, k))
    coo = a.tocoo()
    expected = sp.csr_array((coo.data, (local[coo.row], local[coo.col])), shape=(k, k))
    expected.sum_duplicates()
    assert np.allclose(found.toarray(), expected.toarray())
    assert all(np.all(np.diff(indices[indptr[r] : indptr[r + 1]]) > 0) for r in range(k))
    assert np.isclose(found.sum(), a.sum())  # no weight lost or counted twice


def test_a_community_with_no_ties_has_an_empty_row() -> None:
    a = sp.csr_array(np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]))
    indptr, indices, data = aggregate_rows(a.indptr, a.indices, a.data, np.array([0, 0, 1]))
    assert indptr.tolist() == [0, 1, 1]
    assert indices.tolist() == [0] and data.tolist() == [2.0]
