"""Campaigns and stances: creating and changing them, history, the arrays handed to the
analyses, stance tables against my position, and the chart data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
import pytest

from allies.errors import AmbiguousName, Conflict, InvalidInput, NotFound
from allies.services.campaigns import editing as service
from allies.services.campaigns.charts import QUADRANTS, quadrant_of, stakeholder_charts
from allies.services.context import Lens
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from allies.store import open_store

DAY = date(2026, 3, 2)
Maker = Callable[[], UnitOfWork]


@pytest.fixture
def uow(sqlite_store_url: str) -> Maker:
    """Me, Ann, Bo (who listens to Ann), Cy and Dee, in a fresh workspace."""
    factory: UnitOfWorkFactory = open_store(sqlite_store_url)

    def make() -> UnitOfWork:
        return factory("t")

    add_person(make(), "Me Myself", is_me=True)
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz", "Dee Park"):
        add_person(make(), name)
    add_tie(make(), "Bo Chen", "listens_to", "Ann Lee", weight=0.9)
    add_tie(make(), "Cy Diaz", "listens_to", "Ann Lee", weight=0.6)
    return make


@pytest.fixture
def budget(uow: Maker) -> Maker:
    """A campaign with two issues decided by Ann and Bo, and a few stances."""
    service.create_campaign(
        uow(),
        "Budget",
        issues=["Headcount: none .. five @ 80", "Timing: this year .. next year @ 20"],
        deciders=["Ann", "Bo"],
        decision_on=DAY + timedelta(days=30),
    )
    service.set_stance(uow(), "Budget", "Ann", "Headcount", 40, 0.8, 0.9, on=DAY)
    service.set_stance(uow(), "Budget", "Bo", "headcount", 70, 0.6, on=DAY)
    service.set_stance(uow(), "Budget", "me", "Headcount", 80, 1.0, on=DAY)
    service.set_stance(uow(), "Budget", "Ann", "Timing", 60, 0.5, on=DAY)
    return uow


def test_issue_specs_are_read_with_their_ends_and_my_position() -> None:
    spec = service.parse_issue("Scope: each unit its own tools .. one platform @ 85")
    assert (spec.name, spec.low_label, spec.high_label, spec.desired_position) == (
        "Scope",
        "each unit its own tools",
        "one platform",
        85.0,
    )
    assert service.parse_issue("Funding").desired_position == 100.0
    assert service.parse_issue("Funding @ 30").low_label == "0"
    with pytest.raises(InvalidInput, match=r"\.\."):
        service.parse_issue("Scope: no ends here @ 3")


def test_a_campaign_is_created_listed_and_shown(budget: Maker) -> None:
    rows = service.list_campaigns(budget())
    assert [(r.name, r.issues, r.deciders, r.stakeholders) for r in rows] == [
        ("Budget", ["Headcount", "Timing"], ["Ann Lee", "Bo Chen"], 3)
    ]
    detail = service.campaign_detail(budget(), "budg", lens=Lens(DAY))
    assert detail.summary.decision_on == DAY + timedelta(days=30)
    headcount, timing = detail.table.issues
    assert (headcount.low_label, headcount.high_label, headcount.desired) == ("none", "five", 80)
    assert [r.name for r in headcount.rows] == ["Ann Lee", "Me Myself", "Bo Chen"]
    assert [r.side for r in headcount.rows] == ["against me", "on board", "on board"]
    assert headcount.count("on board") == 2 and timing.count("against me") == 1


def test_a_campaign_needs_a_unique_name_and_known_deciders(budget: Maker) -> None:
    with pytest.raises(Conflict):
        service.create_campaign(budget(), "budget")
    with pytest.raises(NotFound):
        service.create_campaign(budget(), "Other", deciders=["Nobody Known"])
    assert len(service.list_campaigns(budget())) == 1  # nothing half-made


def test_campaigns_are_found_by_id_name_part_or_active(budget: Maker) -> None:
    service.create_campaign(budget(), "Budget review", decision_on=DAY + timedelta(days=5))
    with pytest.raises(AmbiguousName):
        service.get_campaign(budget(), "budg")
    assert service.get_campaign(budget(), "active").name == "Budget review"  # decided soonest
    assert service.get_campaign(budget(), "#1").name == "Budget"
    with pytest.raises(NotFound, match="No campaign #9"):
        service.get_campaign(budget(), "9")


def test_editing_keeps_issue_ids_so_stances_survive(budget: Maker) -> None:
    before = service.get_campaign(budget(), "Budget")
    changed = service.edit_campaign(
        budget(), "Budget", status="won", add_deciders=["Cy"], drop_deciders=["Ann"]
    )
    changed = service.edit_issue(budget(), "Budget", "Timing", desired_position=35, name="When")
    changed = service.add_issue(budget(), "Budget", "Office: remote .. on site @ 10")
    assert [i.id for i in changed.issues[:2]] == [i.id for i in before.issues]
    assert [i.name for i in changed.issues] == ["Headcount", "When", "Office"]
    assert changed.status.value == "won" and len(changed.decider_ids) == 2
    table = service.stance_table(budget(), "Budget", issue="When", lens=Lens(DAY))
    assert table.issues[0].rows[0].to_target == 60 - 35
    with pytest.raises(InvalidInput, match="no issue"):
        service.edit_issue(budget(), "Budget", "Nothing", desired_position=1)


def test_stances_are_history_and_as_of_replays_them(budget: Maker) -> None:
    later = DAY + timedelta(days=10)
    service.set_stance(budget(), "Budget", "Ann", "Headcount", 55, on=later, note="after lunch")
    rows = service.stance_history(budget(), "Budget", "Ann", issue="Headcount")
    assert [(r.position, r.recorded_on, r.stances) for r in rows] == [(40, DAY, 1), (55, later, 2)]
    assert rows[-1].salience == 0.8 and rows[-1].capability == 0.9  # carried over
    assert rows[-1].change == 15 and rows[-1].note == "after lunch"
    then = service.stance_table(budget(), "Budget", issue="Headcount", lens=Lens(DAY))
    now = service.stance_table(budget(), "Budget", issue="Headcount", lens=Lens(later))
    assert then.issues[0].rows[0].position == 40 and now.issues[0].rows[0].position == 55
    assert now.issues[0].rows[0].first_position == 40


def test_capability_is_kept_derived_or_stated(budget: Maker) -> None:
    service.set_stance(budget(), "Budget", "Ann", "Headcount", 45, on=DAY, capability=None)
    row = next(
        r
        for r in service.stance_table(budget(), "Budget", lens=Lens(DAY)).issues[0].rows
        if r.name == "Ann Lee"
    )
    assert row.capability_source == "influence"
    assert row.capability == pytest.approx(1.0)  # Ann is the most listened to


def test_set_stances_records_only_what_changed_and_all_or_nothing(budget: Maker) -> None:
    same = service.StanceEntry("Bo", "Headcount", 70, 0.6)
    moved = service.StanceEntry("Bo", "Timing", 10, 0.4, capability=0.3)
    stored = service.set_stances(budget(), "Budget", [same, moved], on=DAY)
    assert [(s.position, s.capability) for s in stored] == [(10, 0.3)]
    bad = service.StanceEntry("Cy", "Headcount", 150)
    with pytest.raises(InvalidInput, match="position"):
        service.set_stances(budget(), "Budget", [service.StanceEntry("Cy", "Timing", 5), bad])
    assert all(r.name != "Cy Diaz" for r in service.stance_history(budget(), "Budget", "Bo"))
    assert service.stance_history(budget(), "Budget", "Cy") == []


def test_campaign_inputs_index_everyone_like_the_network(budget: Maker) -> None:
    inputs = service.campaign_inputs(budget(), "Budget", Lens(DAY))
    assert inputs.names == ("Me Myself", "Ann Lee", "Bo Chen", "Cy Diaz", "Dee Park")
    assert inputs.me == 0 and list(inputs.deciders) == [1, 2]
    assert list(inputs.is_decider) == [False, True, True, False, False]
    head = inputs.issue("headcount")
    assert list(head.stakeholders) == [0, 1, 2]
    np.testing.assert_array_equal(head.positions[head.stakeholders], [80, 40, 70])
    assert np.isnan(head.positions[3]) and head.saliences[3] == 0
    assert list(head.capability_stated) == [False, True, False, False, False]
    assert head.capabilities[1] == 0.9
    np.testing.assert_allclose(inputs.derived_capability, inputs.influence / inputs.influence.max())
    assert head.capabilities[2] == pytest.approx(inputs.derived_capability[2])
    assert inputs.listens_to[2, 1] == pytest.approx(0.9)  # Bo listens to Ann
    among = inputs.listens_among(head.stakeholders)
    assert among.shape == (3, 3) and among[2, 1] == pytest.approx(0.9)
    np.testing.assert_array_equal(head.weights, head.capabilities * head.saliences)
    matrix = inputs.positions_matrix(inputs.stakeholders)
    assert matrix.shape == (3, 2) and np.isnan(matrix[0, 1]) and matrix[1, 1] == 60
    assert inputs.person(1).name == "Ann Lee" and inputs.index_of(inputs.person_ids[3]) == 3


def test_campaign_inputs_before_any_stance(budget: Maker) -> None:
    inputs = service.campaign_inputs(budget(), "Budget", Lens(DAY - timedelta(days=1)))
    assert all(i.stakeholders.size == 0 for i in inputs.issues)
    assert inputs.stakeholders.size == 0


def test_chart_points_and_quadrants(budget: Maker) -> None:
    assert [quadrant_of(p, i) for p, i in ((0.9, 0.9), (0.9, 0.1), (0.1, 0.9), (0.1, 0.1))] == (
        list(QUADRANTS)
    )
    charts = stakeholder_charts(budget(), "Budget", issue="Headcount", lens=Lens(DAY))
    (chart,) = charts.issues
    assert chart.desired == 80 and chart.forecast is not None and 40 < chart.forecast < 80
    ann = next(p for p in chart.points if p.name == "Ann Lee")
    assert (ann.power, ann.interest, ann.quadrant, ann.is_decider) == (
        0.9,
        0.8,
        "manage closely",
        True,
    )
    me = next(p for p in chart.points if p.is_me)
    assert me.side == "on board" and me.power_source == "influence"
    assert chart.in_quadrant("manage closely")[0].name == "Ann Lee"


def test_deleting_a_campaign_takes_its_stances(budget: Maker) -> None:
    service.delete_campaign(budget(), "Budget")
    assert service.list_campaigns(budget()) == []
    with budget() as uow:
        assert uow.stances.count() == 0
