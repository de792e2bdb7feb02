"""Communities by Louvain, checked against the departments of email-Eu-core."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import numpy.typing as npt
import pytest

from allies.analysis.communities import louvain, modularity
from allies.analysis.graph import WeightedDigraph


def adjusted_rand_index(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Hubert and Arabie's adjusted Rand index of two labelings."""
    _, x = np.unique(np.asarray(a), return_inverse=True)
    _, y = np.unique(np.asarray(b), return_inverse=True)
    table = np.zeros((x.max() + 1, y.max() + 1))
    np.add.at(table, (x, y), 1)

    def pairs(counts: np.ndarray) -> float:
        return float((counts * (counts - 1) / 2).sum())

    both = pairs(table)
    rows, cols = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * cols / pairs(np.array([len(x)]))
    return (both - expected) / ((rows + cols) / 2 - expected)


def test_adjusted_rand_index_helper() -> None:
    assert adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7]) == pytest.approx(1.0)
    # the worked example of Hubert and Arabie's measure as given by scikit-learn
    assert adjusted_rand_index([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx(0.5714285714)


@pytest.fixture(scope="module")
def email(data: Path) -> tuple[WeightedDigraph, np.ndarray, nx.Graph]:
    """The undirected e-mail graph without self loops: 986 people with ties."""
    folder = data / "email-eu-core"
    pairs = np.loadtxt(folder / "email-Eu-core.txt", dtype=np.int64)
    department = dict(np.loadtxt(folder / "email-Eu-core-department-labels.txt", dtype=np.int64))
    peer = nx.Graph()
    peer.add_edges_from((int(u), int(v)) for u, v in pairs if u != v)
    people = sorted(peer)
    edges = [(u, v, 1.0) for u, v in peer.edges()] + [(v, u, 1.0) for u, v in peer.edges()]
    g = WeightedDigraph.from_edges(people, edges)
    return g, np.array([department[p] for p in people]), peer


def test_email_communities_recover_departments(email: tuple) -> None:
    g, departments, peer = email
    assert g.n == 986
    found = louvain(g, seed=1)
    assert adjusted_rand_index(found.labels, departments) >= 0.2
    groups = [{g.ids[i] for i in members} for members in found.members()]
    assert found.modularity == pytest.approx(nx.community.modularity(peer, groups), abs=1e-12)
    assert found.modularity > 0.4  # networkx's Louvain reaches about 0.415
    assert all(nx.is_connected(peer.subgraph(group)) for group in groups)
    again = louvain(g, seed=1)
    assert np.array_equal(found.labels, again.labels)
    assert found.modularity == again.modularity


def test_labels_are_numbered_by_first_member(email: tuple) -> None:
    g, _, _ = email
    labels = louvain(g, seed=2).labels
    first_seen = [int(labels[i]) for i in sorted(np.unique(labels, return_index=True)[1])]
    assert first_seen == list(range(len(first_seen)))


def test_two_cliques_joined_by_one_tie() -> None:
    clique = [(a, b) for a in range(5) for b in range(5) if a != b]
    edges = [(a, b, 1.0) for a, b in clique] + [(a + 5, b + 5, 1.0) for a, b in clique]
    edges.append((4, 5, 0.5))
    g = WeightedDigraph.from_edges(range(12), edges)  # 10 and 11 have no ties
    found = louvain(g, seed=0)
    assert found.labels.tolist() == [0] * 5 + [1] * 5 + [2, 3]
    assert found.count == 4
    assert modularity(g, found.labels) == pytest.approx(found.modularity)
    peer = nx.Graph()
    peer.add_nodes_from(range(12))
    for u, v, w in g.symmetrized("sum").edges():
        peer.add_edge(u, v, weight=w)
    expected = nx.community.modularity(peer, [set(range(5)), set(range(5, 10)), {10}, {11}])
    assert found.modularity == pytest.approx(expected)


def test_resolution_and_edge_cases() -> None:
    ring = [(i, (i + 1) % 30, 1.0) for i in range(30)]
    g = WeightedDigraph.from_edges(range(30), ring)
    coarse = louvain(g, resolution=0.5, seed=0)
    fine = louvain(g, resolution=2.0, seed=0)
    assert fine.count > coarse.count
    assert louvain(WeightedDigraph.from_edges([], [])).labels.shape == (0,)
    alone = louvain(WeightedDigraph.from_edges([1, 2, 3], []))
    assert alone.labels.tolist() == [0, 1, 2] and alone.modularity == 0.0
    with pytest.raises(ValueError, match="one entry per node"):
        modularity(g, [0, 1])
