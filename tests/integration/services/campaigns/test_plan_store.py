"""The day's stored plan: read back while nothing it depends on changes, made anew after."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from allies.domain import Interaction, InteractionKind, Stance, Tie, TieKind
from allies.services.campaigns import plan_store
from allies.services.campaigns.plan import PlanOptions
from allies.services.campaigns.plan_store import day_approach_plan, day_meeting_plan
from allies.services.context import Lens
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store
from allies.store import tables as t
from tests.integration.services.campaigns.plan_workspace import TODAY, workspace

LENS = Lens(TODAY)


@pytest.fixture
def factory(sqlite_store_url: str) -> UnitOfWorkFactory:
    return open_store(sqlite_store_url)


@pytest.fixture
def plans_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each plan actually made (not read back), by the reference it was made for."""
    made: list[str] = []
    real_meetings, real_approach = plan_store.meeting_plan, plan_store.approach_plan

    def meetings(uow, reference, *args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(reference)
        return real_meetings(uow, reference, *args, **kwargs)

    def approach(uow, reference, *args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(reference)
        return real_approach(uow, reference, *args, **kwargs)

    monkeypatch.setattr(plan_store, "meeting_plan", meetings)
    monkeypatch.setattr(plan_store, "approach_plan", approach)
    return made


def test_the_days_plan_is_read_back_until_asked_to_plan_again(
    factory: UnitOfWorkFactory, plans_made: list[str]
) -> None:
    workspace(factory)
    first = day_meeting_plan(factory(), "Platform", PlanOptions(k=2), lens=LENS)
    again = day_meeting_plan(factory(), "Platform", PlanOptions(k=2), lens=LENS)
    assert len(plans_made) == 1
    assert not first.approach.reused and again.approach.reused
    assert again.approach.planned_at == first.approach.planned_at
    assert again.meetings == first.meetings and again.approach.steps == first.approach.steps
    assert again.trades == first.trades
    fresh = day_meeting_plan(factory(), "Platform", PlanOptions(k=2), lens=LENS, replan=True)
    assert len(plans_made) == 2 and not fresh.approach.reused
    # other settings, another day: planned on their own
    day_meeting_plan(factory(), "Platform", PlanOptions(k=3), lens=LENS)
    day_meeting_plan(factory(), "Platform", PlanOptions(k=2), lens=Lens(TODAY + timedelta(1)))
    assert len(plans_made) == 4


def test_a_changed_stance_tie_or_logged_meeting_plans_anew(
    factory: UnitOfWorkFactory, plans_made: list[str]
) -> None:
    ids = workspace(factory)

    def plan() -> bool:
        return day_approach_plan(factory(), "Platform", PlanOptions(k=2), lens=LENS).reused

    assert not plan() and plan()
    with factory() as uow:
        issue = uow.campaigns.list()[0].issues[0].id or 0
        uow.stances.add(Stance(ids["Bo"], issue, 75, 0.5, 0.5, recorded_on=TODAY))
        uow.commit()
    assert not plan() and plan()
    with factory() as uow:
        uow.ties.add(Tie(ids["Dee"], ids["Sue"], TieKind.LISTENS_TO, 0.4))
        uow.commit()
    assert not plan() and plan()
    with factory() as uow:
        tie = next(t for t in uow.ties.list() if t.target_id == ids["Sue"])
        tie.weight = 0.6
        uow.ties.save(tie)
        uow.commit()
    assert not plan() and plan()
    with factory() as uow:
        uow.interactions.add(
            Interaction(TODAY - timedelta(days=1), [ids["Iris"]], InteractionKind.ONE_ON_ONE)
        )
        uow.commit()
    assert not plan() and plan()
    with factory() as uow:
        campaign = uow.campaigns.list()[0]
        campaign.decider_ids = [ids["Dee"], ids["Dan"]]
        uow.campaigns.save(campaign)
        uow.commit()
    assert not plan() and plan()
    assert len(plans_made) == 6


def test_a_stored_plan_that_cannot_be_read_is_made_again(
    sqlite_store_url: str, plans_made: list[str]
) -> None:
    factory = open_store(sqlite_store_url)
    workspace(factory)
    day_approach_plan(factory(), "Platform", lens=LENS)
    c = t.analysis_cache.c
    with factory.engine.begin() as conn:
        conn.execute(
            update(t.analysis_cache).where(c.kind.like("approach-plan-%")).values(payload=b"?")
        )
    assert not day_approach_plan(factory(), "Platform", lens=LENS).reused
    assert len(plans_made) == 2
