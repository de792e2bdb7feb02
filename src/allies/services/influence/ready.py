"""Whether the network's listens-to graph is kept for the network as it is now.

Every influence view starts from the listens-to graph
(:func:`allies.services.influence.loading.load_influence_network`). It is kept in the
workspace's analysis cache under the network's stamp, so a view of an unchanged network
reads it back in a fraction of a second; after a change (or before the first analysis)
it is built from every tie and observation, which takes about a second on a network of
20,000 people and 100,000 ties. A page that must answer at once looks here first
(:func:`listens_kept`: the stamp, one count and one lookup, nothing built) and, on a
large network whose graph is not kept, leaves the work to the background.
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.analysis.evidence import EvidenceWeights
from allies.services.context import TODAY, Lens
from allies.services.influence.cache import GRAPH, stamp_key
from allies.services.ports import UnitOfWork

__all__ = ["Readiness", "listens_kept"]


@dataclass(frozen=True)
class Readiness:
    """How many people the workspace holds, and whether its listens-to graph is kept for
    the network as it is now."""

    people: int
    kept: bool


def listens_kept(uow: UnitOfWork, lens: Lens = TODAY) -> Readiness:
    """Whether the listens-to graph of the network as it is on ``lens``'s day is kept
    (then loading the network reads it back instead of every tie); a few quick reads.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work (entered here).
    lens : Lens
        The day and half-life the views use.

    Returns
    -------
    Readiness
    """
    weights = EvidenceWeights(half_life_days=lens.half_life_days)
    with uow:
        people = uow.people.count()
        stamp = uow.network_reads.stamp()
        key = stamp_key(stamp, analysis=GRAPH, as_of=lens.day, weights=weights)
        kept = uow.analysis_cache.has(GRAPH, key)
    return Readiness(people, kept)
