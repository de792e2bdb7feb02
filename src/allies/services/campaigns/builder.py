"""A campaign and its issues changed in one go: what the campaign page's one form saves.

The page shows the campaign's settings and every issue in one form (name, the two
labelled ends, where I want it, and a box to delete it) with a blank row for a new one;
:func:`save_campaign` applies all of it in one transaction, so nothing typed is lost to
another button and a mistake leaves the campaign as it was. An issue deleted goes with
every stance recorded on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from allies.domain import Campaign, CampaignIssue, CampaignStatus, parse_enum
from allies.errors import Conflict, InvalidInput
from allies.services.campaigns.read import pick_campaign
from allies.services.network.lookup import resolve_people
from allies.services.ports import UnitOfWork

__all__ = ["IssueEdit", "save_campaign", "target_phrase"]

#: "…, I want it at 80", "… (target 80)", "… - aim for 80": a position said in words at the
#: end of what was typed as an issue's name.
_TARGET = re.compile(
    r"^(?P<name>.*?)[\s,;:(–-]*\b(?:i\s+)?(?:want(?:\s+it)?|target(?:\s+is)?|aim(?:\s+for)?|"
    r"desired(?:\s+position)?)(?:\s+(?:at|to\s+be|around|of|=))?\s*(?P<want>\d+(?:[.,]\d+)?)"
    r"\s*%?\)?\s*$",
    re.IGNORECASE,
)


def target_phrase(text: str) -> tuple[str, float] | None:
    """Split ``"Headcount, I want it at 80"`` into ``("Headcount", 80.0)``; ``None`` when
    the text says no target in words.

    >>> target_phrase("Headcount, I want it at 80")
    ('Headcount', 80.0)
    >>> target_phrase("Budget (target 60)")
    ('Budget', 60.0)
    >>> target_phrase("Q3 budget") is None
    True
    """
    match = _TARGET.match(text.strip())
    if not match or not match["name"].strip():
        return None
    return match["name"].strip(" ,;:-("), float(match["want"].replace(",", "."))


@dataclass(frozen=True)
class IssueEdit:
    """One row of the issue builder.

    ``id`` is ``None`` for a new issue; ``remove`` deletes the issue with its stances.
    """

    name: str
    low_label: str = "0"
    high_label: str = "100"
    desired_position: float = 100.0
    id: int | None = None
    remove: bool = False


def _rebuilt(campaign: Campaign) -> Campaign:
    """The campaign built again, so its rules run on the changed values."""
    return Campaign(**{k: getattr(campaign, k) for k in Campaign.__dataclass_fields__})


def save_campaign(
    uow: UnitOfWork,
    reference: str,
    *,
    name: str,
    description: str,
    decision_on: date | None,
    status: str,
    deciders: Sequence[str],
    issues: Sequence[IssueEdit],
) -> Campaign:
    """Save a campaign's settings and its issues (renamed, relabelled, moved, added,
    deleted) in one transaction.

    Raises
    ------
    allies.errors.Conflict
        Another campaign has the name.
    allies.errors.InvalidInput
        No issue would be left, two issues share a name, or a value breaks a rule.
    """
    with uow:
        campaign = pick_campaign(uow.campaigns.list(), reference)
        for other in uow.campaigns.list():
            if other.id != campaign.id and other.name.casefold() == name.strip().casefold():
                raise Conflict(
                    f"There is already a campaign called {name.strip()!r}.",
                    hint="Pick another name.",
                )
        by_id = {issue.id: issue for issue in campaign.issues}
        kept: list[CampaignIssue] = []
        for row in issues:
            if row.remove:
                continue
            old = by_id.get(row.id) if row.id is not None else None
            kept.append(
                CampaignIssue(
                    row.name,
                    low_label=row.low_label or "0",
                    high_label=row.high_label or "100",
                    desired_position=row.desired_position,
                    description=old.description if old else "",
                    id=old.id if old else None,
                )
            )
        listed = {row.id for row in issues if row.id is not None}
        kept += [issue for issue in campaign.issues if issue.id not in listed]
        if not kept:
            raise InvalidInput(
                "A campaign needs at least one issue.",
                field="issues",
                hint="Keep one, or delete the whole campaign instead.",
            )
        campaign.name = name
        campaign.description = description
        campaign.decision_on = decision_on
        campaign.status = parse_enum(CampaignStatus, status or "active", "status")
        campaign.decider_ids = [p.id or 0 for p in resolve_people(uow, deciders)]
        campaign.issues = kept
        stored = uow.campaigns.save(_rebuilt(campaign))
        uow.commit()
        return stored
