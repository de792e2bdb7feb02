"""Influence rank, strengths and the ear of the deciders, on published networks."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from allies.analysis.graph import WeightedDigraph
from allies.analysis.influence import deciders_ear, in_strength, influence_rank, out_strength
from tests.unit.analysis.lazega_reader import read_pajek_project


def krackhardt(data: Path, relation: str) -> WeightedDigraph:
    """Krackhardt's managers: ego → alter where ego names alter (ego listens to alter)."""
    with (data / "krackhardt" / f"{relation}.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    edges = [(int(r["ego"]), int(r["alter"]), 1.0) for r in rows if r["edge"].strip() == "1"]
    return WeightedDigraph.from_edges(range(1, 22), edges)


def to_networkx(g: WeightedDigraph) -> nx.DiGraph:
    peer = nx.DiGraph()
    peer.add_nodes_from(g.ids)
    peer.add_weighted_edges_from(g.edges())
    return peer


def assert_matches(values: np.ndarray, g: WeightedDigraph, expected: dict[int, float]) -> None:
    assert set(expected) == set(g.ids)
    for node, value in expected.items():
        assert values[g.index_of(node)] == pytest.approx(value, abs=1e-8), node


@pytest.fixture(scope="module")
def advice(data: Path) -> WeightedDigraph:
    return krackhardt(data, "advice")


def test_krackhardt_counts_and_in_degrees(advice: WeightedDigraph, data: Path) -> None:
    assert advice.n_edges == 190
    assert krackhardt(data, "reports_to").n_edges == 20
    indegree = in_strength(advice, weighted=False)
    by_id = {advice.id_of(i): int(d) for i, d in enumerate(indegree)}
    assert by_id[2] == 18
    assert by_id[18] == by_id[21] == 15
    assert by_id[7] == by_id[1] == 13
    assert max(v for k, v in by_id.items() if k not in (2, 18, 21)) == 13
    assert out_strength(advice).sum() == 190


def test_krackhardt_most_listened_to(advice: WeightedDigraph) -> None:
    rank = influence_rank(advice)
    order = [advice.id_of(i) for i in np.argsort(-rank, kind="stable")]
    assert set(order[:4]) == {7, 2, 18, 21}
    assert order[:3] == [21, 7, 2]
    assert rank.sum() == pytest.approx(1.0)
    assert_matches(rank, advice, nx.pagerank(to_networkx(advice), tol=1e-13, max_iter=1000))


def test_rank_matches_networkx_with_weights_dangling_nodes_and_personalization() -> None:
    rng = np.random.default_rng(7)
    peer = nx.gnp_random_graph(80, 0.05, seed=3, directed=True)
    for u, v in peer.edges():
        peer[u][v]["weight"] = float(rng.uniform(0.1, 1.0))
    assert any(peer.out_degree(v) == 0 for v in peer)  # dangling nodes present
    g = WeightedDigraph.from_edges(
        peer.nodes, ((u, v, d["weight"]) for u, v, d in peer.edges(data=True))
    )
    assert_matches(influence_rank(g), g, nx.pagerank(peer, tol=1e-13, max_iter=1000))
    assert_matches(
        influence_rank(g, 0.6), g, nx.pagerank(peer, alpha=0.6, tol=1e-13, max_iter=1000)
    )
    bias = rng.uniform(0, 1, 80)
    bias[:40] = 0
    ours = influence_rank(g, personalization=bias)
    theirs = nx.pagerank(peer, personalization=dict(enumerate(bias)), tol=1e-13, max_iter=1000)
    assert_matches(ours, g, theirs)


def test_rank_edge_cases() -> None:
    assert influence_rank(WeightedDigraph.from_edges([], [])).shape == (0,)
    alone = influence_rank(WeightedDigraph.from_edges([1, 2, 3], []))
    assert alone == pytest.approx([1 / 3] * 3)
    g = WeightedDigraph.from_edges([1, 2], [(1, 2, 1.0)])
    with pytest.raises(ValueError, match="damping"):
        influence_rank(g, damping=1.0)
    with pytest.raises(ValueError, match="one entry per node"):
        influence_rank(g, personalization=[1.0])
    with pytest.raises(ValueError, match="positive entry"):
        influence_rank(g, personalization=[0.0, 0.0])
    with pytest.raises(RuntimeError, match="did not converge"):
        influence_rank(g, max_iter=1)


def test_lazega_partners_are_listened_to_more_than_associates(data: Path) -> None:
    firm = read_pajek_project(data / "lazega" / "lazega-law-firm.paj")
    assert len(firm.arcs[1]) == 892
    assert len(firm.arcs[2]) == 575
    assert len(firm.arcs[3]) == 1104
    assert firm.relations[1] == "advice"
    # u → v: u goes to v for advice, so u listens to v.
    g = WeightedDigraph.from_edges(sorted(firm.vertices), firm.arcs[1])
    rank = influence_rank(g)
    status = np.array([firm.partitions["status"][v - 1] for v in g.ids])
    partners, associates = rank[status == 1], rank[status == 2]
    assert len(partners) == 36 and len(associates) == 35
    assert partners.mean() > 1.5 * associates.mean()


def test_deciders_ear_is_personalised_pagerank_split_into_parts() -> None:
    # 0 and 1 decide; 0 listens to 2, 1 listens to 3, 2 listens to 4, 4 listens to 3.
    g = WeightedDigraph.from_edges(
        range(6), [(0, 2, 1.0), (1, 3, 0.5), (1, 2, 0.5), (2, 4, 1.0), (4, 3, 1.0), (5, 0, 1.0)]
    )
    ear = deciders_ear(g, [0, 1])
    expected = nx.pagerank(to_networkx(g), personalization={0: 1, 1: 1}, tol=1e-13, max_iter=1000)
    assert_matches(ear.score, g, expected)
    assert ear.score == pytest.approx(ear.seed + ear.direct + ear.indirect, abs=1e-10)
    assert ear.deciders == (0, 1)
    assert ear.seed[2:].tolist() == [0.0] * 4
    assert ear.direct[4] == 0.0 and ear.indirect[4] > 0  # reaches 0 only through 2
    assert ear.direct[2] > 0 and ear.indirect[2] == 0.0
    assert ear.direct[3] > 0 and ear.indirect[3] > 0  # 1 listens to 3, and 4 does too
    assert ear.score[5] == 0.0  # 5 listens to a decider; no decider listens to 5
    weighted = deciders_ear(g, {0: 3.0, 1: 1.0})
    assert weighted.decider_weights[:2] == pytest.approx([0.75, 0.25])
    assert weighted.score[2] > ear.score[2]
    with pytest.raises(ValueError, match="at least one decider"):
        deciders_ear(g, [])
    with pytest.raises(ValueError, match="out of range"):
        deciders_ear(g, [9])
