"""Where each person sits on the map, computed on the server and kept between views.

The map's positions come from a force-directed layout
(:func:`allies.analysis.map_layout.force_layout`, Fruchterman and Reingold 1991) of the
*introduction graph*: the ties that hold on the day, each usable both ways, weighted by the
strongest tie on each pair (:attr:`InfluenceNetwork.introduction_graph`). The layout is
computed once per state of that graph and seed and kept in the workspace's analysis cache
(:mod:`allies.services.influence.cache`): a change of the ties finds no stored layout and
lays the map out anew; the same ties and seed always give the same positions.
"""

from __future__ import annotations

import numpy as np

from allies.analysis.evidence import EvidenceWeights
from allies.analysis.map_layout import force_layout
from allies.domain import ObservationColumns
from allies.services.context import TODAY, Lens
from allies.services.influence.cache import keep, read_kept, stamp_key
from allies.services.influence.graph import InfluenceNetwork, evidence_columns, introductions
from allies.services.influence.kept import LAYOUT, network_layout
from allies.services.ports import UnitOfWork

__all__ = ["map_layout", "map_layout_in"]


def map_layout(
    uow: UnitOfWork, lens: Lens = TODAY, *, seed: int = 0
) -> dict[int, tuple[float, float]]:
    """Everyone's place on the map: ``map_layout(uow, lens, *, seed=0) -> {person id: (x, y)}``.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work (not inside a ``with`` block): it is entered here to read the
        network's stamp and the people's ids, the kept layout (or, when none is kept for
        the network as it is, the ties) and again to keep a new layout.
    lens : Lens
        The day whose ties are laid out (today by default).
    seed : int
        The same ties and seed give the same positions.

    Returns
    -------
    dict of int to (float, float)
        Every person's ``(x, y)``, both in ``[0, 1]`` (``y`` grows downwards as on a
        screen; the layout's shape kept, the shorter side centred). People with no tie
        are placed too.
    """
    lens.checked()
    weights = EvidenceWeights(half_life_days=lens.half_life_days)
    with uow:  # the stamp and the people's ids; the ties only when no layout is kept
        stamp = uow.network_reads.stamp()
        ids = tuple(sorted(int(i) for i in uow.people.distinct_values("id")))
        key = stamp_key(stamp, analysis=LAYOUT, as_of=lens.day, weights=weights, seed=seed)
        kept = read_kept(uow, LAYOUT, key)
        ties = uow.ties.columns() if kept is None else None
    if kept is not None and len(kept["xy"]) == len(ids):
        xy = np.asarray(kept["xy"], dtype=np.float64)
    else:
        if ties is None:
            with uow:
                ties = uow.ties.columns()
        graph = introductions(evidence_columns(ties, ObservationColumns()), ids, lens.day)[0]
        xy = force_layout(graph.weights, seed=seed)
        keep(uow, LAYOUT, key, {"xy": xy, "ids": np.asarray(ids, dtype=np.int64)})
    return {pid: (float(x), float(y)) for pid, (x, y) in zip(ids, xy.tolist(), strict=True)}


def map_layout_in(network: InfluenceNetwork, *, seed: int = 0) -> dict[int, tuple[float, float]]:
    """:func:`map_layout` on a network already loaded (kept through its ``store``)."""
    xy = network_layout(network, seed=seed)
    ids = network.introduction_graph.ids
    return {pid: (float(x), float(y)) for pid, (x, y) in zip(ids, xy.tolist(), strict=True)}
