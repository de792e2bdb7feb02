"""Brokers: betweenness, Burt's constraint and effective size, against networkx."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from allies.analysis import _brandes
from allies.analysis.brokers import (
    betweenness,
    betweenness_error_bound,
    constraint,
    effective_size,
)
from allies.analysis.graph import LengthRule, WeightedDigraph


def from_networkx(peer: nx.Graph, weight: str | None = None) -> tuple[WeightedDigraph, list]:
    """Both directions of every undirected edge; nodes in sorted order."""
    nodes = sorted(peer)
    index = {node: i for i, node in enumerate(nodes)}
    edges = []
    for u, v, data in peer.edges(data=True):
        w = float(data.get(weight, 1.0)) if weight else 1.0
        edges.append((index[u], index[v], w))
        if not peer.is_directed():
            edges.append((index[v], index[u], w))
    return WeightedDigraph.from_edges(range(len(nodes)), edges), nodes


def assert_same(values: np.ndarray, nodes: list, expected: dict) -> None:
    got = {node: float(values[i]) for i, node in enumerate(nodes)}
    assert got.keys() == expected.keys()
    for node, value in expected.items():
        if math.isnan(value):
            assert math.isnan(got[node]), node
        else:
            assert got[node] == pytest.approx(value, abs=1e-10), node


@pytest.fixture(scope="module")
def florentine() -> tuple[nx.Graph, WeightedDigraph, list]:
    peer = nx.florentine_families_graph()
    g, nodes = from_networkx(peer)
    return peer, g, nodes


def test_medici_have_the_highest_betweenness(florentine: tuple) -> None:
    peer, g, nodes = florentine
    result = betweenness(g, directed=False)
    assert result.exact and result.error_bound == 0.0
    medici = nodes.index("Medici")
    assert int(np.argmax(result.values)) == medici
    assert result.values[medici] == pytest.approx(0.522, abs=1e-3)
    assert_same(result.values, nodes, nx.betweenness_centrality(peer))
    raw = betweenness(g, directed=False, normalized=False)
    assert_same(raw.values, nodes, nx.betweenness_centrality(peer, normalized=False))


def test_florentine_constraint_and_effective_size(florentine: tuple) -> None:
    peer, g, nodes = florentine
    assert_same(constraint(g), nodes, nx.constraint(peer))
    assert_same(effective_size(g), nodes, nx.effective_size(peer))
    assert_same(effective_size(g, weighted=False), nodes, nx.effective_size(peer))


@pytest.fixture(scope="module")
def weighted_digraph() -> nx.DiGraph:
    rng = np.random.default_rng(11)
    peer = nx.gnp_random_graph(70, 0.06, seed=5, directed=True)
    peer.add_node(70)  # an isolated node
    for u, v in peer.edges():
        peer[u][v]["weight"] = float(rng.choice([0.25, 0.5, 1.0]))
        peer[u][v]["inverse"] = 1.0 / peer[u][v]["weight"]
        # -log(w) + HOP_EPSILON ranks paths as 1000 * -log2(w) + 1 does for these
        # weights; networkx needs the integer form to see the equal-length ties.
        peer[u][v]["neglog"] = 1000 * round(-math.log2(peer[u][v]["weight"])) + 1
    return peer


def test_directed_and_weighted_betweenness_match_networkx(weighted_digraph: nx.DiGraph) -> None:
    peer = weighted_digraph
    g, nodes = from_networkx(peer, "weight")
    assert_same(betweenness(g).values, nodes, nx.betweenness_centrality(peer))
    undirected = nx.Graph(peer)
    assert_same(betweenness(g, directed=False).values, nodes, nx.betweenness_centrality(undirected))
    for rule in ("inverse", "neglog"):
        ours = betweenness(g, lengths=rule).values
        assert_same(ours, nodes, nx.betweenness_centrality(peer, weight=rule))
    inverse = WeightedDigraph(g.lengths("inverse"), g.ids)
    ours = betweenness(inverse, lengths="length", normalized=False).values
    expected = nx.betweenness_centrality(peer, weight="inverse", normalized=False)
    assert_same(ours, nodes, expected)


def test_directed_weighted_constraint_and_effective_size(weighted_digraph: nx.DiGraph) -> None:
    peer = weighted_digraph
    g, nodes = from_networkx(peer, "weight")
    assert_same(constraint(g), nodes, nx.constraint(peer, weight="weight"))
    assert_same(constraint(g, weighted=False), nodes, nx.constraint(peer))
    # networkx's vectorised effective_size (nodes=None) divides by the wrong row
    # maximum on weighted or directed graphs; its node-by-node path is the definition,
    # except that it gives NaN to a node without successors even if others point to it.
    every = list(peer)
    sinks = [v for v in peer if peer.out_degree(v) == 0 and peer.in_degree(v) > 0]
    assert sinks
    for weighted, key in ((True, "weight"), (False, None)):
        expected = nx.effective_size(peer, every, weight=key)
        assert all(math.isnan(expected.pop(v)) for v in sinks)
        ours = effective_size(g, weighted=weighted)
        assert not np.isnan(ours[[nodes.index(v) for v in sinks]]).any()
        assert_same(ours, nodes, expected | {v: float(ours[nodes.index(v)]) for v in sinks})
    assert math.isnan(constraint(g)[nodes.index(70)])


def test_small_graphs_and_bad_arguments() -> None:
    pair = WeightedDigraph.from_edges([1, 2], [(1, 2, 1.0)])
    assert betweenness(pair).values.tolist() == [0.0, 0.0]
    assert betweenness(WeightedDigraph.from_edges([], [])).values.shape == (0,)
    path = WeightedDigraph.from_edges([1, 2, 3], [(1, 2, 1.0), (2, 3, 1.0)])
    with pytest.raises(ValueError, match="k must be"):
        betweenness(path, k=5)
    with pytest.raises(ValueError, match="at least 2"):
        betweenness_error_bound(10, 1)
    assert betweenness_error_bound(1000, 101, 0.05) == pytest.approx(
        math.sqrt(math.log(2 * 1000 / 0.05) / 200)
    )


def email_graph(data: Path) -> WeightedDigraph:
    folder = data / "email-eu-core"
    pairs = np.loadtxt(folder / "email-Eu-core.txt", dtype=np.int64)
    people = sorted({int(x) for x in pairs.ravel()})
    return WeightedDigraph.from_edges(people, ((int(u), int(v), 1.0) for u, v in pairs))


def test_sampled_betweenness_is_within_its_bound_on_email_eu_core(data: Path) -> None:
    g = email_graph(data)
    assert g.n == 1005
    exact = betweenness(g)
    assert exact.exact and len(exact.sources) == g.n
    sample = betweenness(g, k=200, seed=3)
    again = betweenness(g, k=200, seed=3)
    assert not sample.exact and len(sample.sources) == 200
    assert np.array_equal(sample.values, again.values)
    assert sample.error_bound == pytest.approx(betweenness_error_bound(g.n, 200, 0.05))
    assert np.abs(sample.values - exact.values).max() <= sample.error_bound
    # in practice far tighter than the Hoeffding bound: the top brokers are found
    top = set(np.argsort(-exact.values)[:5].tolist())
    assert len(top & set(np.argsort(-sample.values)[:10].tolist())) >= 4
    auto = betweenness(g, exact_up_to=500, seed=1)
    assert not auto.exact and len(auto.sources) == 500


def test_exact_betweenness_matches_networkx_on_an_email_subgraph(data: Path) -> None:
    g = email_graph(data).subgraph(range(250))
    peer = nx.DiGraph()
    peer.add_nodes_from(range(g.n))
    coo = g.weights.tocoo()
    peer.add_edges_from(zip(coo.row.tolist(), coo.col.tolist(), strict=True))
    ours = betweenness(g).values
    assert_same(ours, list(range(g.n)), nx.betweenness_centrality(peer))


def tied_random_graph(seed: int, directed: bool) -> nx.Graph:
    """A sparse random graph whose integer lengths 1 and 2 make many equal shortest paths."""
    rng = np.random.default_rng(seed)
    peer = nx.gnp_random_graph(45, 0.07, seed=seed, directed=directed)
    for u, v in peer.edges():
        peer[u][v]["length"] = float(rng.integers(1, 3))
    return peer


def has_ties(peer: nx.Graph, weight: str | None) -> bool:
    """Some node is reached by shortest paths through two different predecessors."""
    cost = weight if weight else (lambda u, v, d: 1)
    for s in peer:
        preds, _ = nx.dijkstra_predecessor_and_distance(peer, s, weight=cost)
        if any(len(p) > 1 for p in preds.values()):
            return True
    return False


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weight", ["length", None])
def test_betweenness_matches_networkx_on_random_graphs_with_ties(
    directed: bool, weight: str | None
) -> None:
    rule: LengthRule = "length" if weight else "hops"
    for seed in (1, 2, 3):
        peer = tied_random_graph(seed, directed)
        assert has_ties(peer, weight)
        g, nodes = from_networkx(peer, weight)
        exact = betweenness(g, directed=directed, lengths=rule)
        assert_same(exact.values, nodes, nx.betweenness_centrality(peer, weight=weight))
        raw = betweenness(g, directed=directed, lengths=rule, normalized=False).values
        expected = nx.betweenness_centrality(peer, weight=weight, normalized=False)
        assert_same(raw, nodes, expected)
        # pivots: the dependencies summed over the sources drawn, scaled to all sources
        k = 12
        sample = betweenness(g, directed=directed, lengths=rule, k=k, seed=seed, normalized=False)
        picked = [nodes[i] for i in sample.sources]
        summed = nx.betweenness_centrality_subset(peer, picked, list(peer), weight=weight)
        # networkx halves the undirected sums, as betweenness(normalized=False) does
        scaled = {
            v: total * (g.n - 1) / (k - 1 if v in picked else k) for v, total in summed.items()
        }
        assert_same(sample.values, nodes, scaled)


def test_the_kernel_gives_the_same_dependencies_uncompiled() -> None:
    peer = tied_random_graph(4, directed=True)
    g, _ = from_networkx(peer, "length")
    lengths = g.lengths("length")
    sources = np.arange(g.n, dtype=np.int64)
    for hops in (True, False):
        compiled = _brandes.dependencies(lengths, sources, hops=hops, tolerance=1e-12)
        plain = _brandes._kernel(
            lengths.indptr.astype(np.int64),
            lengths.indices.astype(np.int32),
            lengths.data.astype(np.float64),
            sources,
            hops,
            1e-12,
        )
        np.testing.assert_allclose(plain, compiled, rtol=0, atol=1e-12)


def test_weighted_paths_equal_but_for_rounding_tie() -> None:
    # 0.1 + 0.2 exceeds 0.15 + 0.15 by one unit in the last place: one length, two paths
    g = WeightedDigraph.from_edges(
        [0, 1, 2, 3],  # s, a, b, t
        [(0, 1, 0.1), (1, 3, 0.2), (0, 2, 0.15), (2, 3, 0.15)],
    )
    assert 0.1 + 0.2 != 0.15 + 0.15
    values = betweenness(g, lengths="length", normalized=False).values
    assert values.tolist() == [0.0, 0.5, 0.5, 0.0]
