"""Community detection against the strongest peers: igraph and networkit (issue 22).

The same undirected weighted graphs go to :func:`allies.analysis.communities.louvain`
(Louvain, its local moving compiled with numba), igraph's ``community_multilevel`` (the
same algorithm, C) and networkit's PLM (parallel Louvain, run on one thread, without its
refinement), each timed as the best of a few runs after a warm-up (so numba's compilation,
cached on disk, is not counted). Graphs: email-Eu-core (986 people) and the seeded
organisation of ``benchmarks/influence_org.py`` at 20,000 people / 100,000 ties and at
100,000 people / 1,000,000 ties. Printed: seconds, modularity, and ratio = peer time /
allies time (above 1 means allies is faster).

The target of issue 22: within 1.5× of networkit's one-thread time on 100,000 / 1,000,000,
with the same modularity.

    python benchmarks/community.py
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from influence_org import make_organisation

from allies.analysis.communities import louvain
from allies.analysis.graph import WeightedDigraph

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SIZES = [(20_000, 100_000), (100_000, 1_000_000)]
if os.environ.get("ALLIES_SCALE"):
    SIZES = [
        (int(n * float(os.environ["ALLIES_SCALE"])), int(m * float(os.environ["ALLIES_SCALE"])))
        for n, m in SIZES
    ]


def best(run: Callable[[], Any], repeats: int = 3) -> tuple[float, Any]:
    """The best time of ``repeats`` runs (after one untimed warm-up) and the last result."""
    result = run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def email() -> sp.csr_array:
    """email-Eu-core as an undirected graph of unit weights."""
    pairs = np.loadtxt(DATA / "email-eu-core" / "email-Eu-core.txt", dtype=np.int64)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    n = int(pairs.max()) + 1
    a = sp.csr_array((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    a = sp.csr_array(((a + a.T) > 0).astype(np.float64))
    keep = np.flatnonzero(np.diff(a.indptr) > 0)
    return sp.csr_array(a[keep][:, keep])


def organisation(n: int, m: int) -> sp.csr_array:
    """The seeded organisation's ties, summed both ways into one undirected weight."""
    org = make_organisation(n=n, n_ties=m, n_observations=0, seed=2025)
    a = sp.csr_array(
        (org.tie_weight, (org.tie_source, org.tie_target)), shape=(org.people, org.people)
    )
    return sp.csr_array(a + a.T)


def row(name: str, adjacency: sp.csr_array) -> str:
    """One line of the table for one graph."""
    import igraph as ig
    import networkit as nk

    nk.setNumberOfThreads(1)
    n = adjacency.shape[0]
    graph = WeightedDigraph(adjacency, tuple(range(n)))
    coo = sp.triu(adjacency, k=1).tocoo()
    ours_time, ours = best(lambda: louvain(graph, seed=0, symmetrize="max"))
    peer = ig.Graph(n=n, edges=np.column_stack((coo.row, coo.col)).tolist())
    weights = coo.data.tolist()
    random.seed(0)
    ig_time, ig_found = best(lambda: peer.community_multilevel(weights=weights))
    nk_graph = nk.Graph(n, weighted=True)
    nk_graph.addEdges(
        (coo.data.astype(np.float64), (coo.row.astype(np.uint64), coo.col.astype(np.uint64)))
    )

    def plm() -> Any:
        algorithm = nk.community.PLM(nk_graph, refine=False)
        algorithm.run()
        return algorithm.getPartition()

    nk_time, nk_found = best(plm)
    nk_q = nk.community.Modularity().getQuality(nk_found, nk_graph)
    return (
        f"| {name} | {n:,} | {coo.nnz:,} | {ours_time:.3f} | {ig_time:.3f} | {nk_time:.3f} "
        f"| {ig_time / ours_time:.2f} | {nk_time / ours_time:.2f} "
        f"| {ours.modularity:.4f} | {ig_found.modularity:.4f} | {nk_q:.4f} |"
    )


def main() -> None:
    """Print the ``## Community detection against igraph and networkit`` section."""
    rows = [row("email-Eu-core", email())]
    for n, m in SIZES:
        print(f"organisation {n:,} / {m:,}", file=sys.stderr, flush=True)
        rows.append(row(f"organisation {n:,} / {m:,}", organisation(n, m)))
    print("## Community detection against igraph and networkit\n")
    print(
        "Louvain on the same undirected weighted graphs, one thread each, best of three "
        "after a warm-up; seconds; ratio = peer time / allies time (above 1: allies is "
        "faster). Target (issue 22): within 1.5× of networkit's time on 100,000 / "
        "1,000,000 (ratio networkit ≥ 0.67), same modularity.\n"
    )
    print(
        "| graph | nodes | edges | allies | igraph | networkit PLM | ratio igraph "
        "| ratio networkit | Q allies | Q igraph | Q networkit |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    print()


if __name__ == "__main__":
    main()
