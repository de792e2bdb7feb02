"""Approach and meeting plans on small workspaces whose answers are known."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
import scipy.sparse as sp

from allies.analysis.cascade import expected_spread
from allies.domain import Interaction, InteractionKind, Stance
from allies.interchange.ics import read_calendar
from allies.services.campaigns.meetings import NO_GAIN, meeting_plan, working_slots
from allies.services.campaigns.plan import PlanOptions, approach_plan, run_selection
from allies.services.campaigns.plan_export import plan_calendar, plan_markdown
from allies.services.campaigns.plan_model import build_plan_model, thresholds_from_distance
from allies.services.campaigns.trades import campaign_trades
from allies.services.context import Lens
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store
from tests.integration.services.campaigns.plan_workspace import TODAY, workspace


@pytest.fixture
def factory(sqlite_store_url: str) -> UnitOfWorkFactory:
    return open_store(sqlite_store_url)


def test_thresholds_follow_the_distance_to_my_position() -> None:
    t = thresholds_from_distance(np.array([0.0, 10.0, 30.0, 50.0, 90.0, np.nan]))
    assert t.tolist() == [0.0, 0.0, 0.5, 1.0, 1.0, 1.0]
    model = build_plan_model(
        np.array([[80.0], [20.0], [np.nan], [np.nan]]),
        np.array([[0.5], [0.5], [0.0], [0.0]]),
        np.array([[0.4], [0.5], [0.9], [0.9]]),
        np.array([80.0]),
        deciders=np.array([1, 3]),
        me=None,
        derived_capability=np.array([0.1, 0.2, 0.3, 0.6]),
    )
    assert model.on_board.tolist() == [True, False, False, False]
    assert model.values == pytest.approx([0.4, 1.5, 0.0, 1.8])  # deciders weigh 3 times
    assert model.conviction == pytest.approx([0.5, 0.5, 0.0, 0.0])


def test_the_first_approach_is_the_influencer_the_deciders_listen_to(
    factory: UnitOfWorkFactory,
) -> None:
    ids = workspace(factory)
    plan = approach_plan(factory(), "Platform", PlanOptions(k=2), lens=Lens(TODAY))
    assert plan.method == "celf"
    assert plan.steps[0].person_id == ids["Iris"]
    first = plan.steps[0]
    assert set(first.heard_by) == {"Dee", "Dan", "Dora"}
    assert {s.name for s in first.sways} == {"Dee", "Dan", "Dora"}
    assert first.gain > 0 and plan.support > plan.base_support
    assert {o.person_id for o in plan.on_board} == {ids["Me"], ids["Sue"]}


def test_meetings_fall_on_working_days_within_the_weekly_cap() -> None:
    days = [d for d, _ in zip(working_slots(date(2026, 3, 5), 2), range(12), strict=False)]
    assert all(d.weekday() < 5 for d in days)
    weeks: dict[tuple[int, int], int] = {}
    for d in days:
        key = tuple(d.isocalendar()[:2])
        weeks[key] = weeks.get(key, 0) + 1  # type: ignore[index]
    assert max(weeks.values()) <= 2
    assert days == sorted(days) and len(set(days)) == len(days)


def test_meeting_plan_prebriefs_and_holds_the_group_meeting_after_the_threshold(
    factory: UnitOfWorkFactory,
) -> None:
    ids = workspace(factory)
    plan = meeting_plan(
        factory(), "Platform", PlanOptions(k=3), lens=Lens(TODAY), start=TODAY, per_week=2
    )
    kinds = [m.kind for m in plan.meetings]
    assert kinds[:2] == ["pre-brief", "one-on-one"]
    assert plan.meetings[0].person_ids == [ids["Sam"]]  # Iris trusts Sam, whom I work with
    assert plan.meetings[1].person_ids == [ids["Iris"]]
    assert all(m.on.weekday() < 5 for m in plan.meetings)
    per_week: dict[object, int] = {}
    for m in plan.meetings:
        per_week[m.on.isocalendar()[:2]] = per_week.get(m.on.isocalendar()[:2], 0) + 1
    assert max(per_week.values()) <= 2
    assert plan.support_before < 0.6
    assert plan.group_after_step is not None and plan.group_after_step >= 1
    assert plan.group_support is not None and plan.group_support >= 0.6
    group = next(m for m in plan.meetings if m.kind == "group")
    last_needed = next(
        m for m in plan.meetings if m.kind == "one-on-one" and m.step == plan.group_after_step
    )
    assert group.on > last_needed.on
    points = {p.label: p.text for p in plan.meetings[1].talking_points}
    assert "Send the cost model" in points["Open promise"]
    assert "no stance recorded" in points["Where they stand"]


def test_no_group_meeting_when_support_stays_below_the_threshold(
    factory: UnitOfWorkFactory,
) -> None:
    workspace(factory)
    plan = meeting_plan(factory(), "Platform", PlanOptions(k=1), lens=Lens(TODAY), threshold=0.99)
    assert plan.group_after_step is None
    assert all(m.kind != "group" for m in plan.meetings)
    assert plan.warnings and "short of 99%" in plan.warnings[0]


def test_the_calendar_and_markdown_hold_every_meeting(factory: UnitOfWorkFactory) -> None:
    workspace(factory)
    plan = meeting_plan(factory(), "Platform", PlanOptions(k=2), lens=Lens(TODAY), start=TODAY)
    events = read_calendar(plan_calendar(plan))
    assert [(e.on, e.summary) for e in events] == [(m.on, m.summary) for m in plan.meetings]
    assert all("campaign" in e.categories for e in events)
    assert len({e.uid for e in events}) == len(events)
    text = plan_markdown(plan)
    assert text.startswith("# Plan: Platform")
    assert "## Approach plan" in text and "## Meetings" in text and "## Trades" in text


def test_logging_a_meeting_and_a_changed_stance_re_plans(factory: UnitOfWorkFactory) -> None:
    ids = workspace(factory)
    first = approach_plan(factory(), "Platform", PlanOptions(k=2), lens=Lens(TODAY))
    assert first.steps[0].person_id == ids["Iris"]
    with factory() as uow:
        uow.interactions.add(
            Interaction(TODAY, [ids["Iris"]], kind=InteractionKind.ONE_ON_ONE, tone=2)
        )
        uow.commit()
    second = approach_plan(factory(), "Platform", PlanOptions(k=2), lens=Lens(TODAY))
    assert ids["Iris"] not in [s.person_id for s in second.steps]
    assert [a.person_id for a in second.approached] == [ids["Iris"]]
    with factory() as uow:
        scope = uow.campaigns.list()[0].issues[0].id or 0
        uow.stances.add(Stance(ids["Iris"], scope, 78, 0.5, recorded_on=TODAY))
        uow.commit()
    third = approach_plan(factory(), "Platform", PlanOptions(k=2), lens=Lens(TODAY))
    assert ids["Iris"] in {o.person_id for o in third.on_board}
    assert third.base_support > second.base_support
    later = approach_plan(
        factory(), "Platform", PlanOptions(k=2), lens=Lens(TODAY + timedelta(days=30))
    )
    assert not later.approached  # the meeting is no longer recent


def test_single_issue_campaigns_say_no_trade_exists(factory: UnitOfWorkFactory) -> None:
    ids = workspace(factory)
    report = campaign_trades(factory(), "Platform", lens=Lens(TODAY))
    assert report.single_issue and "single issue" in report.message
    dee = report.for_person(ids["Dee"])
    assert dee is not None and not dee.has_trade and "candour" in dee.instead


def test_trades_give_ground_where_they_care_more(factory: UnitOfWorkFactory) -> None:
    ids = workspace(factory, issues=2)
    report = campaign_trades(factory(), "Platform", lens=Lens(TODAY))
    dee = report.for_person(ids["Dee"])
    assert dee is not None and dee.has_trade
    # Dee cares about Funding (0.9) far more than Scope (0.2); I care more about Scope.
    assert dee.give_issue == "Funding" and dee.get_issue == "Scope"
    assert dee.give_to is not None and dee.give_from is not None and dee.give_to < dee.give_from
    assert dee.get_to is not None and dee.get_from is not None and dee.get_to > dee.get_from
    dan = report.for_person(ids["Dan"])  # with me on Funding: nothing to trade
    assert dan is not None and not dan.has_trade


def test_imm_support_is_within_two_percent_of_celf() -> None:
    rng = np.random.default_rng(5)
    n, m = 400, 2400
    listener = rng.integers(0, n, m)
    speaker = (rng.pareto(1.5, m) * n / 20).astype(np.int64) % n
    listens = sp.csr_array((rng.uniform(0.1, 1.0, m), (listener, speaker)), shape=(n, n))
    has = rng.random(n) < 0.5
    x = np.where(has, rng.uniform(0, 100, n), np.nan)[:, None]
    s = np.where(has, rng.uniform(0.2, 0.8, n), 0.0)[:, None]
    c = np.where(has, rng.uniform(0.2, 1.0, n), 0.0)[:, None]
    model = build_plan_model(x, s, c, np.array([80.0]), deciders=np.arange(5), me=None)
    pool = np.flatnonzero(~model.on_board)
    plans = {
        method: run_selection(
            listens,
            model,
            PlanOptions(k=5, method=method, epsilon=0.1, seed=3),  # type: ignore[arg-type]
            pool,
            model.on_board,
        )
        for method in ("celf", "imm")
    }
    from allies.services.campaigns.plan_model import with_conviction

    matrix = with_conviction(listens, model.conviction)
    support = {
        method: expected_spread(
            matrix,
            list(np.flatnonzero(model.on_board)) + list(plan.seeds),
            thresholds=np.append(model.thresholds, 1.0),
            values=np.append(model.values, 0.0),
            simulations=4000,
            seed=11,
        ).spread
        for method, plan in plans.items()
    }
    assert plans["imm"].guarantee is not None
    assert support["imm"] >= 0.98 * support["celf"]


def test_the_agenda_shows_the_next_campaign_meetings(factory: UnitOfWorkFactory) -> None:
    from allies.services.agenda.today import agenda

    ids = workspace(factory)
    week = agenda(factory(), today=TODAY, days=7)
    lines = [i for i in week.items if i.section == "campaign"]
    assert lines and all(TODAY <= (i.on or TODAY) <= TODAY + timedelta(days=6) for i in lines)
    assert any(i.person_id == ids["Iris"] and "One-on-one" in i.what for i in lines)
    saturday = agenda(factory(), today=TODAY + timedelta(days=5), days=1)
    assert not [i for i in saturday.items if i.section == "campaign"]


def test_nobody_with_no_expected_gain_is_booked(factory: UnitOfWorkFactory) -> None:
    # Asked for more people than there is support to win, the plan's later steps
    # gain nothing: they get a keep-warm line, not a meeting.
    workspace(factory)
    plan = meeting_plan(
        factory(), "Platform", PlanOptions(k=8), lens=Lens(TODAY), start=TODAY, per_week=5
    )
    booked = {m.step for m in plan.meetings if m.kind in ("one-on-one", "pre-brief")}
    for step in plan.approach.steps:
        if step.gain_share < NO_GAIN:
            assert step.number not in booked
            assert any(line.startswith(f"{step.name}: no expected gain") for line in plan.keep_warm)
        else:
            assert step.number in booked
    deciders_on_board = [o.name for o in plan.approach.on_board if o.is_decider]
    for name in deciders_on_board:
        if name != "Me":
            assert any(line.startswith(f"Keep {name} warm") for line in plan.keep_warm)
    met = {p for m in plan.meetings if m.kind == "one-on-one" for p in m.names}
    assert not met & set(deciders_on_board)
    idle = {s.name for s in plan.approach.steps if s.gain_share < NO_GAIN}
    assert idle  # this workspace has steps that gain nothing when asked for eight
    group = [m for m in plan.meetings if m.kind == "group"]
    assert all(not idle & set(m.names) for m in group)


def test_the_group_meeting_offers_trades_that_hold_together(factory: UnitOfWorkFactory) -> None:
    # Whatever trades this workspace has, those of the group meeting hold together
    # (the choice itself is checked on known trades below), and "offer instead" is a
    # sentence, not profile fields pasted with their labels.
    workspace(factory)
    plan = meeting_plan(
        factory(), "Platform", PlanOptions(k=3), lens=Lens(TODAY), start=TODAY, per_week=2
    )
    group = next(m for m in plan.meetings if m.kind == "group")
    offered = [p.text for p in group.talking_points if p.label == "Trade to honour"]
    names = [text.split(":", 1)[0] for text in offered]
    assert len(names) == len(set(names))  # one trade per person
    chosen = [t for t in plan.trades.trades if f"{t.name}: {t.text}" in offered]
    given = {}
    for t in chosen:
        assert given.setdefault(t.give_issue, t.give_to) == t.give_to  # one position each
    assert not {t.give_issue for t in chosen} & {t.get_issue for t in chosen}
    for t in plan.trades.trades:
        assert t.instead.endswith(".") and t.instead[0].isupper()
        assert not any(label in t.instead for label in ("values:", "interests:", "agenda:"))


def test_coherent_trades_drop_the_contradictions() -> None:
    from allies.services.campaigns.talking import coherent_trades
    from allies.services.campaigns.trades import PersonTrade

    def trade(pid: int, give: str, to: float, get: str, gain: float) -> PersonTrade:
        return PersonTrade(
            pid,
            f"P{pid}",
            False,
            True,
            give,
            70.0,
            to,
            0.8,
            0.2,
            get,
            30.0,
            50.0,
            0.2,
            0.8,
            gain,
            "a trade",
            "Offer what they care about: they value time.",
        )

    found = coherent_trades(
        [
            trade(1, "budget", 60.0, "scope", 3.0),
            trade(2, "budget", 50.0, "timing", 2.0),  # another position on the budget
            trade(3, "scope", 40.0, "budget", 1.5),  # gives where I ask, asks where I give
            trade(4, "budget", 60.0, "timing", 1.0),  # the same concession: fine
            trade(1, "timing", 55.0, "budget", 0.5),  # a second trade for P1
        ]
    )
    assert [t.person_id for t in found] == [1, 4]
