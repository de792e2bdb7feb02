"""Positions of the people on the map: a force-directed layout, the same for a seed.

Fruchterman and Reingold's spring embedder [1]_: tied people attract each other in
proportion to the tie's weight, everyone repels everyone near them (the grid variant,
where repulsion only counts within a cell's neighbourhood, so a step costs ``O(n + m)``
rather than ``O(n²)``), and the moves cool down over the iterations. The work is done by
igraph's implementation [2]_ (C); the start positions and igraph's random numbers are
drawn from ``seed`` (a generator of the layout's own), so the same graph and seed give
the same map, whatever else the process draws meanwhile.

References
----------
.. [1] Fruchterman, T. M. J. and Reingold, E. M. (1991). "Graph drawing by force-directed
   placement". *Software: Practice and Experience* 21(11):1129-1164.
.. [2] Csárdi, G. and Nepusz, T. (2006). "The igraph software package for complex network
   research". *InterJournal Complex Systems* 1695.
"""

from __future__ import annotations

import random
import threading

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = ["force_layout"]

FloatArray = npt.NDArray[np.float64]

#: igraph draws from one generator for the whole process (Python's ``random`` module
#: unless set): one layout at a time gives it a generator of its own, seeded, so nothing
#: else drawing from ``random`` meanwhile (another thread) changes the map.
_RANDOM = threading.Lock()


def force_layout(
    weights: sp.csr_array | sp.csr_matrix, *, seed: int = 0, iterations: int | None = None
) -> FloatArray:
    """A force-directed layout of an undirected weighted graph, in the unit square.

    Parameters
    ----------
    weights : sparse matrix, shape (n, n)
        Symmetric non-negative tie weights (only the upper triangle is read).
    seed : int
        The same seed gives the same positions.
    iterations : int, optional
        Steps of the spring embedder; by default 500, fewer on very large graphs.

    Returns
    -------
    ndarray of float, shape (n, 2)
        ``x, y`` of each node, both in ``[0, 1]`` (the layout's shape kept: the longer
        side spans the whole interval, the shorter is centred).

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> pairs = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    >>> xy = force_layout(pairs + pairs.T, seed=1)
    >>> xy.shape, bool(((xy >= 0) & (xy <= 1)).all())
    ((3, 2), True)
    >>> bool(np.array_equal(xy, force_layout(pairs + pairs.T, seed=1)))
    True
    """
    import igraph as ig  # imported here: only the map needs it

    n = weights.shape[0]
    if n == 0:
        return np.zeros((0, 2), dtype=np.float64)
    if n == 1:
        return np.full((1, 2), 0.5)
    upper = sp.triu(sp.coo_array(weights), k=1).tocoo()
    keep = upper.data > 0
    edges = np.column_stack((upper.row[keep], upper.col[keep])).tolist()
    graph = ig.Graph(n=n, edges=edges)
    rng = np.random.default_rng(seed)
    start = rng.uniform(-np.sqrt(n), np.sqrt(n), size=(n, 2)).tolist()
    steps = iterations if iterations is not None else (500 if n <= 50_000 else 200)
    with _RANDOM:  # igraph's generator is the process's: its own one for this layout
        ig.set_random_number_generator(random.Random(seed))
        try:
            layout = graph.layout_fruchterman_reingold(
                weights=upper.data[keep].tolist() if len(edges) else None,
                niter=steps,
                seed=start,
                grid=n > 1000,
            )
        finally:
            ig.set_random_number_generator(random)
    xy = np.asarray(layout.coords, dtype=np.float64).reshape(n, 2)
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = float((high - low).max())
    if span <= 0:
        return np.full((n, 2), 0.5)
    return (xy - low) / span + (1.0 - (high - low) / span) / 2.0
