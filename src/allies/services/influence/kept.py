"""The slow analyses of the network, kept between views and worked out in the background.

Betweenness with sampled pivots takes seconds on a large workspace (15 s at 20,000
people), and Burt's brokerage a good part of that; communities and the map layout less.
Each is kept in the workspace's analysis cache (:mod:`allies.services.influence.cache`)
under the network's stamp, so it is computed once per change of the network:

- :func:`refresh` computes every kept analysis the views use with their default settings,
  for the network as it is now; the background task ``analyses``
  (:mod:`allies.background.features`) runs it every minute for every workspace, which
  costs one aggregate query per table while nothing changed;
- :func:`refresh_soon` runs :func:`refresh` in a thread of this process right away (one
  at a time), for a view that found nothing for the current network;
- :func:`kept_betweenness` and :func:`kept_brokerage` never compute: they give the result
  for the current network, or else the newest one kept with the moment it was computed
  (realigned to the people of today: someone added since has no value), or None.

The numbers shown are always ones an analysis produced; a view says when they are not of
the network as it is now.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from allies.services.context import TODAY, Lens
from allies.services.influence.cache import Arrays, Kept, dated, latest, params_text, stored
from allies.services.influence.graph import InfluenceNetwork
from allies.services.influence.loading import load_influence_network
from allies.services.ports import UnitOfWork

if TYPE_CHECKING:  # the analyses are imported where they run (a quick command line)
    from allies.analysis.brokers import Betweenness
    from allies.analysis.communities import Communities

__all__ = [
    "BETWEENNESS",
    "BROKERAGE",
    "COMMUNITIES",
    "LAYOUT",
    "Dated",
    "kept_betweenness",
    "kept_brokerage",
    "network_betweenness",
    "network_brokerage",
    "network_communities",
    "network_layout",
    "refresh",
    "refresh_soon",
    "wait_refreshed",
]

log = logging.getLogger("allies.influence")

BETWEENNESS = "betweenness"
BROKERAGE = "brokerage"
COMMUNITIES = "communities"
LAYOUT = "layout"
#: The settings the views use: exact betweenness up to this many people, else sampled.
EXACT_UP_TO = 2000


@dataclass(frozen=True)
class Dated:
    """A kept result and whether it is of the network as it is now.

    ``computed_at`` is when it was computed; ``current`` is False for the newest result
    of an earlier state of the network (shown while the current one is worked out).
    """

    value: Any
    computed_at: datetime | None
    current: bool


def _params(network: InfluenceNetwork, **parameters: object) -> dict[str, object]:
    return {"half_life": network.weights.half_life_days, **parameters}


def _with_ids(network: InfluenceNetwork, arrays: Arrays, params: dict[str, object]) -> Arrays:
    return {
        **arrays,
        "ids": np.asarray(network.ids, dtype=np.int64),
        "params": np.asarray(params_text(params)),
    }


def _aligned(
    arrays: Arrays, name: str, ids: tuple[int, ...], fill: float
) -> npt.NDArray[np.float64]:
    """``arrays[name]`` for the people ``ids`` (``fill`` for someone it does not know)."""
    values = np.asarray(arrays[name], dtype=np.float64)
    known = arrays.get("ids")
    wanted = np.asarray(ids, dtype=np.int64)
    if known is None or np.array_equal(known, wanted):
        return values
    out = np.full(len(wanted), fill, dtype=np.float64)
    at = np.searchsorted(known, wanted)
    at = np.clip(at, 0, max(len(known) - 1, 0))
    hit = (np.asarray(known)[at] == wanted) if len(known) else np.zeros(len(wanted), bool)
    out[hit] = values[at[hit]]
    return out


def _betweenness_of(arrays: Arrays, ids: tuple[int, ...]) -> Betweenness:
    from allies.analysis.brokers import Betweenness

    return Betweenness(
        values=_aligned(arrays, "values", ids, 0.0),
        exact=bool(arrays["exact"]),
        sources=tuple(int(x) for x in arrays["sources"].tolist()),
        error_bound=float(arrays["bound"][0]),
        failure_probability=float(arrays["bound"][1]),
    )


def _betweenness_key(network: InfluenceNetwork, k: int | None, exact_up_to: int, seed: int) -> str:
    return network.key(BETWEENNESS, k=k, exact_up_to=exact_up_to, seed=seed)


def network_betweenness(
    network: InfluenceNetwork, *, k: int | None, exact_up_to: int, seed: int
) -> Betweenness:
    """Betweenness of the listens-to graph (length −log weight, either direction), kept in
    the workspace until the network changes; computed here when it is not kept.

    Parameters
    ----------
    network : InfluenceNetwork
    k : int or None
        Pivot sources to sample (None: exact up to ``exact_up_to`` people, else 500).
    exact_up_to : int
    seed : int
        Seed of the pivot sample.

    Returns
    -------
    Betweenness
    """
    params = _params(network, k=k, exact_up_to=exact_up_to, seed=seed)

    def compute() -> Arrays:
        from allies.analysis.brokers import betweenness

        graph = network.graph
        found = betweenness(
            graph, directed=False, lengths="neglog", k=k, exact_up_to=exact_up_to, seed=seed
        )
        arrays = {
            "values": found.values,
            "exact": np.asarray(found.exact),
            "sources": np.asarray(found.sources, dtype=np.int64),
            "bound": np.asarray([found.error_bound, found.failure_probability]),
        }
        return _with_ids(network, arrays, params)

    key = _betweenness_key(network, k, exact_up_to, seed)
    return _betweenness_of(stored(network.store, BETWEENNESS, key, compute), network.ids)


def _kept(network: InfluenceNetwork, kind: str, key: str, params: dict[str, object]) -> Kept | None:
    """The result under ``key``, else the newest of ``kind`` with the same settings."""
    found = latest(network.store, kind, like=params)
    if found is None or found.key == key:
        return found
    current = latest_exact(network, kind, key)
    return current if current is not None else found


def latest_exact(network: InfluenceNetwork, kind: str, key: str) -> Kept | None:
    """The result kept under exactly ``key`` (the current network), or None."""
    return dated(network.store, kind, key)


def kept_betweenness(
    network: InfluenceNetwork, *, k: int | None, exact_up_to: int, seed: int
) -> Dated | None:
    """The kept betweenness, never computed here (see the module's notes)."""
    key = _betweenness_key(network, k, exact_up_to, seed)
    found = _kept(
        network, BETWEENNESS, key, _params(network, k=k, exact_up_to=exact_up_to, seed=seed)
    )
    if found is None:
        return None
    return Dated(_betweenness_of(found.arrays, network.ids), found.computed_at, found.key == key)


def _brokerage_arrays(network: InfluenceNetwork) -> Arrays:
    from allies.analysis.brokers import constraint, effective_size

    graph = network.graph
    arrays = {"constraint": constraint(graph), "effective_size": effective_size(graph)}
    return _with_ids(network, arrays, _params(network))


def _brokerage_of(
    arrays: Arrays, ids: tuple[int, ...]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    return (
        _aligned(arrays, "constraint", ids, float("nan")),
        _aligned(arrays, "effective_size", ids, float("nan")),
    )


def network_brokerage(
    network: InfluenceNetwork,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Burt's constraint and effective size of everyone (on the mutual weights), kept in
    the workspace until the network changes.

    Returns
    -------
    constraint, effective_size : ndarray of float, shape (n,)
        NaN for someone with no ties.
    """
    key = network.key(BROKERAGE)
    arrays = stored(network.store, BROKERAGE, key, lambda: _brokerage_arrays(network))
    return _brokerage_of(arrays, network.ids)


def kept_brokerage(network: InfluenceNetwork) -> Dated | None:
    """The kept constraint and effective size, never computed here."""
    key = network.key(BROKERAGE)
    found = _kept(network, BROKERAGE, key, _params(network))
    if found is None:
        return None
    return Dated(_brokerage_of(found.arrays, network.ids), found.computed_at, found.key == key)


def network_communities(network: InfluenceNetwork, *, seed: int) -> Communities:
    """Louvain communities of the listens-to graph, kept in the workspace until the
    network changes.

    Parameters
    ----------
    network : InfluenceNetwork
    seed : int
        Seed of Louvain's node order.

    Returns
    -------
    Communities
    """
    from allies.analysis.communities import Communities, louvain

    params = _params(network, seed=seed)

    def compute() -> Arrays:
        found = louvain(network.graph, seed=seed)
        arrays = {
            "labels": found.labels,
            "quality": np.asarray([found.modularity, found.levels], dtype=np.float64),
        }
        return _with_ids(network, arrays, params)

    arrays = stored(network.store, COMMUNITIES, network.key(COMMUNITIES, seed=seed), compute)
    labels = np.asarray(arrays["labels"], dtype=np.int64)
    if len(labels) != len(network.ids):  # kept for other people: compute for these
        found = louvain(network.graph, seed=seed)
        return found
    return Communities(
        labels=labels,
        modularity=float(arrays["quality"][0]),
        levels=int(arrays["quality"][1]),
    )


def network_layout(network: InfluenceNetwork, *, seed: int = 0) -> npt.NDArray[np.float64]:
    """The map's positions (rows in the order of the introduction graph's ids), kept
    until the ties change; see :mod:`allies.services.influence.layout`."""
    from allies.analysis.map_layout import force_layout

    graph = network.introduction_graph

    def compute() -> Arrays:
        return {"xy": force_layout(graph.weights, seed=seed)}

    key = network.key(LAYOUT, seed=seed)
    return np.asarray(stored(network.store, LAYOUT, key, compute)["xy"], dtype=np.float64)


def refresh(uow: UnitOfWork, lens: Lens = TODAY) -> list[str]:
    """Compute and keep every analysis the views show, for the network as it is now
    (first the health list's ranking, :func:`allies.services.keep.health_board.refresh_health`).

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work (not inside a ``with`` block).
    lens : Lens
        The day and half-life (today's defaults, what the views use).

    Returns
    -------
    list of str
        The analyses that were not kept and were computed now (empty when all were).
    """
    from allies.services.keep.health_board import refresh_health  # the health list's ranking

    health = ["health"] if refresh_health(uow, lens.day) else []
    network = load_influence_network(uow, lens)
    if not network.ids:
        return health
    done: list[str] = health
    k = None
    from allies.services.network.map_data import MAP, keep_map, map_kept  # the map's arrays

    # The quick ones first (communities, the map), so the views that need only them do
    # not wait for betweenness.
    jobs: list[tuple[str, str, Callable[[], object]]] = [
        (
            COMMUNITIES,
            network.key(COMMUNITIES, seed=0),
            lambda: network_communities(network, seed=0),
        ),
        (LAYOUT, network.key(LAYOUT, seed=0), lambda: network_layout(network, seed=0)),
        (MAP, network.key(MAP, seed=0), lambda: keep_map(network)),
        (
            BETWEENNESS,
            _betweenness_key(network, k, EXACT_UP_TO, 0),
            lambda: network_betweenness(network, k=k, exact_up_to=EXACT_UP_TO, seed=0),
        ),
        (BROKERAGE, network.key(BROKERAGE), lambda: network_brokerage(network)),
    ]
    for kind, key, run in jobs:
        kept = map_kept(network) if kind == MAP else latest_exact(network, kind, key) is not None
        if not kept:
            run()
            done.append(kind)
    return done


_running = threading.Lock()


def refresh_soon(make_uow: Callable[[], UnitOfWork], lens: Lens = TODAY) -> bool:
    """Run :func:`refresh` in a thread now, unless one is already running in this
    process; True when one was started."""
    if not _running.acquire(blocking=False):
        return False

    def work() -> None:
        try:
            refresh(make_uow(), lens)
        except Exception:  # logged; the periodic task tries again
            log.exception("working out the network's analyses failed")
        finally:
            _running.release()

    threading.Thread(target=work, name="allies-analyses", daemon=True).start()
    return True


def wait_refreshed(timeout: float | None = None) -> bool:
    """Wait until no :func:`refresh_soon` work runs in this process (``timeout`` seconds
    at most; None waits as long as it takes); True when none runs."""
    if not _running.acquire(timeout=-1 if timeout is None else timeout):
        return False
    _running.release()
    return True
