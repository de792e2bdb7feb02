"""Reading a campaign: finding it by what users type, and one read of everything it needs.

:func:`read_campaign` reads the campaign, its stances and the network (the people as
columns, the listens-to graph kept for the network as it is, else the ties and
observations; :func:`~allies.services.influence.loading.read_influence_network`) in one
transaction; :mod:`.campaign_inputs` turns that read into
arrays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from allies.domain import Campaign, CampaignStatus, Stance
from allies.domain.people_table import PeopleTable
from allies.errors import AmbiguousName, NextStep, NotFound
from allies.services.context import TODAY, Lens
from allies.services.influence.graph import InfluenceNetwork
from allies.services.influence.loading import read_influence_network
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
        Everyone and the evidence, weighed on ``as_of`` (as
        :func:`~allies.services.influence.loading.load_influence_network` reads it).
    stances : dict of int to list of Stance
        Every stance on each of the campaign's issues recorded by ``as_of``, oldest
        first, by issue id.
    as_of : date
    members : dict of int to frozenset of int
        The people of each organisation on ``as_of`` (their organisation, or an
        affiliation that holds that day), by organisation id.
    """

    campaign: Campaign
    network: InfluenceNetwork
    stances: dict[int, list[Stance]]
    as_of: date
    members: dict[int, frozenset[int]] = field(default_factory=dict)

    def current(self, issue_id: int) -> dict[int, Stance]:
        """Each actor's current stance on an issue, by person id.

        An organisation's stance (its spokesperson's, with ``organisation_id``) makes the
        organisation one actor: its members' own stances on the issue are left out.
        """
        latest: dict[int, Stance] = {}
        for stance in self.stances.get(issue_id, []):
            latest[stance.person_id] = stance
        spoken = {s.organisation_id for s in latest.values() if s.organisation_id is not None}
        folded = {
            pid
            for organisation in spoken
            for pid in self.members.get(organisation, frozenset())
            if latest.get(pid) is not None and latest[pid].organisation_id != organisation
        }
        return {pid: s for pid, s in latest.items() if pid not in folded}

    def speaks_for(self, stance: Stance) -> frozenset[int]:
        """The people an organisation's stance speaks for (its members and spokesperson);
        the spokesperson alone for a person's own stance."""
        if stance.organisation_id is None:
            return frozenset({stance.person_id})
        return self.members.get(stance.organisation_id, frozenset()) | {stance.person_id}


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
        network = read_influence_network(uow, lens, campaigns=campaigns)
        people = network.people
        assert isinstance(people, PeopleTable)  # as the store reads it: columns
        members: dict[int, set[int]] = {}
        for person_id, organisation_id in zip(people.ids, people.organisation_ids, strict=True):
            if organisation_id is not None:
                members.setdefault(organisation_id, set()).add(person_id)
        for affiliation in uow.affiliations.list():
            if affiliation.current_on(day):
                members.setdefault(affiliation.organisation_id, set()).add(affiliation.person_id)
    return CampaignRead(
        campaign=campaign,
        network=network,
        stances=stances,
        as_of=day,
        members={k: frozenset(v) for k, v in members.items()},
    )
