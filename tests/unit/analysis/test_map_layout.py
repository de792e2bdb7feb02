"""The map's force-directed layout is the same for a seed, whatever else the process does
meanwhile: igraph's random numbers come from a generator of the layout's own."""

from __future__ import annotations

import random
import sys
import threading

import numpy as np
import scipy.sparse as sp

from allies.analysis.map_layout import force_layout


def _ring_with_chords(n: int, seed: int) -> sp.csr_array:
    rng = np.random.default_rng(seed)
    rows = np.concatenate([np.arange(n), rng.integers(0, n, n)])
    cols = np.concatenate([(np.arange(n) + 1) % n, rng.integers(0, n, n)])
    keep = rows != cols
    weights = rng.uniform(0.2, 1.0, keep.sum())
    upper = sp.coo_array((weights, (rows[keep], cols[keep])), shape=(n, n)).tocsr()
    return (upper + upper.T).tocsr()


def test_the_same_seed_gives_the_same_map_while_another_thread_draws_random_numbers() -> None:
    graph = _ring_with_chords(300, seed=5)
    quiet = force_layout(graph, seed=3, iterations=200)
    stop = threading.Event()

    def draw() -> None:
        while not stop.is_set():
            random.random()

    drawing = threading.Thread(target=draw, daemon=True)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the threads take turns often
    drawing.start()
    try:
        busy = [force_layout(graph, seed=3, iterations=200) for _ in range(3)]
    finally:
        stop.set()
        drawing.join()
        sys.setswitchinterval(interval)
    for xy in busy:
        assert np.array_equal(xy, quiet)
    assert not np.array_equal(force_layout(graph, seed=4, iterations=200), quiet)


def test_a_layout_leaves_the_random_module_as_it_was() -> None:
    random.seed(11)
    expected = [random.random() for _ in range(3)]
    random.seed(11)
    force_layout(_ring_with_chords(50, seed=1), seed=9, iterations=50)
    assert [random.random() for _ in range(3)] == expected
