"""Weights as shares of attention: a faint tie is not a whole vote."""

from __future__ import annotations

import networkx as nx
import numpy as np

from allies.analysis.graph import WeightedDigraph
from allies.analysis.influence import influence_rank


def test_faint_listening_counts_less_when_weights_are_attention() -> None:
    # 1 and 2 each listen faintly to 3; 4 listens fully to 5.
    g = WeightedDigraph.from_edges([1, 2, 3, 4, 5], [(1, 3, 0.05), (2, 3, 0.05), (4, 5, 1.0)])
    normalised = influence_rank(g)
    kept = influence_rank(g, attention="keep")
    three, five = g.index_of(3), g.index_of(5)
    assert normalised[three] > normalised[five]  # two whole votes beat one
    assert kept[three] < kept[five]  # two faint ones do not
    assert np.isclose(kept.sum(), 1.0)


def test_both_readings_agree_with_networkx_on_unit_weights() -> None:
    edges = [(1, 2, 1.0), (2, 3, 1.0), (3, 1, 1.0), (4, 1, 1.0), (4, 3, 1.0)]
    g = WeightedDigraph.from_edges([1, 2, 3, 4], edges)
    reference = nx.pagerank(nx.DiGraph([(a, b) for a, b, _ in edges]), tol=1e-12, max_iter=1000)
    for attention in ("normalise", "keep"):
        ranks = influence_rank(g, attention=attention)
        for node, value in reference.items():
            assert abs(ranks[g.index_of(node)] - value) < 1e-8
