"""People influential beyond their title: listened to far more than their place suggests.

A person *stands out* when they are in the most listened-to quarter of the network (by
influence rank, :mod:`allies.services.influence.ranking`) and yet nobody reports to
them, directly or through others, and they do not sit above me. Formal authority is read
from the ``reports_to`` ties; when none are recorded, from the person's level only. These
are the people an organisation chart hides: the analyst the executives check with, the
assistant who decides what reaches the chief — the informal network that Krackhardt and
Hanson [1]_ contrast with the chart.

References
----------
.. [1] Krackhardt, D. and Hanson, J. R. (1993). "Informal networks: the company behind
   the chart". *Harvard Business Review* 71(4):104-111.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from allies.domain import Level
from allies.domain.people_table import PeopleTable
from allies.services.influence.graph import InfluenceNetwork
from allies.services.influence.ranking import Influencer, influencers_at

__all__ = ["Standout", "beyond_their_title"]

#: The share of the network, from the top of the influence ranking, a standout sits in.
TOP_SHARE = 0.25


@dataclass(frozen=True)
class Standout:
    """Someone influential beyond their title, with who listens to them.

    Attributes
    ----------
    person : Influencer
        Their row of the influence ranking (place, title, top listeners).
    reports : int
        How many people report to them, directly or through others (0 for a standout).
    """

    person: Influencer
    reports: int


def beyond_their_title(network: InfluenceNetwork, limit: int = 5) -> list[Standout]:
    """The people in the top quarter of influence who hold no formal authority.

    Parameters
    ----------
    network
        The workspace's influence network, read once for the request.
    limit
        At most this many, most influential first.

    Returns
    -------
    list of Standout
        Empty when the network is too small (fewer than four people) to tell.
    """
    size = len(network.ids)
    if size < 4:
        return []
    top = max(1, round(size * TOP_SHARE))
    under = network.reports_under
    listeners = np.diff(sp.csc_array(network.graph.weights).indptr)
    levels = _levels(network)
    found: list[int] = []
    reports: list[int] = []
    for index in np.argsort(network.positions, kind="stable")[:top].tolist():
        pid = network.ids[index]
        level = levels[index]
        if _is_me(network, index, pid) or level == Level.ABOVE.value or not listeners[index]:
            continue
        if under is None:
            if level != Level.BELOW.value:
                continue
        elif under[index]:
            continue
        found.append(index)
        reports.append(0)
        if len(found) == limit:
            break
    rows = influencers_at(network, found)
    return [Standout(person=row, reports=r) for row, r in zip(rows, reports, strict=True)]


def _levels(network: InfluenceNetwork) -> list[str | None]:
    """Everyone's level value, indexed like the network's ids."""
    if isinstance(network.people, PeopleTable):
        return list(network.people.levels)
    return [
        None if (p := network.people[pid]).level is None else Level(p.level).value
        for pid in network.ids
    ]


def _is_me(network: InfluenceNetwork, index: int, pid: int) -> bool:
    if isinstance(network.people, PeopleTable):
        return bool(network.people.me[index])
    return network.people[pid].is_me
