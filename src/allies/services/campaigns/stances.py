"""Reading campaigns back: the list, one campaign's picture, stance tables and histories.

Each person's current stance is set against the target, my desired position on the
issue: ``to_target = position − desired`` and a *side* by the one definition of support
(:mod:`allies.services.campaigns.support`): on board within ``ON_BOARD`` points,
against me ``AGAINST`` points or more away, undecided in between. Across the issues,
:attr:`StanceTable.on_board` counts the people whose salience-weighted mean distance
is within ``ON_BOARD`` points: the same people the approach plan starts from.
``change`` is how far they moved since their first stance recorded in the window
read, so movement over time shows next to the gap that remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allies.domain import Campaign, CampaignStatus
from allies.services.campaigns.inputs import (
    CampaignInputs,
    CampaignRead,
    inputs_of,
    pick_campaign,
    read_campaign,
)
from allies.services.campaigns.support import (
    ON_BOARD,
    on_board_mask,
    side_of,
    support_distance,
)
from allies.services.context import TODAY, Lens
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork

__all__ = [
    "CampaignDetail",
    "CampaignSummary",
    "IssueTable",
    "StanceRow",
    "StanceTable",
    "campaign_detail",
    "list_campaigns",
    "on_board_of",
    "side_of",
    "stance_history",
    "stance_table",
    "summary_of",
    "table_of",
]


@dataclass(frozen=True)
class CampaignSummary:
    """One line of the campaign list."""

    id: int
    name: str
    status: str
    issues: list[str]
    deciders: list[str]
    decision_on: date | None
    days_left: int | None
    stakeholders: int


@dataclass(frozen=True)
class StanceRow:
    """A person's stance on an issue, set against the target.

    ``capability`` is the one used (stated, or derived from influence when
    ``capability_source`` is ``influence``); ``first_position`` is their earliest
    recorded position and ``change`` the move since.
    """

    person_id: int
    name: str
    title: str
    issue: str
    position: float
    salience: float
    capability: float | None
    capability_source: str
    confidence: float
    recorded_on: date
    note: str
    desired: float
    to_target: float
    side: str
    is_decider: bool
    first_position: float
    change: float
    stances: int


@dataclass(frozen=True)
class IssueTable:
    """The current stances on one issue, largest pull first."""

    issue_id: int
    issue: str
    low_label: str
    high_label: str
    desired: float
    description: str
    rows: list[StanceRow]

    def count(self, side: str) -> int:
        """How many stakeholders are on ``side`` (``on board``, ``undecided``, ``against me``)."""
        return sum(1 for r in self.rows if r.side == side)


@dataclass(frozen=True)
class StanceTable:
    """Current stances per issue of a campaign, as of a day.

    ``on_board`` names (by id) the stakeholders on board across the issues (their
    salience-weighted mean distance within ``ON_BOARD`` points; me excepted), the
    people the approach plan starts from; ``stakeholders`` counts those with a stance;
    ``on_board_within`` is the threshold in points.
    """

    campaign_id: int
    campaign: str
    as_of: date
    issues: list[IssueTable]
    on_board: list[int]
    stakeholders: int
    on_board_within: float = ON_BOARD


@dataclass(frozen=True)
class CampaignDetail:
    """A campaign with its deciders and its stance tables."""

    summary: CampaignSummary
    description: str
    decider_ids: list[int]
    table: StanceTable


def summary_of(campaign: Campaign, names: dict[int, str], stakeholders: int) -> CampaignSummary:
    """The list line of a campaign, with decider names from ``names``."""
    today = date.today()
    return CampaignSummary(
        id=campaign.id or 0,
        name=campaign.name,
        status=campaign.status.value,
        issues=[i.name for i in campaign.issues],
        deciders=[names.get(d, f"#{d}") for d in campaign.decider_ids],
        decision_on=campaign.decision_on,
        days_left=(campaign.decision_on - today).days
        if campaign.decision_on and campaign.status is CampaignStatus.ACTIVE
        else None,
        stakeholders=stakeholders,
    )


def list_campaigns(uow: UnitOfWork, *, status: str | None = None) -> list[CampaignSummary]:
    """Every campaign (or those with ``status``), the soonest decision first."""
    with uow:
        campaigns = [
            c
            for c in uow.campaigns.list()
            if not status or c.status.value == status.strip().lower()
        ]
        names = uow.people.names({d for c in campaigns for d in c.decider_ids})
        found = []
        for campaign in campaigns:
            people = {
                s.person_id
                for issue in campaign.issues
                for s in uow.stances.current_for_issue(issue.id or 0)
            }
            found.append(summary_of(campaign, names, len(people)))
    return sorted(found, key=lambda c: (c.status != "active", c.decision_on or date.max, c.id))


def table_of(read: CampaignRead, inputs: CampaignInputs, issue: str = "") -> StanceTable:
    """Stance tables from a read already made (all issues, or the one named)."""
    tables = []
    deciders = set(read.campaign.decider_ids)
    for data in inputs.issues:
        if issue and data.issue is not read.campaign.issue_named(issue):
            continue
        history = read.stances.get(data.id, [])
        counts: dict[int, int] = {}
        first: dict[int, float] = {}
        for s in history:
            counts[s.person_id] = counts.get(s.person_id, 0) + 1
            first.setdefault(s.person_id, s.position)
        rows = []
        for person_id, stance in read.current(data.id).items():
            i = inputs.index_of(person_id)
            person = read.network.people.get(person_id)
            rows.append(
                StanceRow(
                    person_id=person_id,
                    name=inputs.names[i],
                    title=person.title if person else "",
                    issue=data.name,
                    position=stance.position,
                    salience=stance.salience,
                    capability=float(data.capabilities[i]),
                    capability_source="stated" if data.capability_stated[i] else "influence",
                    confidence=stance.confidence,
                    recorded_on=stance.recorded_on,
                    note=stance.note,
                    desired=data.desired_position,
                    to_target=stance.position - data.desired_position,
                    side=side_of(stance.position, data.desired_position),
                    is_decider=person_id in deciders,
                    first_position=first[person_id],
                    change=stance.position - first[person_id],
                    stances=counts[person_id],
                )
            )
        rows.sort(key=lambda r: (-(r.capability or 0.0) * r.salience, r.name))
        tables.append(
            IssueTable(
                issue_id=data.id,
                issue=data.name,
                low_label=data.issue.low_label,
                high_label=data.issue.high_label,
                desired=data.desired_position,
                description=data.issue.description,
                rows=rows,
            )
        )
    return StanceTable(
        campaign_id=read.campaign.id or 0,
        campaign=read.campaign.name,
        as_of=read.as_of,
        issues=tables,
        on_board=on_board_of(inputs),
        stakeholders=sum(1 for i in inputs.stakeholders if i != inputs.me),
    )


def on_board_of(inputs: CampaignInputs) -> list[int]:
    """The stakeholders on board across the issues (me excepted), by person id.

    The same rule the approach plan starts its cascade from
    (:func:`allies.services.campaigns.support.support_distance` within ``ON_BOARD``).
    """
    desired = [i.desired_position for i in inputs.issues]
    distance = support_distance(inputs.positions_matrix(), inputs.saliences_matrix(), desired)
    board = on_board_mask(distance)
    return [inputs.person_ids[i] for i in range(inputs.n) if board[i] and i != inputs.me]


def stance_table(
    uow: UnitOfWork,
    campaign: str,
    *,
    issue: str = "",
    lens: Lens = TODAY,
) -> StanceTable:
    """Each stakeholder's current stance per issue, against my desired position."""
    read = read_campaign(uow, campaign, lens)
    return table_of(read, inputs_of(read), issue)


def campaign_detail(
    uow: UnitOfWork,
    campaign: str,
    *,
    lens: Lens = TODAY,
) -> CampaignDetail:
    """A campaign, its deciders and its stance tables, from one read."""
    read = read_campaign(uow, campaign, lens)
    inputs = inputs_of(read)
    names = {p: read.network.name(p) for p in read.network.people}
    stakeholders = int(inputs.stakeholders.shape[0])
    return CampaignDetail(
        summary=summary_of(read.campaign, names, stakeholders),
        description=read.campaign.description,
        decider_ids=list(read.campaign.decider_ids),
        table=table_of(read, inputs),
    )


def stance_history(
    uow: UnitOfWork,
    campaign: str,
    person: str,
    *,
    issue: str = "",
) -> list[StanceRow]:
    """Every stance a person has had on the campaign's issues, oldest first per issue.

    ``capability`` is the stated one, or ``None`` (source ``influence``) where it was left
    to be derived.
    """
    with uow:
        found = pick_campaign(uow.campaigns.list(), campaign)
        who = resolve_person(uow, person)
        issues = [found.issue_named(issue)] if issue else found.issues
        rows = []
        for item in issues:
            history = uow.stances.history(who.id or 0, item.id or 0)
            for number, stance in enumerate(history, start=1):
                rows.append(
                    StanceRow(
                        person_id=who.id or 0,
                        name=who.name,
                        title=who.title,
                        issue=item.name,
                        position=stance.position,
                        salience=stance.salience,
                        capability=stance.capability,
                        capability_source="influence" if stance.capability is None else "stated",
                        confidence=stance.confidence,
                        recorded_on=stance.recorded_on,
                        note=stance.note,
                        desired=item.desired_position,
                        to_target=stance.position - item.desired_position,
                        side=side_of(stance.position, item.desired_position),
                        is_decider=(who.id or 0) in found.decider_ids,
                        first_position=history[0].position,
                        change=stance.position - history[0].position,
                        stances=number,
                    )
                )
    return rows
