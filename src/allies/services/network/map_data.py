"""The network as the map needs it, read once per state of the network and kept.

:func:`load_map_data` gives everyone in matrix order (ids, influence rank, name, unit,
group) and the ties as arrays of indices and values, with everyone's place. The ties and
places are kept in the workspace's analysis cache under the network's key
(:meth:`~allies.services.influence.graph.InfluenceNetwork.key`), so a view of an
unchanged network reads one stored archive instead of every tie.

Places come from the force-directed layout kept per state of the ties
(:func:`~allies.services.influence.layout.map_layout_in`). For the overview,
:func:`cluster_places` puts each cluster in a disc of its own (*group-in-a-box*): the
clusters are laid out by the ties between them (the same force-directed layout on the
graph of clusters), their discs sized by their members and pushed apart until none
overlaps; each person keeps their place relative to their cluster's middle, scaled into
its disc. A cluster then reads as a region of the map, its people inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.map_layout import force_layout
from allies.services.context import Lens
from allies.services.influence.cache import Arrays, stored
from allies.services.influence.graph import InfluenceNetwork
from allies.services.influence.groups import network_communities
from allies.services.influence.layout import map_layout_in
from allies.services.influence.loading import load_influence_network
from allies.services.ports import UnitOfWork
from allies.services.ports.network_reads import PeopleTable

__all__ = [
    "MAP",
    "IntArray",
    "MapData",
    "cluster_places",
    "clusters_by",
    "keep_map",
    "kept_places",
    "load_map_data",
    "map_data_of",
    "map_kept",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
#: The share of the map the clusters' discs cover (before they are pushed apart).
COVER = 0.45
#: The kind the map's ties and places are kept under; ``map_places`` holds the overview's.
MAP = "map"
PLACES = "map_places"
#: What the overview's clusters may be.
CLUSTERS_BY = ("group", "unit")


@dataclass
class MapData:
    """The loaded network as arrays in matrix order (index ``i`` is ``ids[i]``), and its
    ties as columns of indices (``source``, ``target``) and values."""

    net: InfluenceNetwork
    ids: IntArray
    rank: npt.NDArray[np.float64]
    group: IntArray
    group_names: list[str]
    unit: IntArray
    names: Sequence[str]
    me: npt.NDArray[np.bool_]
    tie: Arrays

    @property
    def source(self) -> IntArray:
        """Each tie's first person (an index)."""
        return self.tie["source"]

    @property
    def target(self) -> IntArray:
        """Each tie's second person (an index)."""
        return self.tie["target"]

    @property
    def xy(self) -> npt.NDArray[np.float64]:
        """Everyone's place on the map, in [0, 1]."""
        return self.tie["xy"]

    def name(self, index: int) -> str:
        """The name of the person at ``index``."""
        return str(self.names[index])


def _groups(
    net: InfluenceNetwork, ids: IntArray, rank: Any, names: Sequence[str]
) -> tuple[IntArray, list[str]]:
    """Each person's group, numbered largest first (then lowest id), and the groups' names
    ("Around" their most influential member), as :func:`map_layers.groups_of` numbers them."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64), []
    labels = network_communities(net, seed=0).labels
    found, first, sizes = np.unique(labels, return_index=True, return_counts=True)
    order = np.lexsort((first, -sizes))  # largest first, then the lowest id
    number = np.empty(int(found.max()) + 1, dtype=np.int64)
    number[found[order]] = np.arange(len(found))
    group = number[labels]
    leaders = np.lexsort((ids, -rank, group))  # per group: most influential, lowest id
    head = np.ones(len(leaders), dtype=bool)
    head[1:] = group[leaders[1:]] != group[leaders[:-1]]
    return group, [f"Around {names[i]}" for i in leaders[head].tolist()]


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day is not None else 0


def _tie_arrays(net: InfluenceNetwork, ids: IntArray) -> Arrays:
    """The ties as arrays and everyone's place, kept in the workspace for this state of the
    network: a view of an unchanged network reads them back instead of every tie."""

    def compute() -> Arrays:
        ties = net.ties
        kinds = sorted(set(ties.kind))
        code = {kind: i for i, kind in enumerate(kinds)}
        places = map_layout_in(net) if len(ids) else {}
        xy = np.asarray([places.get(pid, (0.5, 0.5)) for pid in ids.tolist()], dtype=np.float64)
        return {
            "source": np.searchsorted(ids, np.asarray(ties.source_id, dtype=np.int64)),
            "target": np.searchsorted(ids, np.asarray(ties.target_id, dtype=np.int64)),
            "id": np.asarray([i or 0 for i in ties.id], dtype=np.int64),
            "kind": np.asarray([code[k] for k in ties.kind], dtype=np.int64),
            "kinds": np.asarray(kinds, dtype=str),
            "weight": np.asarray(ties.weight, dtype=np.float64),
            "confidence": np.asarray(ties.confidence, dtype=np.float64),
            "valid_from": np.asarray([_ordinal(d) for d in ties.valid_from], dtype=np.int64),
            "valid_to": np.asarray([_ordinal(d) for d in ties.valid_to], dtype=np.int64),
            "evidence": np.asarray([len(ties), len(net.observations)], dtype=np.int64),
            "xy": xy.reshape(-1, 2),
        }

    return stored(net.store, MAP, net.key(MAP, seed=0), compute)


def _people(net: InfluenceNetwork) -> tuple[Sequence[str], IntArray, npt.NDArray[np.bool_]]:
    """Everyone's name, unit (0 for none) and whether they are me, in matrix order."""
    people = net.people
    if isinstance(people, PeopleTable):
        units = np.asarray([u or 0 for u in people.unit_ids], dtype=np.int64)
        return people.names, units, np.asarray(people.me, dtype=bool)
    everyone = [people[pid] for pid in net.ids]
    return (
        [p.name for p in everyone],
        np.asarray([p.unit_id or 0 for p in everyone], dtype=np.int64),
        np.asarray([p.is_me for p in everyone], dtype=bool),
    )


def load_map_data(uow: UnitOfWork, lens: Lens) -> MapData:
    """The network as the map needs it (see the module's description)."""
    return map_data_of(load_influence_network(uow, lens, with_campaigns=True))


def map_data_of(net: InfluenceNetwork) -> MapData:
    """:func:`load_map_data` on a network already loaded (computing what is not kept)."""
    ids = np.asarray(net.ids, dtype=np.int64)
    rank = np.asarray(net.rank, dtype=np.float64) if len(ids) else np.zeros(0)
    names, unit, me = _people(net)
    group, group_names = _groups(net, ids, rank, names)
    tie = _tie_arrays(net, ids)
    return MapData(net, ids, rank, group, group_names, unit, names, me, tie)


def clusters_by(data: MapData, by: str) -> tuple[IntArray, list[str], list[str]]:
    """Each person's cluster index, and each cluster's key and name."""
    if by == "group":
        keys = [f"group:{g}" for g in range(len(data.group_names))]
        return data.group, keys, list(data.group_names)
    found, index = np.unique(data.unit, return_inverse=True)
    keys = [f"unit:{u}" for u in found.tolist()]
    names = [data.net.units.get(u, "No unit") if u else "No unit" for u in found.tolist()]
    return index.astype(np.int64), keys, names


def _apart(centre: FloatArray, radius: FloatArray, rounds: int = 120) -> FloatArray:
    """Discs pushed apart (each overlapping pair by half the overlap each way) until
    none overlaps, or ``rounds`` passes."""
    centre = centre.copy()
    for _ in range(rounds):
        gap = centre[:, None, :] - centre[None, :, :]
        distance = np.sqrt((gap**2).sum(axis=2))
        need = (radius[:, None] + radius[None, :]) * 1.04 - distance
        np.fill_diagonal(need, 0.0)
        if not (need > 1e-9).any():
            break
        push = np.where(need > 0, need / 2, 0.0) / np.maximum(distance, 1e-9)
        nudge = np.where(distance[..., None] > 1e-9, gap, 1e-3)
        centre += (push[..., None] * nudge).sum(axis=1)
    return centre


def cluster_places(
    data: MapData, cluster: IntArray, count: int, *, seed: int = 0
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Each cluster's disc (middle and radius) and each person's place inside their
    cluster's disc, all in ``[0, 1]`` (see the module's description).

    Parameters
    ----------
    data : MapData
    cluster : ndarray of int, shape (n,)
        Each person's cluster (``0 .. count - 1``).
    count : int
        How many clusters there are.
    seed : int
        The seed of the layout of the clusters.

    Returns
    -------
    centre : ndarray, shape (count, 2)
    radius : ndarray, shape (count,)
    xy : ndarray, shape (n, 2)
    """
    n = len(cluster)
    size = np.bincount(cluster, minlength=count).astype(np.float64)
    a, b = cluster[data.source], cluster[data.target]
    between = a != b
    links = sp.csr_array(
        (np.ones(int(between.sum())), (a[between], b[between])), shape=(count, count)
    )
    links = sp.csr_array(links + links.T)
    scale = np.sqrt(np.maximum(size, 1.0))
    links = sp.csr_array(sp.diags(1 / scale) @ links @ sp.diags(1 / scale))
    centre = force_layout(links, seed=seed) if count > 1 else np.full((count, 2), 0.5)
    radius = np.sqrt(COVER * size / max(n, 1) / np.pi)
    centre = _apart(centre, radius)
    low = (centre - radius[:, None]).min(axis=0)
    high = (centre + radius[:, None]).max(axis=0)
    span = float(max((high - low).max(), 1e-9))
    centre = (centre - low) / span + (1 - (high - low) / span) / 2
    radius = radius / span
    # Everyone keeps their place relative to their cluster's middle, scaled into its disc.
    xy = data.xy
    middle = (
        np.column_stack([np.bincount(cluster, weights=xy[:, k], minlength=count) for k in (0, 1)])
        / np.maximum(size, 1.0)[:, None]
    )
    offset = xy - middle[cluster]
    reach = np.sqrt((offset**2).sum(axis=1))
    spread = np.sqrt(np.bincount(cluster, weights=reach**2, minlength=count) / np.maximum(size, 1))
    unit = offset / np.maximum(2 * spread[cluster], 1e-9)[:, None]
    length = np.sqrt((unit**2).sum(axis=1))
    unit /= np.maximum(length, 1.0)[:, None]
    return centre, radius, centre[cluster] + 0.9 * radius[cluster, None] * unit


def kept_places(
    data: MapData, by: str, cluster: IntArray, count: int
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """:func:`cluster_places`, kept in the workspace for this state of the network."""

    def compute() -> Arrays:
        centre, radius, xy = cluster_places(data, cluster, count)
        return {"centre": centre, "radius": radius, "xy": xy}

    found = stored(data.net.store, PLACES, data.net.key(PLACES, by=by), compute)
    return found["centre"], found["radius"], found["xy"]


def map_kept(net: InfluenceNetwork, by: str | None = None) -> bool:
    """Whether everything the map's overview by ``by`` (None: by either) needs is kept for
    the network as it is now (the communities, the ties and places, the clusters' discs):
    then a view reads it back in a fraction of a second; else :func:`keep_map` works it
    out, which takes seconds on a large network. A few quick reads."""
    from allies.services.influence.kept import COMMUNITIES

    wanted = [
        (COMMUNITIES, net.key(COMMUNITIES, seed=0)),
        (MAP, net.key(MAP, seed=0)),
        *((PLACES, net.key(PLACES, by=one)) for one in ((by,) if by else CLUSTERS_BY)),
    ]
    if net.store is None:
        return False
    with net.store as uow:  # each looked up by its key (nothing read)
        return all(uow.analysis_cache.has(kind, key) for kind, key in wanted)


def keep_map(net: InfluenceNetwork) -> None:
    """Work out and keep everything the map shows of the network as it is now (the
    background work runs it after a change; see :func:`map_kept`)."""
    data = map_data_of(net)
    for by in CLUSTERS_BY:
        cluster, keys, _ = clusters_by(data, by)
        kept_places(data, by, cluster, len(keys))
