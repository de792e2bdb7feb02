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

from allies.analysis.graph import WeightedDigraph
from allies.analysis.map_layout import force_layout
from allies.domain import ObservationColumns
from allies.services.context import TODAY, Lens
from allies.services.influence.cache import fingerprint, stored
from allies.services.influence.graph import InfluenceNetwork, evidence_columns, introductions
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
        people's ids and the ties (nothing else) and again to store the layout.
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
    with uow:  # the people's ids and the ties: no person or observation as an object
        ids = tuple(int(i) for i in uow.people.distinct_values("id"))
        ties = uow.ties.columns()
    graph = introductions(evidence_columns(ties, ObservationColumns()), ids, lens.day)[0]
    return _laid_out(graph, uow, seed)


def map_layout_in(network: InfluenceNetwork, *, seed: int = 0) -> dict[int, tuple[float, float]]:
    """:func:`map_layout` on a network already loaded (stored through its ``store``)."""
    return _laid_out(network.introduction_graph, network.store, seed)


def _laid_out(
    graph: WeightedDigraph, uow: UnitOfWork | None, seed: int
) -> dict[int, tuple[float, float]]:
    key = fingerprint(graph, analysis="layout", seed=seed)

    def compute() -> dict[str, np.ndarray]:
        return {"xy": force_layout(graph.weights, seed=seed)}

    xy = stored(uow, "layout", key, compute)["xy"]
    return {pid: (float(x), float(y)) for pid, (x, y) in zip(graph.ids, xy.tolist(), strict=True)}
