"""The fingerprint of what a campaign plan reads changes with each input, on both stores;
the day's campaign plans can be made ahead (the background work) and found stored."""

from __future__ import annotations

from datetime import timedelta

from allies.domain import (
    Affiliation,
    Interaction,
    InteractionKind,
    Observation,
    ObservationKind,
    Organisation,
    Person,
    Promise,
    Stance,
    Tie,
    TieKind,
)
from allies.services.agenda.campaign_meetings import (
    campaign_meeting_lines,
    plan_day,
    unplanned_campaigns,
)
from allies.store import SqlUnitOfWorkFactory
from tests.integration.services.campaigns.plan_workspace import TODAY, workspace

SINCE = TODAY - timedelta(days=14)


def _state(store: SqlUnitOfWorkFactory, campaign_id: int) -> str | None:
    with store() as uow:
        return uow.plan_days.inputs_state(campaign_id, SINCE, TODAY)


def test_every_input_of_a_plan_changes_its_fingerprint(store: SqlUnitOfWorkFactory) -> None:
    ids = workspace(store)
    with store() as uow:
        campaign = uow.campaigns.list()[0]
    cid = campaign.id or 0
    issue = campaign.issues[0].id or 0
    seen = [_state(store, cid)]
    assert _state(store, cid) == seen[0] and _state(store, cid + 99) is None

    def changed() -> bool:
        seen.append(_state(store, cid))
        return seen[-1] != seen[-2]

    with store() as uow:
        uow.stances.add(Stance(ids["Bo"], issue, 60, 0.5, 0.5, recorded_on=TODAY))
        uow.commit()
    assert changed()
    with store() as uow:
        tie = uow.ties.add(Tie(ids["Bo"], ids["Sue"], TieKind.LISTENS_TO, 0.3))
        uow.commit()
    assert changed()
    with store() as uow:
        tie.weight = 0.4
        uow.ties.save(tie)
        uow.commit()
    assert changed()
    with store() as uow:
        uow.ties.remove(tie.id or 0)
        uow.commit()
    # the ties are those before it was added, but the plan kept under the fingerprint of
    # then may be older than they are: the count of changes goes on, so it is not reused
    assert changed() and seen[-1] not in seen[:-1]
    with store() as uow:
        uow.observations.add(
            Observation(ids["Dee"], ids["Sue"], ObservationKind.DEFERRED_TO, TODAY, 0.5)
        )
        uow.commit()
    assert changed()
    with store() as uow:
        uow.people.add(Person("Newcomer"))
        uow.commit()
    assert changed()
    with store() as uow:
        uow.promises.add(Promise(ids["Dee"], ids["Me"], "Read the memo", TODAY))
        uow.commit()
    assert changed()
    with store() as uow:
        org = uow.organisations.add(Organisation("Acme"))
        uow.commit()
    assert not changed()  # organisations themselves play no part
    with store() as uow:
        uow.affiliations.add(Affiliation(ids["Bo"], org.id or 0, started_on=TODAY))
        uow.commit()
    assert changed()
    with store() as uow:
        uow.interactions.add(Interaction(TODAY, [ids["Dan"]], InteractionKind.CALL))
        uow.commit()
    assert changed()
    with store() as uow:  # a meeting older than the window does not change the plan
        uow.interactions.add(Interaction(SINCE - timedelta(days=5), [ids["Dan"]]))
        uow.commit()
    assert not changed()


def test_the_days_plans_made_ahead_are_found_stored(store: SqlUnitOfWorkFactory) -> None:
    workspace(store)
    with store() as uow:
        cid = uow.campaigns.list()[0].id or 0
    assert unplanned_campaigns(store(), TODAY) == [cid]
    assert campaign_meeting_lines(store(), TODAY, 90, plan=False) == []  # nothing planned
    assert unplanned_campaigns(store(), TODAY) == [cid]
    assert plan_day(store(), TODAY) == 1
    assert unplanned_campaigns(store(), TODAY) == [] and plan_day(store(), TODAY) == 0
    lines = campaign_meeting_lines(store(), TODAY, 90, plan=False)
    assert lines and lines == campaign_meeting_lines(store(), TODAY, 90)
