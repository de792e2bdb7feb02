"""The array form every influence algorithm takes."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from allies.analysis.graph import HOP_EPSILON, WeightedDigraph


def test_from_edges_keeps_every_id_and_maps_indices() -> None:
    g = WeightedDigraph.from_edges([30, 10, 20], [(30, 10, 0.5)])
    assert g.n == 3
    assert g.ids == (30, 10, 20)
    assert [g.index_of(x) for x in (30, 10, 20)] == [0, 1, 2]
    assert g.id_of(2) == 20
    assert g.weights.shape == (3, 3)
    assert g.weights.dtype == np.float64
    assert g.weight(30, 10) == 0.5
    assert g.weight(10, 30) == 0.0
    assert 20 in g and 99 not in g


def test_repeated_edges_combine_by_max_or_sum() -> None:
    edges = [(1, 2, 0.25), (1, 2, 0.5), (2, 1, 0.1)]
    assert WeightedDigraph.from_edges([1, 2], edges).weight(1, 2) == 0.5
    assert WeightedDigraph.from_edges([1, 2], edges, combine="sum").weight(1, 2) == 0.75
    with pytest.raises(ValueError, match="combine"):
        WeightedDigraph.from_edges([1, 2], edges, combine="mean")  # type: ignore[arg-type]


def test_self_loops_and_zero_weights_are_dropped() -> None:
    g = WeightedDigraph.from_edges([1, 2], [(1, 1, 1.0), (2, 2, 0.3), (1, 2, 0.0), (2, 1, 1.0)])
    assert g.n_edges == 1
    assert list(g.edges()) == [(2, 1, 1.0)]


def test_bad_input_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="unknown id 3"):
        WeightedDigraph.from_edges([1, 2], [(1, 3, 1.0)])
    with pytest.raises(ValueError, match="weights must be"):
        WeightedDigraph.from_edges([1, 2], [(1, 2, -1.0)])
    with pytest.raises(ValueError, match="unique"):
        WeightedDigraph.from_edges([1, 1], [])
    with pytest.raises(KeyError, match="not a node"):
        WeightedDigraph.from_edges([1], []).index_of(5)
    with pytest.raises(ValueError, match="self loops"):
        WeightedDigraph(sp.csr_array(np.eye(2)), (1, 2))
    with pytest.raises(ValueError, match="shape"):
        WeightedDigraph(sp.csr_array((2, 2)), (1, 2, 3))


def test_graph_is_immutable() -> None:
    g = WeightedDigraph.from_edges([1, 2], [(1, 2, 1.0)])
    with pytest.raises(AttributeError):
        g.ids = (3, 4)  # type: ignore[misc]


def test_reversed_symmetrized_subgraph() -> None:
    g = WeightedDigraph.from_edges([1, 2, 3], [(1, 2, 0.4), (2, 1, 0.6), (2, 3, 1.0)])
    r = g.reversed()
    assert r.weight(2, 1) == 0.4 and r.weight(3, 2) == 1.0
    s = g.symmetrized("max")
    assert s.weight(1, 2) == s.weight(2, 1) == 0.6
    assert s.weight(3, 2) == 1.0
    assert g.symmetrized("sum").weight(1, 2) == pytest.approx(1.0)
    sub = g.subgraph([2, 1])
    assert sub.ids == (3, 2) and sub.weight(2, 3) == 1.0
    assert g.successors(g.index_of(2)).tolist() == [0, 2]


def test_lengths() -> None:
    g = WeightedDigraph.from_edges([1, 2, 3], [(1, 2, 0.5), (2, 3, 1.0)])
    assert g.lengths("hops").data.tolist() == [1.0, 1.0]
    assert g.lengths("inverse").data.tolist() == [2.0, 1.0]
    neglog = g.lengths("neglog").data
    assert neglog[0] == pytest.approx(np.log(2) + HOP_EPSILON)
    assert neglog[1] == pytest.approx(HOP_EPSILON)
    assert np.all(neglog > 0)
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        WeightedDigraph.from_edges([1, 2], [(1, 2, 2.0)]).lengths("neglog")
