"""The campaign workspace whose plans have known answers: deciders who all listen to Iris.

Shared by the plan tests of the services and the store's stored plan days.
"""

from __future__ import annotations

from datetime import date, timedelta

from allies.domain import Campaign, CampaignIssue, Person, Promise, Stance, Tie, TieKind
from allies.services.ports import UnitOfWorkFactory

__all__ = ["TODAY", "workspace"]

TODAY = date(2026, 3, 2)  # a Monday


def workspace(factory: UnitOfWorkFactory, *, issues: int = 1) -> dict[str, int]:
    """Me, three deciders who all listen to Iris, Iris, two supporters and a bystander.

    The deciders stand far from me and care little (salience 0.2); Iris has no stance and
    trusts Sam, who has none either and whom I listen to; Sue supports me.
    """
    names = ["Me", "Dee", "Dan", "Dora", "Iris", "Sam", "Sue", "Bo"]
    with factory() as uow:
        ids = {
            n: uow.people.add(Person(n, is_me=n == "Me", values=f"{n} values candour")).id or 0
            for n in names
        }
        for decider in ("Dee", "Dan", "Dora"):
            uow.ties.add(Tie(ids[decider], ids["Iris"], TieKind.LISTENS_TO, 0.9))
            uow.ties.add(Tie(ids[decider], ids["Bo"], TieKind.LISTENS_TO, 0.1))
        uow.ties.add(Tie(ids["Iris"], ids["Sam"], TieKind.TRUSTS, 0.8))
        uow.ties.add(Tie(ids["Me"], ids["Sam"], TieKind.LISTENS_TO, 0.9))
        uow.ties.add(Tie(ids["Sue"], ids["Me"], TieKind.LISTENS_TO, 0.5))
        specs = [CampaignIssue("Scope", desired_position=80)]
        if issues > 1:
            specs.append(CampaignIssue("Funding", desired_position=70))
        campaign = uow.campaigns.add(
            Campaign(
                "Platform",
                issues=specs,
                decider_ids=[ids["Dee"], ids["Dan"], ids["Dora"]],
                decision_on=TODAY + timedelta(days=60),
            )
        )
        scope = campaign.issues[0].id or 0
        on = TODAY - timedelta(days=30)
        for person, position in (("Dee", 30), ("Dan", 25), ("Dora", 35)):
            uow.stances.add(Stance(ids[person], scope, position, 0.2, 0.8, recorded_on=on))
        for person in ("Me", "Sue"):
            uow.stances.add(Stance(ids[person], scope, 80, 0.6, 0.3, recorded_on=on))
        if issues > 1:
            funding = campaign.issues[1].id or 0
            uow.stances.add(Stance(ids["Me"], funding, 70, 0.3, 0.3, recorded_on=on))
            uow.stances.add(Stance(ids["Dee"], funding, 20, 0.9, 0.8, recorded_on=on))
            uow.stances.add(Stance(ids["Dan"], funding, 80, 0.9, 0.8, recorded_on=on))
        uow.promises.add(
            Promise(ids["Me"], ids["Iris"], "Send the cost model", TODAY - timedelta(days=3))
        )
        uow.commit()
    return ids
