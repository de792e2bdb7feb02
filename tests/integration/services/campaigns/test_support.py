"""Support is counted one way: the stance tables, the campaign detail and the plan agree.

Issue 19: a page showed "0 with me" (within 15 points on one issue) beside "43 % on
board now" (within 10 points on a salience-weighted mean). Now one function and one
threshold decide who is on board everywhere.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from allies.domain import Campaign, CampaignIssue, Person, Stance
from allies.services.campaigns import editing as service
from allies.services.campaigns.plan import PlanOptions, approach_plan
from allies.services.campaigns.plan_model import TOLERANCE, build_plan_model
from allies.services.campaigns.support import (
    ON_BOARD,
    on_board_mask,
    side_of,
    side_of_distance,
    support_distance,
)
from allies.services.context import Lens
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store

DAY = date(2026, 3, 2)


@pytest.fixture
def factory(sqlite_store_url: str) -> UnitOfWorkFactory:
    return open_store(sqlite_store_url)


def test_one_threshold_for_the_plan_and_the_tables() -> None:
    assert TOLERANCE == ON_BOARD
    assert side_of(80, 90) == "on board" and side_of(78, 90) == "undecided"
    assert side_of_distance(ON_BOARD) == "on board"
    distance = support_distance(np.array([[78.0, 100.0]]), np.array([[0.9, 0.1]]), [90.0, 90.0])
    assert distance.tolist() == pytest.approx([11.8])
    model = build_plan_model(
        np.array([[78.0, 100.0], [85.0, 95.0]]),
        np.array([[0.9, 0.1], [0.5, 0.5]]),
        np.ones((2, 2)),
        np.array([90.0, 90.0]),
        deciders=np.array([0]),
    )
    assert model.on_board.tolist() == on_board_mask(model.distance).tolist() == [False, True]


def _workspace(factory: UnitOfWorkFactory) -> dict[str, int]:
    """Me; Ann 12 points off (once 'with me', not on board); Bo on board across two
    issues though 20 points off on the one he cares little about; Cy far off."""
    with factory() as uow:
        ids = {
            n: uow.people.add(Person(n, is_me=n == "Me")).id or 0 for n in ("Me", "Ann", "Bo", "Cy")
        }
        campaign = uow.campaigns.add(
            Campaign(
                "Budget",
                issues=[
                    CampaignIssue("Scope", desired_position=80),
                    CampaignIssue("Timing", desired_position=30),
                ],
                decider_ids=[ids["Ann"], ids["Bo"]],
            )
        )
        scope, timing = (i.id or 0 for i in campaign.issues)
        for who, issue, position, salience in (
            ("Me", scope, 80, 0.9),
            ("Ann", scope, 68, 0.8),
            ("Bo", scope, 82, 0.9),
            ("Bo", timing, 50, 0.1),
            ("Cy", scope, 20, 0.5),
        ):
            uow.stances.add(Stance(ids[who], issue, position, salience, 0.5, recorded_on=DAY))
        uow.commit()
    return ids


def test_the_campaign_detail_counts_the_people_the_plan_starts_from(
    factory: UnitOfWorkFactory,
) -> None:
    ids = _workspace(factory)
    detail = service.campaign_detail(factory(), "Budget", lens=Lens(DAY))
    scope, timing = detail.table.issues
    sides = {r.name: r.side for r in scope.rows}
    assert sides == {"Me": "on board", "Ann": "undecided", "Bo": "on board", "Cy": "against me"}
    assert timing.count("undecided") == 1  # Bo, 20 points off on Timing alone
    assert detail.table.on_board == [ids["Bo"]] and detail.table.stakeholders == 3
    plan = approach_plan(factory(), "Budget", PlanOptions(k=1), lens=Lens(DAY))
    from_plan = {o.person_id for o in plan.on_board} - {ids["Me"]}
    assert from_plan == set(detail.table.on_board)
    assert service.stance_table(factory(), "Budget", lens=Lens(DAY)).on_board == [ids["Bo"]]
