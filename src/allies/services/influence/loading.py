"""Reading the workspace's network once per request for the influence use cases.

:func:`load_influence_network` reads the people as columns and, unless the listens-to
graph of this state of the network is kept (:mod:`allies.services.influence.cache`), the
ties and observations, into an :class:`~allies.services.influence.graph.InfluenceNetwork`,
on which everything after loading works.
"""

from __future__ import annotations

from allies.analysis.evidence import EvidenceWeights
from allies.domain import Campaign
from allies.services.context import TODAY, Lens
from allies.services.influence.cache import GRAPH, read_kept, stamp_key
from allies.services.influence.graph import InfluenceNetwork
from allies.services.ports import UnitOfWork

__all__ = ["load_influence_network", "read_influence_network"]


def load_influence_network(
    uow: UnitOfWork,
    lens: Lens = TODAY,
    *,
    with_campaigns: bool = False,
) -> InfluenceNetwork:
    """Read the workspace once and prepare it for the influence analyses.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; it is entered and left here (nothing is written).
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.
    with_campaigns : bool
        Also read the campaigns (for their deciders).

    Returns
    -------
    InfluenceNetwork

    Raises
    ------
    allies.errors.InvalidInput
        If the lens's half-life is not positive.
    """
    lens.checked()
    with uow:
        return read_influence_network(
            uow, lens, campaigns=uow.campaigns.list() if with_campaigns else []
        )


def read_influence_network(
    uow: UnitOfWork, lens: Lens, *, campaigns: list[Campaign] | None = None
) -> InfluenceNetwork:
    """:func:`load_influence_network` inside a unit of work already entered (the
    network's later reads enter it again).

    Parameters
    ----------
    uow : UnitOfWork
        Inside a ``with`` block.
    lens : Lens
        A lens already checked.
    campaigns : list of Campaign, optional
        The campaigns read with it.

    Returns
    -------
    InfluenceNetwork
    """
    weights = EvidenceWeights(half_life_days=lens.half_life_days)
    ties = observations = None
    stamp = uow.network_reads.stamp()
    people = uow.network_reads.people()
    units = {u.id or 0: u.name for u in uow.units.list()}
    key = stamp_key(stamp, analysis=GRAPH, as_of=lens.day, weights=weights)
    kept = read_kept(uow, GRAPH, key)
    if kept is None:  # not kept for this state of the network: read the records now
        ties, observations = uow.ties.columns(), uow.observations.columns()
    return InfluenceNetwork(
        people=people,
        ties=ties,
        observations=observations,
        as_of=lens.day,
        weights=weights,
        units=units,
        campaigns=campaigns,
        store=uow,
        stamp=stamp,
        stored_graph=kept,
    )
