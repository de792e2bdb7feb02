"""Warm paths: strongest chains of ties, alternatives and confidants."""

from __future__ import annotations

import math
from itertools import islice, pairwise

import networkx as nx
import numpy as np
import pytest

from allies.analysis.graph import WeightedDigraph
from allies.analysis.paths import (
    confidants,
    k_strongest_paths,
    strongest_path,
    strongest_paths_from,
    warm_weights,
)

# 0 → 3 directly is weak; the long way round through 1 and 2 is warm.
DETOUR = WeightedDigraph.from_edges(
    range(5),
    [(0, 3, 0.2), (0, 1, 0.9), (1, 2, 0.9), (2, 3, 0.9), (0, 4, 0.5), (4, 3, 0.5), (1, 3, 0.3)],
)


def test_strongest_path_is_not_the_fewest_hops() -> None:
    path = strongest_path(DETOUR, 0, 3)
    assert path is not None
    assert path.nodes == (0, 1, 2, 3)
    assert path.ties == (0.9, 0.9, 0.9)
    assert path.strength == pytest.approx(0.729)
    assert path.hops == 3
    assert path.ids(DETOUR) == (0, 1, 2, 3)
    hops = nx.DiGraph([(u, v) for u, v, _ in DETOUR.edges()])
    assert nx.shortest_path(hops, 0, 3) == [0, 3]


def test_equally_strong_paths_prefer_fewer_steps() -> None:
    g = WeightedDigraph.from_edges([7, 8, 9], [(7, 8, 1.0), (8, 9, 1.0), (7, 9, 1.0)])
    path = strongest_path(g, 0, 2)
    assert path is not None and path.nodes == (0, 2) and path.strength == 1.0


def test_unreachable_target_gives_none_and_no_alternatives() -> None:
    assert strongest_path(DETOUR, 3, 0) is None
    assert k_strongest_paths(DETOUR, 3, 0, k=4) == []
    tree = strongest_paths_from(DETOUR, 3)
    assert tree.strength.tolist() == [0.0, 0.0, 0.0, 1.0, 0.0]
    own = strongest_path(DETOUR, 2, 2)
    assert own is not None and own.nodes == (2,) and own.strength == 1.0 and own.ties == ()
    with pytest.raises(ValueError, match="out of range"):
        strongest_path(DETOUR, 0, 9)
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        strongest_path(WeightedDigraph.from_edges([1, 2], [(1, 2, 3.0)]), 0, 1)


def test_yen_alternatives_on_the_detour_graph() -> None:
    paths = k_strongest_paths(DETOUR, 0, 3, k=10)
    assert [p.nodes for p in paths] == [(0, 1, 2, 3), (0, 1, 3), (0, 4, 3), (0, 3)]
    assert [p.strength for p in paths] == pytest.approx([0.729, 0.27, 0.25, 0.2])
    assert [p.nodes for p in k_strongest_paths(DETOUR, 0, 3, k=2)] == [(0, 1, 2, 3), (0, 1, 3)]
    with pytest.raises(ValueError, match="at least 1"):
        k_strongest_paths(DETOUR, 0, 3, k=0)


def random_strengths(n: int, p: float, seed: int) -> tuple[WeightedDigraph, nx.DiGraph]:
    rng = np.random.default_rng(seed)
    peer = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    for u, v in peer.edges():
        w = float(rng.uniform(0.05, 1.0))
        peer[u][v]["strength"] = w
        peer[u][v]["cost"] = -math.log(w)
    g = WeightedDigraph.from_edges(
        range(n), ((u, v, d["strength"]) for u, v, d in peer.edges(data=True))
    )
    return g, peer


def test_yen_matches_networkx_simple_paths_on_a_random_graph() -> None:
    g, peer = random_strengths(40, 0.12, seed=4)
    source, target = 0, 39
    ours = k_strongest_paths(g, source, target, k=8)
    theirs = list(islice(nx.shortest_simple_paths(peer, source, target, weight="cost"), 8))
    assert len(ours) == 8
    strengths = [p.strength for p in ours]
    assert strengths == sorted(strengths, reverse=True)
    expected = [math.prod(peer[u][v]["strength"] for u, v in pairwise(p)) for p in theirs]
    assert strengths == pytest.approx(expected, rel=1e-9)
    for path in ours:
        assert len(set(path.nodes)) == len(path.nodes)  # loopless
        assert path.nodes[0] == source and path.nodes[-1] == target
        assert all(peer.has_edge(u, v) for u, v in pairwise(path.nodes))
        assert path.strength == pytest.approx(math.prod(path.ties))
    assert len({p.nodes for p in ours}) == 8


def test_path_tree_strengths_match_dijkstra() -> None:
    g, peer = random_strengths(60, 0.08, seed=9)
    tree = strongest_paths_from(g, 5)
    lengths = nx.single_source_dijkstra_path_length(peer, 5, weight="cost")
    for node in range(60):
        expected = math.exp(-lengths[node]) if node in lengths else 0.0
        assert tree.strength[node] == pytest.approx(expected, rel=1e-6), node
        path = tree.path_to(node)
        assert (path is None) == (node not in lengths)
        if path is not None:
            assert path.strength == pytest.approx(tree.strength[node], rel=1e-9)


def test_confidants_ranked_by_closeness_to_me() -> None:
    me, target = 0, 9
    trust = WeightedDigraph.from_edges(
        range(10),
        [
            (target, 1, 0.9),  # target trusts 1, 2, 3, 4 and me
            (target, 2, 0.8),
            (target, 3, 0.4),
            (target, 4, 0.7),
            (target, me, 0.3),
            (me, 5, 0.9),
            (5, 2, 0.9),  # me → 5 → 2: 0.81
            (me, 1, 0.5),  # me → 1: 0.5
            (me, 3, 0.5),  # me → 3: 0.5, trusted less than 1
            # nobody I know reaches 4
        ],
    )
    found = confidants(trust, target, me)
    assert [c.person for c in found] == [me, 2, 1, 3, 4]
    assert [c.closeness for c in found] == pytest.approx([1.0, 0.81, 0.5, 0.5, 0.0])
    assert [c.trust for c in found] == [0.3, 0.8, 0.9, 0.4, 0.7]
    assert found[1].path is not None and found[1].path.nodes == (me, 5, 2)
    assert found[0].path is not None and found[0].path.nodes == (me,)
    assert found[-1].path is None
    (only,) = confidants(trust, 5, me)  # 5 trusts 2 alone
    assert only.person == 2 and only.closeness == pytest.approx(0.81)
    assert confidants(trust, 2, me) == []  # 2 trusts no one


def test_confidants_can_search_another_tie_graph() -> None:
    trust = WeightedDigraph.from_edges(range(4), [(3, 1, 1.0), (3, 2, 1.0)])
    ties = WeightedDigraph.from_edges(range(4), [(0, 2, 0.6), (0, 1, 0.3)])
    found = confidants(trust, 3, 0, path_graph=ties)
    assert [(c.person, c.closeness) for c in found] == [(2, 0.6), (1, 0.3)]
    with pytest.raises(ValueError, match="same ids"):
        confidants(trust, 3, 0, path_graph=WeightedDigraph.from_edges(range(5), []))


# Me (0) reports to a boss (1) who reports to a director (3), both lines stated at 1.0;
# I also know a friend (2, 0.7) who works with the director (0.8).
ORG = WeightedDigraph.from_edges(range(4), [(0, 1, 1.0), (1, 3, 1.0), (0, 2, 0.7), (2, 3, 0.8)])


def test_unused_org_chart_lines_are_not_perfectly_warm() -> None:
    nothing = np.full(4, np.nan)  # no record of any relationship
    warm = warm_weights(ORG, 0, nothing)
    path = strongest_path(warm, 0, 3)
    assert path is not None and path.nodes == (0, 1, 3)
    assert path.ties == pytest.approx((0.5, 0.5)) and path.strength == pytest.approx(0.25)
    assert strongest_path(ORG, 0, 3).strength == pytest.approx(1.0)  # the stated weights


def test_warmth_of_my_relationships_changes_the_answer() -> None:
    # The boss is cooling (health 0.3), the friend is warm (0.9): by hand,
    # via the boss 1.0 × 1.3 / 2 × 1.0 / 2 = 0.325; via the friend
    # 0.7 × 1.9 / 2 × 0.8 / 2 = 0.266. A boss not seen at all (0.0) gives 0.25.
    health = np.array([np.nan, 0.3, 0.9, np.nan])
    warm = warm_weights(ORG, 0, health)
    paths = k_strongest_paths(warm, 0, 3, 2)
    assert [p.nodes for p in paths] == [(0, 1, 3), (0, 2, 3)]
    assert [p.strength for p in paths] == pytest.approx([0.325, 0.266])
    cold = warm_weights(ORG, 0, np.array([np.nan, 0.0, 0.9, np.nan]))
    best = strongest_path(cold, 0, 3)
    assert best is not None and best.nodes == (0, 2, 3)  # the used tie wins now
    assert best.strength == pytest.approx(0.266)
    full = warm_weights(ORG, 0, np.array([np.nan, 1.0, 1.0, np.nan]))
    assert full.weights[[0], [1]][0] == pytest.approx(1.0)  # a healthy tie keeps its weight


def test_warm_weights_are_symmetric_in_my_hops_and_checked() -> None:
    both = WeightedDigraph.from_edges(range(3), [(0, 1, 0.8), (1, 0, 0.8), (1, 2, 0.6)])
    warm = warm_weights(both, 0, [np.nan, 0.5, 1.0])
    dense = warm.weights.toarray()
    assert dense[0, 1] == pytest.approx(0.6) and dense[1, 0] == pytest.approx(0.6)
    assert dense[1, 2] == pytest.approx(0.3)  # not my hop: no warmth known
    assert warm_weights(both, None, [1.0, 1.0, 1.0]).weights.toarray()[0, 1] == 0.4
    with pytest.raises(ValueError):
        warm_weights(both, 0, [0.5, 0.5])
    with pytest.raises(ValueError):
        warm_weights(both, 0, [0.5, 1.5, 0.5])
