"""What the map can colour people by, besides their unit: their group and their side.

- *Groups* are the communities of the listens-to graph found by Louvain modularity
  optimisation [1]_ (:func:`allies.analysis.communities.louvain`), numbered largest first
  and named after their most influential member.
- *Sides* are where each person stands on a campaign, counted as everywhere else
  (:mod:`allies.services.campaigns.support`): within a few points of my position they are
  ``for``, far from it ``against``, in between ``undecided``; without a recorded stance
  ``unknown``. Coloured by side and sized by influence, the map is the *power map*
  campaign organisers draw by hand (support against power).

References
----------
.. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008). "Fast
   unfolding of communities in large networks". *Journal of Statistical Mechanics*
   P10008.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from allies.analysis.communities import louvain
from allies.analysis.graph import WeightedDigraph
from allies.domain import Campaign, CampaignStatus, Stance
from allies.services.campaigns.support import (
    AGAINST_WORD,
    ON_BOARD_WORD,
    side_of_distance,
    support_distance,
)

__all__ = ["UNKNOWN", "CampaignSides", "Groups", "campaign_sides", "groups_of", "map_campaign"]

#: The map's words for the three sides (short enough for a legend), and no stance at all.
SIDE_WORDS = {ON_BOARD_WORD: "for", AGAINST_WORD: "against"}
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Groups:
    """Each person's group (0 the largest) and each group's name."""

    of: dict[int, int]
    names: list[str]


@dataclass(frozen=True)
class CampaignSides:
    """The campaign the map shows and each person's side on it (``for``, ``against``,
    ``undecided``; people without a stance are left out)."""

    name: str
    side: dict[int, str]


def groups_of(
    graph: WeightedDigraph, rank: Mapping[int, float], names: Mapping[int, str]
) -> Groups:
    """The communities of the listens-to graph, largest first, each named after its most
    influential member (``Around <name>``)."""
    if graph.n == 0:
        return Groups(of={}, names=[])
    found = louvain(graph, seed=0)
    members = [m for m in found.members() if len(m)]
    ids = [[graph.id_of(int(i)) for i in m] for m in members]
    ids.sort(key=lambda group: (-len(group), min(group)))
    of: dict[int, int] = {}
    labels: list[str] = []
    for number, group in enumerate(ids):
        leader = max(group, key=lambda pid: (rank.get(pid, 0.0), -pid))
        labels.append(f"Around {names.get(leader, f'#{leader}')}")
        for pid in group:
            of[pid] = number
    return Groups(of=of, names=labels)


def map_campaign(campaigns: Sequence[Campaign], reference: str | None) -> Campaign | None:
    """The campaign the map colours by: the one named or numbered by ``reference``, else
    the active campaign decided soonest, else none."""
    if reference:
        wanted = reference.strip().casefold().lstrip("#")
        for campaign in campaigns:
            if str(campaign.id) == wanted or campaign.name.casefold() == wanted:
                return campaign
    active = [c for c in campaigns if c.status is CampaignStatus.ACTIVE]
    if not active:
        return None
    return min(
        active, key=lambda c: (c.decision_on.isoformat() if c.decision_on else "9", c.id or 0)
    )


def campaign_sides(campaign: Campaign, stances: Sequence[Stance]) -> CampaignSides:
    """Each person's side on ``campaign`` from their latest stance on each issue."""
    issues = [issue.id for issue in campaign.issues]
    column = {issue_id: j for j, issue_id in enumerate(issues)}
    latest: dict[tuple[int, int], Stance] = {}
    for stance in stances:
        if stance.issue_id not in column:
            continue
        key = (stance.person_id, stance.issue_id)
        known = latest.get(key)
        if known is None or (stance.recorded_on, stance.id or 0) >= (
            known.recorded_on,
            known.id or 0,
        ):
            latest[key] = stance
    people = sorted({pid for pid, _ in latest})
    if not people:
        return CampaignSides(name=campaign.name, side={})
    row = {pid: i for i, pid in enumerate(people)}
    positions = np.full((len(people), len(issues)), np.nan)
    saliences = np.zeros((len(people), len(issues)))
    for (pid, issue_id), stance in latest.items():
        positions[row[pid], column[issue_id]] = stance.position
        saliences[row[pid], column[issue_id]] = stance.salience
    desired = np.array([issue.desired_position for issue in campaign.issues], dtype=np.float64)
    distance = support_distance(positions, saliences, desired)
    side = {}
    for pid, d in zip(people, distance.tolist(), strict=True):
        if not np.isnan(d):
            word = side_of_distance(d)
            side[pid] = SIDE_WORDS.get(word, word)
    return CampaignSides(name=campaign.name, side=side)
