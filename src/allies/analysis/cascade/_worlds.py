"""Monte Carlo over sampled live-edge graphs ("worlds"), private.

``R`` live-edge graphs are drawn once with the caller's seed (common random
numbers), so every spread estimate is the average over the same worlds: the
estimate is itself a monotone submodular function and lazy greedy (CELF) picks
exactly what plain greedy picks. The worlds are stored as one block-diagonal
graph on ``R × n`` nodes whose strongly connected components are contracted
(everyone in a component reaches the same people).

Two ways to find what a person reaches:

- for everyone at once, the reach of every component is built as a bit set of
  people, children before parents (by levels of the condensed acyclic graph), a
  few worlds at a time;
- for one person (or a few), a breadth-first search that advances the searches in
  all worlds together with numpy.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from allies.analysis.cascade._model import (
    BoolArray,
    Diffusion,
    FloatArray,
    IntArray,
    Marks,
    gather,
    live_in_edges,
)

_VISITED_BUDGET = 1 << 24
_BITSET_BUDGET = 1 << 25  # bytes of reach bit sets built at once
_UNPACK_BUDGET = 1 << 24  # bytes unpacked at once to weigh bit sets


def _quantize(gains: FloatArray, total: float) -> FloatArray:
    """Round gains to about 12 significant digits of the total value, so that the
    two ways of computing them agree exactly and ties break the same way."""
    unit = max(total, 1.0) * 2.0**-40
    return np.asarray(np.round(gains / unit) * unit, dtype=np.float64)


def _dedupe(keys: IntArray) -> IntArray:
    if keys.size < 2:
        return keys
    keys = np.sort(keys)
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))]


def _byte_table(values: FloatArray, n_bytes: int) -> FloatArray:
    """``table[256 * j + b]``: total value of the people whose bits are set in byte
    ``b`` at byte position ``j`` of a little-endian bit set."""
    padded = np.zeros(n_bytes * 8)
    padded[: values.size] = values
    per_byte = padded.reshape(n_bytes, 8)
    patterns = (np.arange(256)[:, None] >> np.arange(8)[None, :]) & 1
    return np.asarray((per_byte @ patterns.T.astype(np.float64)).reshape(-1), dtype=np.float64)


class Worlds:
    """``count`` sampled live-edge graphs with a record of who is already reached."""

    def __init__(
        self,
        diffusion: Diffusion,
        count: int,
        rng: np.random.Generator,
        *,
        condense: bool = True,
    ) -> None:
        if count < 1:
            raise ValueError("simulations must be at least 1")
        n = diffusion.n
        self.n = n
        self.count = count
        self.values = diffusion.values
        size = n * count
        rows = np.tile(np.arange(n, dtype=np.int64), count)
        world = np.repeat(np.arange(count, dtype=np.int64), n)
        positions, slot = live_in_edges(diffusion, rows, rng)
        src = world[slot] * n + diffusion.sources[positions]
        dst = world[slot] * n + rows[slot]
        if condense and src.size:
            graph = sp.csr_matrix(
                (np.ones(src.size, dtype=np.int8), (src, dst)), shape=(size, size)
            )
            n_comp, raw = csgraph.connected_components(graph, directed=True, connection="strong")
            raw = raw.astype(np.int64)
            # Number the components world by world so that worlds stay contiguous.
            world_of = np.zeros(n_comp, dtype=np.int64)
            world_of[raw] = world
            order = np.argsort(world_of, kind="stable")
            relabel = np.empty(n_comp, dtype=np.int64)
            relabel[order] = np.arange(n_comp, dtype=np.int64)
            labels = relabel[raw]
        else:
            n_comp, labels = size, np.arange(size, dtype=np.int64)
        self.components = int(n_comp)
        self.component_of = labels
        self.weight = np.bincount(labels, weights=np.tile(self.values, count), minlength=n_comp)
        world_of_comp = np.zeros(n_comp, dtype=np.int64)
        world_of_comp[labels] = world
        self.world_start = np.searchsorted(world_of_comp, np.arange(count + 1)).astype(np.int64)
        a, b = labels[src], labels[dst]
        between = a != b
        keys = _dedupe(a[between] * n_comp + b[between])
        heads = keys // n_comp
        self.indptr = np.concatenate(([0], np.cumsum(np.bincount(heads, minlength=n_comp)))).astype(
            np.int64
        )
        self.indices = (keys % n_comp).astype(np.int64)
        order = np.argsort(labels, kind="stable")
        self.members = (order % n).astype(np.int64)
        self.members_ptr = np.concatenate(
            ([0], np.cumsum(np.bincount(labels, minlength=n_comp)))
        ).astype(np.int64)
        self.covered: BoolArray = np.zeros(n_comp, dtype=bool)
        self.reached = np.zeros(n, dtype=np.int64)  # worlds in which each node is active
        self._marks = Marks()
        self._byte_table: FloatArray | None = None
        self._total = float(self.values.sum())

    # -- one person at a time: breadth-first search -------------------------------

    def _sources(self, nodes: IntArray) -> IntArray:
        """Components of ``nodes`` in every world, shape (len(nodes), count)."""
        offsets = np.arange(self.count, dtype=np.int64) * self.n
        return self.component_of[nodes[:, None] + offsets[None, :]]

    def _search(self, instance: IntArray, start: IntArray, batch: int) -> IntArray:
        """Uncovered components reached from ``start``, as keys ``instance * K + comp``."""
        k = self.components
        marks = self._marks
        marks.reserve(batch * k)
        keep = ~self.covered[start]
        keys = marks.first_visits(instance[keep] * k + start[keep])
        found = [keys]
        while keys.size:
            positions, slot = gather(self.indptr, keys % k)
            if positions.size == 0:
                break
            nxt = self.indices[positions]
            fresh = ~self.covered[nxt]
            keys = marks.first_visits((keys // k)[slot[fresh]] * k + nxt[fresh])
            found.append(keys)
        reached = np.concatenate(found)
        marks.clear(reached)
        return reached

    def gains(self, nodes: IntArray) -> FloatArray:
        """Expected value newly reached by each of ``nodes``, given the cover."""
        nodes = np.asarray(nodes, dtype=np.int64)
        out = np.zeros(nodes.size)
        if nodes.size == 0:
            return out
        k = self.components
        batch = max(1, min(nodes.size, _VISITED_BUDGET // max(k, 1)))
        for first in range(0, nodes.size, batch):
            chunk = nodes[first : first + batch]
            sources = self._sources(chunk).reshape(-1)
            instance = np.repeat(np.arange(chunk.size, dtype=np.int64), self.count)
            reached = self._search(instance, sources, chunk.size)
            out[first : first + chunk.size] = np.bincount(
                reached // k, weights=self.weight[reached % k], minlength=chunk.size
            )
        return _quantize(out / self.count, self._total)

    # -- everyone at once: reach bit sets ------------------------------------------

    def all_gains(self) -> FloatArray:
        """Expected value newly reached by each person, given the cover (all n)."""
        n, words = self.n, (self.n + 63) // 64
        per_world = max(1, int(self.components / self.count))
        step = max(1, _BITSET_BUDGET // max(per_world * words * 8, 1))
        total = np.zeros(n)
        for first in range(0, self.count, step):
            last = min(self.count, first + step)
            weight = self._reach_weights(first, last, words)
            comps = self._sources(np.arange(n, dtype=np.int64))[:, first:last]
            total += weight[comps - self.world_start[first]].sum(axis=1)
        return _quantize(total / self.count, self._total)

    def _reach_weights(self, first: int, last: int, words: int) -> FloatArray:
        """Uncovered value reached from each component of worlds ``first..last-1``."""
        c0, c1 = int(self.world_start[first]), int(self.world_start[last])
        size = c1 - c0
        ptr = self.indptr[c0 : c1 + 1] - self.indptr[c0]
        children = self.indices[self.indptr[c0] : self.indptr[c1]] - c0
        reach = np.zeros((size, words), dtype=np.uint64)
        mptr = self.members_ptr[c0 : c1 + 1]
        member_nodes = self.members[mptr[0] : mptr[-1]]
        member_comp = np.repeat(np.arange(size, dtype=np.int64), np.diff(mptr))
        np.bitwise_or.at(
            reach,
            (member_comp, member_nodes >> 6),
            np.left_shift(np.uint64(1), (member_nodes & 63).astype(np.uint64)),
        )
        parent_of = np.repeat(np.arange(size, dtype=np.int64), np.diff(ptr))
        parents = sp.csr_matrix(
            (np.ones(children.size, dtype=np.int8), (children, parent_of)), shape=(size, size)
        )
        p_ptr, p_idx = parents.indptr.astype(np.int64), parents.indices.astype(np.int64)
        waiting = np.diff(ptr).astype(np.int64)
        ready = np.flatnonzero(waiting == 0)
        while ready.size:
            positions, _ = gather(p_ptr, ready)
            up = p_idx[positions]
            waiting -= np.bincount(up, minlength=size)
            ready = _dedupe(up[waiting[up] == 0])
            if ready.size == 0:
                break
            kids, _ = gather(ptr, ready)
            starts = np.cumsum(np.diff(ptr)[ready]) - np.diff(ptr)[ready]
            reach[ready] |= np.bitwise_or.reduceat(reach[children[kids]], starts, axis=0)
        covered = self.covered[self._sources(np.arange(self.n, dtype=np.int64))[:, first:last]]
        cover_bits = np.zeros((last - first, words), dtype=np.uint64)
        world_idx, node_idx = np.nonzero(covered.T)
        np.bitwise_or.at(
            cover_bits,
            (world_idx, node_idx >> 6),
            np.left_shift(np.uint64(1), (node_idx & 63).astype(np.uint64)),
        )
        world_of = np.repeat(np.arange(last - first), np.diff(self.world_start[first : last + 1]))
        reach &= ~cover_bits[world_of]
        return self._weigh(reach)

    def _weigh(self, bits: np.ndarray) -> FloatArray:
        """Sum of values over the people in each bit set."""
        values = self.values
        if np.all(values == values[0]):
            return np.bitwise_count(bits).sum(axis=1).astype(np.float64) * float(values[0])
        if self._byte_table is None:
            self._byte_table = _byte_table(values, bits.shape[1] * 8)
        table = self._byte_table
        n_bytes = bits.shape[1] * 8
        offsets = np.arange(n_bytes, dtype=np.intp) * 256
        out = np.empty(bits.shape[0])
        rows = max(1, _UNPACK_BUDGET // max(n_bytes * 8, 1))
        as_bytes = bits.astype("<u8", copy=False).view(np.uint8)
        for first in range(0, bits.shape[0], rows):
            index = as_bytes[first : first + rows].astype(np.intp) + offsets
            out[first : first + rows] = table[index].sum(axis=1)
        return out

    # -- committing seeds -----------------------------------------------------------

    def commit(self, nodes: IntArray) -> tuple[float, IntArray]:
        """Activate ``nodes`` in every world.

        Returns the expected value newly reached and, for each person, in how many
        more worlds she is now active.
        """
        nodes = np.asarray(nodes, dtype=np.int64)
        if nodes.size == 0:
            return 0.0, np.zeros(self.n, dtype=np.int64)
        sources = self._sources(nodes).reshape(-1)
        reached = self._search(np.zeros(sources.size, dtype=np.int64), sources, 1)
        self.covered[reached] = True
        positions, _ = gather(self.members_ptr, reached)
        newly = np.bincount(self.members[positions], minlength=self.n).astype(np.int64)
        self.reached += newly
        return float(self.weight[reached].sum()) / self.count, newly

    @property
    def activation(self) -> FloatArray:
        """Probability that each person is active given what has been committed."""
        return np.asarray(self.reached / self.count, dtype=np.float64)
