"""The array form of a network that every analysis takes.

A :class:`WeightedDigraph` is a sparse ``n × n`` matrix of edge weights plus the
external ids of its ``n`` nodes. Entry ``[i, j]`` is the weight of the edge
``i → j``. In a *listens-to* graph that edge means "``i`` listens to ``j``"
(``i`` takes ``j``'s lead): influence flows from ``j`` to ``i`` and ``j`` gains rank.

References
----------
.. [1] Virtanen, P. et al. (2020). "SciPy 1.0: fundamental algorithms for
   scientific computing in Python". *Nature Methods* 17:261-272 (the CSR
   format of :mod:`scipy.sparse`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = ["HOP_EPSILON", "Combine", "LengthRule", "WeightedDigraph"]

Combine = Literal["max", "sum"]
LengthRule = Literal["hops", "length", "inverse", "neglog"]

#: Added to every ``-log(strength)`` edge length, so that a tie of strength 1
#: still has a positive length and, among equally strong paths, the one with
#: fewer steps is the shortest.
HOP_EPSILON = 1e-9

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class WeightedDigraph:
    """A directed graph with positive edge weights, held as a CSR matrix.

    Parameters
    ----------
    weights : scipy.sparse.csr_array
        ``n × n`` float64 matrix; ``weights[i, j]`` is the weight of the edge
        ``i → j``. Zero entries are not edges. The diagonal must be empty and
        weights must be positive and finite. Other sparse formats are accepted
        and converted; explicit zeros are removed.
    ids : tuple of int
        External id of each node; ``ids[i]`` belongs to row and column ``i``.

    Raises
    ------
    ValueError
        If the shape does not match the ids, ids repeat, a weight is negative or
        not finite, or a node has a self loop.

    Notes
    -----
    Instances are immutable and compare by identity. Build them with
    :meth:`from_edges`, or pass a matrix you already have.

    References
    ----------
    .. [1] Virtanen, P. et al. (2020). "SciPy 1.0: fundamental algorithms for
       scientific computing in Python". *Nature Methods* 17:261-272.

    Examples
    --------
    >>> g = WeightedDigraph.from_edges([10, 20, 30], [(10, 20, 0.5), (20, 30, 1.0)])
    >>> g.n, g.index_of(30), g.weight(10, 20)
    (3, 2, 0.5)
    """

    weights: sp.csr_array
    ids: tuple[int, ...]
    _index: Mapping[int, int] = field(init=False, repr=False)
    _derived: dict[str, Any] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        ids = tuple(self.ids)
        index = {node_id: i for i, node_id in enumerate(ids)}
        if len(index) != len(ids):
            repeated = sorted(x for x, count in Counter(ids).items() if count > 1)
            raise ValueError(f"node ids must be unique; repeated: {repeated[:10]}")
        matrix = sp.csr_array(self.weights, dtype=np.float64, copy=True)
        n = len(ids)
        if matrix.shape != (n, n):
            raise ValueError(f"weights has shape {matrix.shape} but there are {n} ids")
        matrix.sum_duplicates()
        matrix.eliminate_zeros()
        matrix.sort_indices()
        if matrix.nnz:
            if not np.all(np.isfinite(matrix.data)):
                raise ValueError("edge weights must be finite")
            if np.any(matrix.data < 0):
                raise ValueError("edge weights must be positive; leave out an edge of weight 0")
            if np.any(matrix.diagonal() != 0):
                loops = [ids[i] for i in np.flatnonzero(matrix.diagonal())][:10]
                raise ValueError(f"self loops are not allowed (nodes {loops})")
        object.__setattr__(self, "weights", matrix)
        object.__setattr__(self, "ids", ids)
        object.__setattr__(self, "_index", index)

    @classmethod
    def from_edges(
        cls,
        ids: Iterable[int],
        edges: Iterable[tuple[int, int, float]],
        combine: Combine = "max",
    ) -> WeightedDigraph:
        """Build a graph from ``(source_id, target_id, weight)`` triples.

        Parameters
        ----------
        ids : iterable of int
            Every node, in the order that fixes the matrix indices. Nodes without
            edges are kept.
        edges : iterable of (int, int, float)
            Edges by external id. Self loops and zero weights are dropped.
        combine : {"max", "sum"}
            How repeated edges between the same ordered pair are merged.

        Returns
        -------
        WeightedDigraph

        Raises
        ------
        ValueError
            If an edge names an unknown id, a weight is negative or not finite,
            or ``combine`` is unknown.
        """
        if combine not in ("max", "sum"):
            raise ValueError(f"combine must be 'max' or 'sum', not {combine!r}")
        id_tuple = tuple(ids)
        index = {node_id: i for i, node_id in enumerate(id_tuple)}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for source, target, weight in edges:
            try:
                i, j = index[source], index[target]
            except KeyError as exc:
                raise ValueError(
                    f"edge ({source}, {target}) names the unknown id {exc.args[0]}"
                ) from None
            w = float(weight)
            if not np.isfinite(w) or w < 0:
                raise ValueError(
                    f"edge ({source}, {target}) has weight {w}; weights must be >= 0 and finite"
                )
            if i == j or w == 0:
                continue
            rows.append(i)
            cols.append(j)
            vals.append(w)
        n = len(id_tuple)
        r = np.asarray(rows, dtype=np.int64)
        c = np.asarray(cols, dtype=np.int64)
        v = np.asarray(vals, dtype=np.float64)
        if combine == "max" and len(v):
            keys = r * max(n, 1) + c
            order = np.lexsort((-v, keys))
            keys, r, c, v = keys[order], r[order], c[order], v[order]
            first = np.ones(len(keys), dtype=bool)
            first[1:] = keys[1:] != keys[:-1]
            r, c, v = r[first], c[first], v[first]
        matrix = sp.coo_array((v, (r, c)), shape=(n, n)).tocsr()  # sums duplicates
        return cls(matrix, id_tuple)

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """A value computed from this graph once and kept with it.

        The graph is immutable, so what is derived from it (a length matrix, its
        transpose) can be kept for later calls. Treat the value as read-only.

        Parameters
        ----------
        name : str
            Names the value; the same name must always mean the same computation.
        make : callable
            Computes the value on the first call with ``name``.
        """
        if name not in self._derived:
            self._derived[name] = make()
        return cast(T, self._derived[name])

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        """Number of edges (stored non-zero entries)."""
        return int(self.weights.nnz)

    def index_of(self, node_id: int) -> int:
        """Return the matrix index of an external id.

        Raises
        ------
        KeyError
            If the id is not a node of the graph.
        """
        try:
            return self._index[node_id]
        except KeyError:
            raise KeyError(f"{node_id!r} is not a node of this graph") from None

    def indices_of(self, node_ids: Iterable[int]) -> npt.NDArray[np.int64]:
        """Return the matrix indices of several external ids."""
        return np.fromiter((self.index_of(x) for x in node_ids), dtype=np.int64)

    def id_of(self, index: int) -> int:
        """Return the external id of a matrix index."""
        return self.ids[index]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def weight(self, source_id: int, target_id: int) -> float:
        """Weight of the edge ``source_id → target_id`` (0.0 when absent)."""
        return float(self.weights[self.index_of(source_id), self.index_of(target_id)])

    def edges(self) -> Iterable[tuple[int, int, float]]:
        """Yield ``(source_id, target_id, weight)`` for every edge, row by row."""
        coo = self.weights.tocoo()
        for i, j, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True):
            yield self.ids[i], self.ids[j], w

    def successors(self, index: int) -> npt.NDArray[np.int32]:
        """Indices ``j`` with an edge ``index → j`` (whom ``index`` listens to)."""
        start, stop = self.weights.indptr[index], self.weights.indptr[index + 1]
        return np.asarray(self.weights.indices[start:stop])

    def reversed(self) -> WeightedDigraph:
        """The same graph with every edge turned round (``j → i`` for ``i → j``)."""
        return WeightedDigraph(self.weights.T.tocsr(), self.ids)

    def symmetrized(self, combine: Combine = "max") -> WeightedDigraph:
        """An undirected version, stored with both directions of every edge.

        Parameters
        ----------
        combine : {"max", "sum"}
            ``"max"`` keeps the stronger direction of a pair, ``"sum"`` adds both.
        """
        w = self.weights
        if combine == "sum":
            sym = w + w.T
        elif combine == "max":
            sym = w.maximum(w.T)
        else:
            raise ValueError(f"combine must be 'max' or 'sum', not {combine!r}")
        return WeightedDigraph(sp.csr_array(sym), self.ids)

    def subgraph(self, indices: Iterable[int]) -> WeightedDigraph:
        """The graph induced by the given node indices, in the order given."""
        idx = np.fromiter(indices, dtype=np.int64)
        sub = self.weights[idx][:, idx]
        return WeightedDigraph(sp.csr_array(sub), tuple(self.ids[i] for i in idx.tolist()))

    def unweighted(self) -> WeightedDigraph:
        """The same edges, each with weight 1."""
        w = self.weights.copy()
        w.data[:] = 1.0
        return WeightedDigraph(w, self.ids)

    def lengths(self, rule: LengthRule) -> sp.csr_array:
        """The edges as lengths for shortest-path algorithms.

        Parameters
        ----------
        rule : {"hops", "length", "inverse", "neglog"}
            ``"hops"``: every edge has length 1. ``"length"``: the weight is
            already a length. ``"inverse"``: length ``1 / weight``, so stronger
            ties are shorter. ``"neglog"``: length ``-log(weight) + HOP_EPSILON``
            for weights in ``(0, 1]``, so that the shortest path is the one with
            the largest product of weights (the strongest chain of ties).

        Returns
        -------
        scipy.sparse.csr_array
            Same sparsity pattern as :attr:`weights`, positive lengths.

        Raises
        ------
        ValueError
            For ``"neglog"`` if a weight exceeds 1, or an unknown rule.
        """
        out = self.weights.copy()
        if rule == "hops":
            out.data[:] = 1.0
        elif rule == "length":
            pass
        elif rule == "inverse":
            out.data = 1.0 / out.data
        elif rule == "neglog":
            if out.nnz and float(out.data.max()) > 1.0:
                raise ValueError(
                    "tie strengths must lie in (0, 1] to use -log(strength) as a length; "
                    f"the largest is {float(out.data.max())}"
                )
            out.data = -np.log(out.data) + HOP_EPSILON
        else:
            raise ValueError(f"unknown length rule {rule!r}")
        return out
