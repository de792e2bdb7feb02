"""Talking points for the meetings of a campaign plan: what to raise, with whom, and why.

For a one-on-one: where they stand on each issue against my position, their interests,
agenda and what they value, what they could offer or might trade, what I can offer
(the trade of :mod:`allies.services.campaigns.trades`, else what they value), open
promises either way, and the people they listen to who already support me. For a
pre-brief: what to ask the confidant. For the group meeting: the projected support,
who is on board, and what to confirm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from allies.domain import Promise, PromiseStatus
from allies.services.campaigns.inputs import CampaignInputs
from allies.services.campaigns.plan import ApproachPlan, ApproachStep
from allies.services.campaigns.trades import (
    PersonTrade,
    TradeReport,
    coherent_trades,
    instead_of,
)

__all__ = [
    "TalkingPoint",
    "coherent_trades",
    "group_points",
    "one_on_one_points",
    "open_promises",
    "prebrief_points",
]


@dataclass(frozen=True)
class TalkingPoint:
    """One line to raise: a label (``Interests``, ``Trade`` ...) and the text."""

    label: str
    text: str


def open_promises(promises: Sequence[Promise], me_id: int | None, person_id: int) -> list[Promise]:
    """Open promises between me and the person, either way."""
    return [
        c
        for c in promises
        if c.status is PromiseStatus.OPEN and {c.promiser_id, c.promisee_id} == {me_id, person_id}
    ]


def _stances(inputs: CampaignInputs, index: int) -> list[str]:
    lines = []
    for issue in inputs.issues:
        if issue.has_stance[index]:
            lines.append(
                f"{issue.name}: {issue.positions[index]:.0f} (you want "
                f"{issue.desired_position:.0f}; salience {issue.saliences[index]:.2f})"
            )
        else:
            lines.append(f"{issue.name}: no stance recorded; find out where they stand")
    return lines


def _listens_on_board(inputs: CampaignInputs, plan: ApproachPlan, index: int) -> list[str]:
    board = {o.person_id for o in plan.on_board if o.why != "you"}
    row = inputs.listens_to[[index]]
    heard = np.asarray(row.indices if hasattr(row, "indices") else [], dtype=np.int64)
    return sorted(inputs.names[j] for j in heard if inputs.person_ids[j] in board)


def one_on_one_points(
    inputs: CampaignInputs,
    plan: ApproachPlan,
    trades: TradeReport,
    step: ApproachStep,
    promises: Sequence[Promise],
    offered: Sequence[PersonTrade] | None = None,
) -> list[TalkingPoint]:
    """The talking points of a one-on-one with the person of ``step``.

    With ``offered`` (the coherent trades of the plan), a person's trade is proposed
    only when it is one of them, so no one-on-one promises what another contradicts.
    """
    index = inputs.index_of(step.person_id)
    person = inputs.person(index)
    points = [TalkingPoint("Where they stand", text) for text in _stances(inputs, index)]
    for label, text in (
        ("Interests", person.interests),
        ("Agenda", person.agenda),
        ("They value", person.values),
        ("They could offer", person.offers),
        ("They might trade", person.trades),
    ):
        if text.strip():
            points.append(TalkingPoint(label, text.strip()))
    trade = trades.for_person(step.person_id)
    if trade is not None and trade.has_trade and (offered is None or trade in offered):
        points.append(TalkingPoint("Trade", trade.text))
    elif trade is not None and trade.has_trade:
        points.append(
            TalkingPoint(
                "Offer instead",
                f"Not ground on {trade.give_issue}: that would contradict the trades offered "
                f"to the others, so hold one position. {trade.instead}",
            )
        )
    else:
        points.append(TalkingPoint("Offer instead", trade.instead if trade else instead_of(person)))
    me_id = None if inputs.me is None else inputs.person_ids[inputs.me]
    for c in open_promises(promises, me_id, step.person_id):
        due = f" (due {c.due_on.isoformat()})" if c.due_on else ""
        who = "You promised" if c.promiser_id == me_id else "They promised"
        points.append(TalkingPoint("Open promise", f"{who}: {c.description}{due}"))
    allies = _listens_on_board(inputs, plan, index)
    if allies:
        points.append(TalkingPoint("Voices they trust", "Already with you: " + ", ".join(allies)))
    if step.sways:
        points.append(TalkingPoint("Brings along", ", ".join(s.name for s in step.sways)))
    return points


def prebrief_points(inputs: CampaignInputs, step: ApproachStep) -> list[TalkingPoint]:
    """What to ask a confidant before meeting the person of ``step``."""
    issues = ", ".join(i.name for i in inputs.issues) or "the campaign"
    return [
        TalkingPoint("Ask", f"What matters most to {step.name} right now, and why."),
        TalkingPoint("Ask", f"How {step.name} sees {issues}, and what would worry them."),
        TalkingPoint("Ask", f"What {step.name} would welcome in return, and how to frame it."),
    ]


def group_points(
    inputs: CampaignInputs, plan: ApproachPlan, offered: Sequence[PersonTrade], share: float
) -> list[TalkingPoint]:
    """The talking points of the group meeting; ``offered`` the coherent trades of its
    attendees (:func:`allies.services.campaigns.trades.coherent_trades`)."""
    points = [
        TalkingPoint("Projected support", f"{share:.0%} of the attendees' capability"),
    ]
    board = [o.name for o in plan.on_board if o.why != "you"]
    if board:
        points.append(TalkingPoint("On board", ", ".join(board)))
    for issue in inputs.issues:
        points.append(
            TalkingPoint(
                "Confirm",
                f"{issue.name} at {issue.desired_position:.0f} "
                f"({issue.issue.low_label} 0 .. {issue.issue.high_label} 100)",
            )
        )
    for t in offered:
        points.append(TalkingPoint("Trade to honour", f"{t.name}: {t.text}"))
    return points
