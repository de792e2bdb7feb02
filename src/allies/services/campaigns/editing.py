"""Campaigns and stances: start a campaign, record where people stand, see the picture.

A campaign is an agenda to move: one or more issues, each a 0-100 scale with labelled
ends and the position I want; the deciders; the decision date. A stance is a person's
position and salience on one issue, the capability they bring (stated, or derived from
their influence rank) and how sure I am of it. Stances are history: setting one adds a
row, and the latest row recorded by a day is the current one on that day.

The arrays the forecasts and plans work on come from
:func:`~allies.services.campaigns.inputs.campaign_inputs` (re-exported here); the charts
from :mod:`allies.services.campaigns.charts`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from allies.domain import Campaign, CampaignIssue, CampaignStatus, Stance, parse_enum
from allies.errors import Conflict, InvalidInput
from allies.services.campaigns.builder import target_phrase
from allies.services.campaigns.charts import CampaignCharts, IssueChart, stakeholder_charts
from allies.services.campaigns.drawn_stances import Shown, check_drawn
from allies.services.campaigns.inputs import (
    CampaignInputs,
    IssueInputs,
    campaign_inputs,
    pick_campaign,
)
from allies.services.campaigns.stances import (
    CampaignSummary,
    StanceRow,
    StanceTable,
    campaign_detail,
    list_campaigns,
    side_of,
    stance_history,
    stance_table,
)
from allies.services.network.lookup import resolve_people, resolve_person
from allies.services.ports import UnitOfWork

__all__ = [
    "KEEP",
    "Campaign",
    "CampaignCharts",
    "CampaignInputs",
    "CampaignSummary",
    "IssueChart",
    "IssueInputs",
    "IssueSpec",
    "Keep",
    "Shown",
    "Stance",
    "StanceEntry",
    "StanceRow",
    "StanceTable",
    "add_issue",
    "campaign_detail",
    "campaign_inputs",
    "create_campaign",
    "delete_campaign",
    "edit_campaign",
    "edit_issue",
    "get_campaign",
    "list_campaigns",
    "parse_issue",
    "pick_campaign",
    "set_stance",
    "set_stances",
    "side_of",
    "stakeholder_charts",
    "stance_history",
    "stance_table",
]

#: Passed as a stance's capability: keep the one stated before (if any).
KEEP: Final = "keep"
Keep = Literal["keep"]

_SPEC = re.compile(r"^(?P<name>[^:@]+?)\s*(?::\s*(?P<ends>[^@]*?))?\s*(?:@\s*(?P<want>[\d.]+))?$")


@dataclass(frozen=True)
class IssueSpec:
    """An issue to create: its name, labelled ends and my desired position."""

    name: str
    low_label: str = "0"
    high_label: str = "100"
    desired_position: float = 100.0
    description: str = ""

    def build(self) -> CampaignIssue:
        """The domain issue (its rules check the values)."""
        return CampaignIssue(
            self.name,
            low_label=self.low_label or "0",
            high_label=self.high_label or "100",
            desired_position=self.desired_position,
            description=self.description,
        )


def parse_issue(text: str | IssueSpec) -> IssueSpec:
    """Read an issue typed as ``NAME[: LOW .. HIGH][@ DESIRED]``.

    Examples
    --------
    >>> spec = parse_issue("Scope: own tools .. one platform @ 85")
    >>> spec.name, spec.low_label, spec.high_label, spec.desired_position
    ('Scope', 'own tools', 'one platform', 85.0)
    >>> parse_issue("Funding @70").desired_position
    70.0
    >>> spec = parse_issue("Headcount, I want it at 80")
    >>> spec.name, spec.desired_position
    ('Headcount', 80.0)
    """
    if isinstance(text, IssueSpec):
        return text
    if "@" not in text and (said := target_phrase(text)) is not None:
        # "Headcount, I want it at 80": the target said in words, not part of the name
        spec = parse_issue(said[0])
        return IssueSpec(spec.name, spec.low_label, spec.high_label, said[1])
    match = _SPEC.match(text.strip())
    if not match or not match["name"].strip():
        raise InvalidInput(
            f"Cannot read the issue {text!r}.",
            field="issue",
            hint='Write it as "NAME: LOW END .. HIGH END @ DESIRED", e.g. '
            '"Scope: each unit its own tools .. one platform @ 85".',
        )
    low, high = "0", "100"
    if match["ends"]:
        parts = [p.strip() for p in match["ends"].split("..")]
        if len(parts) != 2:
            raise InvalidInput(
                f"The ends of issue {match['name'].strip()!r} need a '..' between them.",
                field="issue",
                hint='For example "Scope: each unit its own tools .. one platform @ 85".',
            )
        low, high = parts[0] or "0", parts[1] or "100"
    want = float(match["want"]) if match["want"] else 100.0
    return IssueSpec(match["name"].strip(), low, high, want)


def _load(uow: UnitOfWork, reference: str) -> Campaign:
    return pick_campaign(uow.campaigns.list(), reference)


def get_campaign(uow: UnitOfWork, reference: str) -> Campaign:
    """The campaign a reference names (id, name, unique part of a name, ``active``)."""
    with uow:
        return _load(uow, reference)


def _check_name(uow: UnitOfWork, name: str, own_id: int | None = None) -> None:
    for other in uow.campaigns.list():
        if other.id != own_id and other.name.casefold() == name.strip().casefold():
            raise Conflict(
                f"There is already a campaign called {name.strip()!r}.",
                hint="Pick another name, or change the existing campaign.",
            )


def create_campaign(
    uow: UnitOfWork,
    name: str,
    *,
    issues: Sequence[str | IssueSpec] = (),
    deciders: Sequence[str] = (),
    decision_on: date | None = None,
    description: str = "",
) -> Campaign:
    """Start a campaign with its issues, deciders and decision date.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; committed here.
    name : str
        A name no other campaign in the workspace has.
    issues : sequence of str or IssueSpec
        The issues (see :func:`parse_issue`); one issue named after the campaign,
        0-100 with 100 wanted, when none is given.
    deciders : sequence of str
        Who decides: names, e-mails or ids.
    decision_on : date, optional
        The day the decision falls.
    description : str

    Raises
    ------
    allies.errors.Conflict
        The name is taken.
    allies.errors.InvalidInput, allies.errors.NotFound
        An issue or decider cannot be read or found.
    """
    specs = [parse_issue(i) for i in issues] or [IssueSpec(name.strip() or "Issue")]
    with uow:
        _check_name(uow, name)
        campaign = Campaign(
            name=name,
            issues=[spec.build() for spec in specs],
            decider_ids=[p.id or 0 for p in resolve_people(uow, deciders)],
            decision_on=decision_on,
            description=description,
        )
        stored = uow.campaigns.add(campaign)
        uow.commit()
        return stored


def edit_campaign(
    uow: UnitOfWork,
    reference: str,
    *,
    name: str | None = None,
    description: str | None = None,
    decision_on: date | None = None,
    clear_decision: bool = False,
    status: str | CampaignStatus | None = None,
    deciders: Sequence[str] | None = None,
    add_deciders: Sequence[str] = (),
    drop_deciders: Sequence[str] = (),
) -> Campaign:
    """Change a campaign's name, description, date, status or deciders.

    ``deciders`` replaces the list; ``add_deciders`` and ``drop_deciders`` change it.
    """
    with uow:
        campaign = _load(uow, reference)
        if name is not None:
            _check_name(uow, name, campaign.id)
            campaign.name = name
        if description is not None:
            campaign.description = description
        if clear_decision:
            campaign.decision_on = None
        elif decision_on is not None:
            campaign.decision_on = decision_on
        if status is not None:
            campaign.status = parse_enum(CampaignStatus, status, "status")
        if deciders is not None:
            campaign.decider_ids = [p.id or 0 for p in resolve_people(uow, deciders)]
        campaign.decider_ids += [p.id or 0 for p in resolve_people(uow, add_deciders)]
        dropped = {p.id for p in resolve_people(uow, drop_deciders)}
        campaign.decider_ids = [d for d in campaign.decider_ids if d not in dropped]
        # Rebuild so the campaign's own rules run again on the changed values.
        checked = Campaign(**{k: getattr(campaign, k) for k in Campaign.__dataclass_fields__})
        stored = uow.campaigns.save(checked)
        uow.commit()
        return stored


def add_issue(uow: UnitOfWork, reference: str, issue: str | IssueSpec) -> Campaign:
    """Add an issue to a campaign."""
    spec = parse_issue(issue)
    with uow:
        campaign = _load(uow, reference)
        campaign.issues.append(spec.build())
        checked = Campaign(**{k: getattr(campaign, k) for k in Campaign.__dataclass_fields__})
        stored = uow.campaigns.save(checked)
        uow.commit()
        return stored


def edit_issue(
    uow: UnitOfWork,
    reference: str,
    issue: str,
    *,
    name: str | None = None,
    low_label: str | None = None,
    high_label: str | None = None,
    desired_position: float | None = None,
    description: str | None = None,
) -> Campaign:
    """Rename an issue, relabel its ends, or move my desired position on it."""
    with uow:
        campaign = _load(uow, reference)
        found = campaign.issue_named(issue)
        changed = CampaignIssue(
            name if name is not None else found.name,
            low_label=low_label if low_label is not None else found.low_label,
            high_label=high_label if high_label is not None else found.high_label,
            desired_position=(
                desired_position if desired_position is not None else found.desired_position
            ),
            description=description if description is not None else found.description,
            id=found.id,
        )
        campaign.issues = [changed if i is found else i for i in campaign.issues]
        checked = Campaign(**{k: getattr(campaign, k) for k in Campaign.__dataclass_fields__})
        stored = uow.campaigns.save(checked)
        uow.commit()
        return stored


def delete_campaign(uow: UnitOfWork, reference: str) -> Campaign:
    """Delete a campaign with its issues and every stance recorded on them."""
    with uow:
        campaign = _load(uow, reference)
        uow.campaigns.remove(campaign.id or 0)
        uow.commit()
        return campaign


@dataclass(frozen=True)
class StanceEntry:
    """One stance to record (for :func:`set_stances`).

    ``person`` is a name, e-mail or id; ``issue`` an issue name (may be empty when
    the campaign has one issue). ``salience`` and ``confidence`` of ``None`` keep the
    person's previous values (or the defaults 0.5 and 0.7); ``capability`` of
    :data:`KEEP` keeps the previous stated capability, ``None`` derives it from
    influence. ``was`` holds the numbers the person's stance showed where the entry was
    drawn (an edited table's row): an entry that still shows them records nothing, and
    one whose stance shows other numbers now is refused (see :func:`set_stances`).
    """

    person: str
    issue: str
    position: float
    salience: float | None = None
    capability: float | Keep | None = KEEP
    confidence: float | None = None
    note: str = ""
    was: Shown | None = None


def _record(
    uow: UnitOfWork,
    campaign: Campaign,
    entry: StanceEntry,
    on: date,
    *,
    only_changes: bool,
    drawn_on: date | None = None,
) -> Stance | None:
    person = resolve_person(uow, entry.person)
    issue = campaign.issue_named(entry.issue)
    if entry.was is not None:
        typed: Shown = (
            entry.position,
            entry.salience if entry.salience is not None else entry.was[1],
            entry.was[2] if entry.capability == KEEP else entry.capability,
            entry.confidence if entry.confidence is not None else entry.was[3],
        )
        if not check_drawn(uow, typed, entry.was, person.id or 0, issue.id or 0, drawn_on or on):
            return None
    history = uow.stances.history(person.id or 0, issue.id or 0)
    earlier = [s for s in history if s.recorded_on <= on]
    before = earlier[-1] if earlier else None
    capability = entry.capability
    if capability == KEEP:
        capability = before.capability if before else None
    stance = Stance(
        person_id=person.id or 0,
        issue_id=issue.id or 0,
        position=entry.position,
        salience=entry.salience
        if entry.salience is not None
        else (before.salience if before else 0.5),
        capability=capability,
        confidence=entry.confidence
        if entry.confidence is not None
        else (before.confidence if before else 0.7),
        recorded_on=on,
        note=entry.note,
    )
    if only_changes and before is not None and _same(before, stance):
        return None
    return uow.stances.add(stance)


def _same(a: Stance, b: Stance) -> bool:
    return (
        abs(a.position - b.position) < 1e-9
        and abs(a.salience - b.salience) < 1e-9
        and a.capability == b.capability
        and abs(a.confidence - b.confidence) < 1e-9
    )


def set_stance(
    uow: UnitOfWork,
    campaign: str,
    person: str,
    issue: str,
    position: float,
    salience: float | None = None,
    capability: float | Keep | None = KEEP,
    confidence: float | None = None,
    on: date | None = None,
    note: str = "",
) -> Stance:
    """Record where a person stands on a campaign issue (a new row in their history).

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; committed here.
    campaign : str
        The campaign (id, name, unique part of a name, or ``active``).
    person : str
        Name, e-mail or id.
    issue : str
        The issue's name; may be empty when the campaign has one issue.
    position : float
        0-100 on the issue's scale.
    salience : float, optional
        How much the issue matters to them, 0-1 (previous value, or 0.5).
    capability : float, None or "keep"
        What they can bring to bear, 0-1; ``None`` derives it from their influence
        rank; ``"keep"`` (the default) keeps what was stated before.
    confidence : float, optional
        How sure the stance is, 0-1 (previous value, or 0.7).
    on : date, optional
        The day they stood so (today when left out).
    note : str
        Where it comes from.

    Returns
    -------
    Stance
        The stance stored.
    """
    day = on or date.today()
    with uow:
        found = _load(uow, campaign)
        entry = StanceEntry(person, issue, position, salience, capability, confidence, note)
        stored = _record(uow, found, entry, day, only_changes=False)
        uow.commit()
    assert stored is not None
    return stored


def set_stances(
    uow: UnitOfWork,
    campaign: str,
    entries: Sequence[StanceEntry],
    on: date | None = None,
    *,
    drawn_on: date | None = None,
) -> list[Stance]:
    """Record several stances in one transaction, skipping those that did not change.

    A stance equal to the person's current one on that issue (position, salience,
    capability and confidence) adds no row, so saving an edited table records only
    what was edited. Nothing is stored if any entry is invalid.

    An entry with ``was`` (a row of a table drawn with the stances of ``drawn_on``,
    today when left out) is checked against the stance stored now in the same
    transaction that writes, the issue held so that two saves take turns: of two saves
    of one row drawn alike, one records and the other is refused.

    Raises
    ------
    allies.errors.StaleRecord
        The stance of an edited row is no longer the one its row was drawn from.
    """
    day = on or date.today()
    with uow:
        found = _load(uow, campaign)
        stored = [
            _record(uow, found, e, day, only_changes=True, drawn_on=drawn_on or date.today())
            for e in entries
        ]
        uow.commit()
    return [s for s in stored if s is not None]
