"""The power base as arrays: strength, bands, reach, brokerage and the sphere of influence."""

from __future__ import annotations

import csv
import doctest
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from allies.analysis import powerbase
from allies.analysis.brokers import constraint, effective_size
from allies.analysis.graph import WeightedDigraph
from allies.analysis.powerbase import (
    blau_index,
    crosstab,
    effective_number,
    ego_brokerage,
    histogram,
    reach,
    relationship_strength,
    sphere_of_influence,
    strength_bands,
    top_k,
)


def krackhardt(data: Path, relation: str) -> WeightedDigraph:
    """Krackhardt's 21 managers: ego → alter where ego names alter."""
    with (data / "krackhardt" / f"{relation}.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    edges = [(int(r["ego"]), int(r["alter"]), 1.0) for r in rows if r["edge"].strip() == "1"]
    return WeightedDigraph.from_edges(range(1, 22), edges)


def test_docstring_examples_run() -> None:
    failures, tried = doctest.testmod(powerbase, optionflags=doctest.ELLIPSIS)
    assert tried > 10 and failures == 0


def test_strength_keeps_a_healthy_tie_and_halves_a_neglected_one() -> None:
    s = relationship_strength([0.8, 0.8, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0])
    assert s.tolist() == pytest.approx([0.8, 0.4, 0.25, 0.0])
    assert strength_bands(s).tolist() == [3, 2, 1, 0]
    with pytest.raises(ValueError, match="tie values"):
        relationship_strength([1.5], [0.5])
    with pytest.raises(ValueError, match="differ in shape"):
        relationship_strength([0.5, 0.5], [0.5])


def test_counts_by_group_band_and_interval() -> None:
    table = crosstab([0, 1, 1, 2], 3, [3, 3, 0, 2])
    assert table.tolist() == [[0, 0, 0, 1], [1, 0, 0, 1], [0, 0, 1, 0]]
    assert histogram([0.0, 0.05, 0.2, 0.99, 1.0], bins=5).tolist() == [1, 1, 0, 0, 2]
    assert top_k([0.1, 0.0, 0.7, 0.7, 0.3], 3).tolist() == [2, 3, 4]
    assert blau_index([3, 0, 0]) == 0.0 and blau_index([1, 1, 1, 1]) == pytest.approx(0.75)
    assert effective_number([0.25] * 4) == pytest.approx(4.0)


def test_reach_names_the_strongest_way_through_at_two_steps() -> None:
    # 0 knows 1 (0.9) and 2 (0.3); both know 3; only 2 knows 4; 5 is far away.
    edges = [(0, 1, 0.9), (0, 2, 0.3), (1, 3, 0.5), (2, 3, 0.9), (2, 4, 0.8), (4, 5, 1.0)]
    g = WeightedDigraph.from_edges(range(6), edges).symmetrized()
    r = reach(g, 0)
    assert r.first.tolist() == [1, 2]
    assert r.second.tolist() == [3, 4]
    assert r.via.tolist() == [1, 2]  # 0.9 × 0.5 = 0.45 beats 0.3 × 0.9 = 0.27
    assert r.via_strength.tolist() == pytest.approx([0.45, 0.24])
    strong = reach(g, 0, min_weight=0.6)
    assert strong.first.tolist() == [1] and strong.second.tolist() == []


def test_ego_brokerage_splits_burts_constraint_by_contact(data: Path) -> None:
    friends = krackhardt(data, "friendship")
    held = constraint(friends)
    size = effective_size(friends)
    for node in (1, 2, 17):
        b = ego_brokerage(friends, friends.index_of(node))
        assert b.constraint == pytest.approx(held[friends.index_of(node)])
        assert float(b.dyadic.sum()) == pytest.approx(b.constraint)
        assert b.effective_size == pytest.approx(size[friends.index_of(node)])
    peer = nx.DiGraph()
    peer.add_weighted_edges_from(friends.edges())
    expected = nx.constraint(peer, weight="weight")
    b = ego_brokerage(friends, friends.index_of(2))
    assert b.constraint == pytest.approx(expected[2])


def test_a_closed_circle_constrains_more_than_a_star() -> None:
    star = WeightedDigraph.from_edges(range(5), [(0, k, 1.0) for k in range(1, 5)]).symmetrized()
    pairs = [(a, b, 1.0) for a in range(5) for b in range(5) if a < b]
    clique = WeightedDigraph.from_edges(range(5), pairs).symmetrized()
    open_, closed = ego_brokerage(star, 0), ego_brokerage(clique, 0)
    assert open_.constraint < closed.constraint
    assert open_.effective_size == pytest.approx(4.0) and closed.effective_size < 2.0
    assert open_.share_below == 1.0  # every leaf is more constrained than the hub
    lonely = ego_brokerage(WeightedDigraph.from_edges(range(2), []), 0)
    assert np.isnan(lonely.constraint) and len(lonely.contacts) == 0


def test_sphere_is_personalised_pagerank_on_who_takes_my_lead(data: Path) -> None:
    advice = krackhardt(data, "advice")
    me = advice.index_of(7)
    sphere = sphere_of_influence(advice, me)
    reversed_graph = nx.DiGraph()
    reversed_graph.add_nodes_from(advice.ids)
    reversed_graph.add_weighted_edges_from((b, a, w) for a, b, w in advice.edges())
    personal = {node: 1.0 if node == 7 else 0.0 for node in advice.ids}
    expected = nx.pagerank(reversed_graph, alpha=0.85, personalization=personal, tol=1e-12)
    for node, value in expected.items():
        assert sphere[advice.index_of(node)] == pytest.approx(value, abs=1e-8)
    assert sphere.sum() == pytest.approx(1.0)


def test_sphere_follows_listeners_not_leaders() -> None:
    # 1 listens to 0, 2 listens to 1; 0 listens to 3 (3 leads 0, so 3 is outside 0's sphere).
    g = WeightedDigraph.from_edges(range(4), [(1, 0, 1.0), (2, 1, 1.0), (0, 3, 1.0)])
    s = sphere_of_influence(g, 0)
    assert s[3] == pytest.approx(0.0)
    assert s[0] > s[1] > s[2] > 0
