"""Reading a campaign: finding it by what users type, and one read of everything it needs.

:func:`read_campaign` reads the campaign, its stances and the network (people, ties,
observations, units) in one transaction; :mod:`.campaign_inputs` turns that read into
arrays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from allies.analysis.evidence import EvidenceWeights
from allies.domain import Campaign, CampaignStatus, Stance
from allies.errors import AmbiguousName, NotFound
from allies.services.influence.graph import InfluenceNetwork
from allies.services.network.lookup import closest_names
from allies.services.ports import UnitOfWork

__all__ = ["CampaignRead", "pick_campaign", "read_campaign"]

_ID = re.compile(r"^#?(\d+)$")


def pick_campaign(campaigns: Sequence[Campaign], reference: str) -> Campaign:
    """The campaign ``reference`` names.

    ``reference`` may be an id (``3`` or ``#3``), a name, a part of one name, or
    ``active`` for the active campaign decided soonest.

    Raises
    ------
    allies.errors.NotFound
        Nothing matches; the message suggests close names.
    allies.errors.AmbiguousName
        Several campaigns match.
    """
    ref = reference.strip()
    if ref.casefold() == "active":
        active = [c for c in campaigns if c.status is CampaignStatus.ACTIVE]
        if not active:
            raise NotFound(
                "No campaign is active.", hint='Start one with `allies campaign new "NAME"`.'
            )
        return min(active, key=lambda c: (c.decision_on or date.max, c.id or 0))
    if match := _ID.match(ref):
        for campaign in campaigns:
            if campaign.id == int(match[1]):
                return campaign
        raise NotFound(
            f"There is no campaign #{match[1]}.", hint="List them with `allies campaign list`."
        )
    folded = ref.casefold()
    exact = [c for c in campaigns if c.name.casefold() == folded]
    found = exact or [c for c in campaigns if folded and folded in c.name.casefold()]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AmbiguousName(ref, [f"{c.name} (#{c.id})" for c in found])
    suggestions = closest_names(ref, [c.name for c in campaigns])
    raise NotFound(
        f"No campaign called {ref!r}.",
        suggestions=suggestions,
        hint=None
        if suggestions
        else 'List them with `allies campaign list`; start one with `allies campaign new "NAME"`.',
    )


@dataclass(frozen=True)
class CampaignRead:
    """What one read of the workspace gives for a campaign (domain objects).

    Attributes
    ----------
    campaign : Campaign
    network : InfluenceNetwork
        Everyone, the ties and observations, weighed on ``as_of``.
    stances : dict of int to list of Stance
        Every stance on each of the campaign's issues recorded by ``as_of``, oldest
        first, by issue id.
    as_of : date
    """

    campaign: Campaign
    network: InfluenceNetwork
    stances: dict[int, list[Stance]]
    as_of: date

    def current(self, issue_id: int) -> dict[int, Stance]:
        """Each person's current stance on an issue, by person id."""
        latest: dict[int, Stance] = {}
        for stance in self.stances.get(issue_id, []):
            latest[stance.person_id] = stance
        return latest


def read_campaign(
    uow: UnitOfWork,
    reference: str,
    *,
    as_of: date | None = None,
    half_life_days: float = 182.0,
) -> CampaignRead:
    """Read a campaign, its stances and the network in one transaction.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; entered and left here (nothing is written).
    reference : str
        The campaign (see :func:`pick_campaign`).
    as_of : date, optional
        Count stances recorded by this day and weigh the network on it (today).
    half_life_days : float
        How fast observations fade.
    """
    day = as_of or date.today()
    with uow:
        campaigns = uow.campaigns.list()
        campaign = pick_campaign(campaigns, reference)
        stances = {
            issue.id: [s for s in uow.stances.for_issue(issue.id) if s.recorded_on <= day]
            for issue in campaign.issues
            if issue.id is not None
        }
        network = InfluenceNetwork(
            people={p.id or 0: p for p in uow.people.list()},
            ties=uow.ties.columns(),
            observations=uow.observations.columns(),
            as_of=day,
            weights=EvidenceWeights(half_life_days=half_life_days),
            units={u.id or 0: u.name for u in uow.units.list()},
            campaigns=campaigns,
        )
    return CampaignRead(campaign=campaign, network=network, stances=stances, as_of=day)
