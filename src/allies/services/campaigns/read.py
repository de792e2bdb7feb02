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
from allies.errors import AmbiguousName, NextStep, NotFound
from allies.services.context import TODAY, Lens
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
                "No campaign is active.",
                hint="Start a campaign, or make one active.",
                next_step=NextStep("add", "campaign"),
            )
        return min(active, key=lambda c: (c.decision_on or date.max, c.id or 0))
    if match := _ID.match(ref):
        for campaign in campaigns:
            if campaign.id == int(match[1]):
                return campaign
        raise NotFound(kind="campaign", record_id=int(match[1]))
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
        hint=None if suggestions else "Check the name, or start a campaign of that name.",
        kind="campaign",
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
    lens: Lens = TODAY,
) -> CampaignRead:
    """Read a campaign, its stances and the network in one transaction.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; entered and left here (nothing is written).
    reference : str
        The campaign (see :func:`pick_campaign`).
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.
    """
    day = lens.day
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
            weights=EvidenceWeights(half_life_days=lens.half_life_days),
            units={u.id or 0: u.name for u in uow.units.list()},
            campaigns=campaigns,
        )
    return CampaignRead(campaign=campaign, network=network, stances=stances, as_of=day)
