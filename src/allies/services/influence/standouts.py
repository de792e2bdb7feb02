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

from collections import defaultdict
from dataclasses import dataclass

from allies.domain import Level
from allies.services.influence.graph import InfluenceNetwork
from allies.services.influence.ranking import Influencer, influencers_in

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


def _reports_under(network: InfluenceNetwork) -> dict[int, int] | None:
    """How many people sit under each person in the reporting lines (None: none recorded)."""
    bosses: dict[int, set[int]] = defaultdict(set)
    ties = network.ties
    for source, target, kind in zip(ties.source_id, ties.target_id, ties.kind, strict=True):
        if kind == "reports_to" and source != target:
            bosses[source].add(target)
    if not bosses:
        return None
    under: dict[int, int] = defaultdict(int)
    for person in network.people:
        seen: set[int] = set()
        stack = list(bosses.get(person, ()))
        while stack:
            boss = stack.pop()
            if boss in seen:
                continue
            seen.add(boss)
            stack.extend(bosses.get(boss, ()))
        for boss in seen - {person}:
            under[boss] += 1
    return under


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
    size = len(network.people)
    if size < 4:
        return []
    top = max(1, round(size * TOP_SHARE))
    ranking = influencers_in(network, top=top)
    under = _reports_under(network)
    found: list[Standout] = []
    for row in ranking.influencers:
        person = network.people[row.id]
        if person.is_me or person.level is Level.ABOVE or row.listeners == 0:
            continue
        if under is None:
            if person.level is not Level.BELOW:
                continue
            reports = 0
        else:
            reports = under.get(row.id, 0)
            if reports:
                continue
        found.append(Standout(person=row, reports=reports))
        if len(found) == limit:
            break
    return found
