"""The trades a meeting plan offers hold together (issue 19: "a group meeting offers each
person one coherent trade, not three contradictory ones").

Ann cares about Funding, Cy about Scope, both against me on both issues: Ann's best
trade asks me to give ground on Funding for her move on Scope; Cy's asks me to give
ground on Scope, where Ann is asked to move. Only one of them can be offered at one
table: the better one (Ann's), in the group meeting and in her one-on-one; Cy's
one-on-one offers something else and says why.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from allies.domain import Campaign, CampaignIssue, Person, Stance, Tie, TieKind
from allies.services.campaigns.meetings import meeting_plan
from allies.services.campaigns.plan import PlanOptions
from allies.services.campaigns.plan_export import plan_markdown
from allies.services.context import Lens
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store

TODAY = date(2026, 3, 2)

#: (who, issue, position, salience): me at Scope 80, Funding 70.
STANCES = [
    ("Me", "Scope", 80, 0.9),
    ("Me", "Funding", 70, 0.2),
    ("Ann", "Scope", 30, 0.2),
    ("Ann", "Funding", 20, 0.9),
    ("Bo", "Scope", 25, 0.3),
    ("Bo", "Funding", 40, 0.8),
    ("Cy", "Scope", 35, 0.9),
    ("Cy", "Funding", 30, 0.1),
]


def trade_workspace(factory: UnitOfWorkFactory) -> dict[str, int]:
    """Me; deciders Ann, Bo and Cy who all listen to Iris; the stances above."""
    with factory() as uow:
        names = ("Me", "Ann", "Bo", "Cy", "Iris")
        ids = {n: uow.people.add(Person(n, is_me=n == "Me")).id or 0 for n in names}
        for decider in ("Ann", "Bo", "Cy"):
            uow.ties.add(Tie(ids[decider], ids["Iris"], TieKind.LISTENS_TO, 0.9))
        campaign = uow.campaigns.add(
            Campaign(
                "Platform",
                issues=[
                    CampaignIssue("Scope", desired_position=80),
                    CampaignIssue("Funding", desired_position=70),
                ],
                decider_ids=[ids["Ann"], ids["Bo"], ids["Cy"]],
            )
        )
        issue = {i.name: i.id or 0 for i in campaign.issues}
        on = TODAY - timedelta(days=30)
        for who, name, position, salience in STANCES:
            uow.stances.add(Stance(ids[who], issue[name], position, salience, 0.8, recorded_on=on))
        uow.commit()
    return ids


@pytest.fixture
def factory(sqlite_store_url: str) -> UnitOfWorkFactory:
    return open_store(sqlite_store_url)


def test_one_coherent_set_of_trades_in_every_meeting(factory: UnitOfWorkFactory) -> None:
    trade_workspace(factory)
    plan = meeting_plan(factory(), "Platform", PlanOptions(k=4), lens=Lens(TODAY), start=TODAY)
    with_trade = {t.name: t for t in plan.trades.trades if t.has_trade}
    assert {"Ann", "Cy"} <= set(with_trade)  # each alone has a trade ...
    assert with_trade["Cy"].give_issue == with_trade["Ann"].get_issue  # ... that contradict
    assert [t.name for t in plan.group_trades] == ["Ann"]
    group = next(m for m in plan.meetings if m.kind == "group")
    honour = [p.text for p in group.talking_points if p.label == "Trade to honour"]
    assert honour == [f"Ann: {with_trade['Ann'].text}"]
    talks = {m.names[0]: m.talking_points for m in plan.meetings if m.kind == "one-on-one"}
    assert [p.text for p in talks["Ann"] if p.label == "Trade"] == [with_trade["Ann"].text]
    cy = {p.label: p.text for p in talks["Cy"]}
    assert "Trade" not in cy and cy["Offer instead"].startswith("Not ground on Scope")
    for points in talks.values():  # every "offer instead" is a sentence
        for p in points:
            if p.label == "Offer instead":
                assert p.text[0].isupper() and p.text.endswith(".")
    md = plan_markdown(plan)
    assert "## Trades offered together" in md and f"- **Ann**: {with_trade['Ann'].text}" in md
