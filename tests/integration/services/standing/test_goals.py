"""Goals: needs and holders, key people, the right introducer, gaps, steps and Today."""

from __future__ import annotations

from datetime import date

import pytest

from allies.errors import AmbiguousName, InvalidInput, NotFound
from allies.services.agenda.today import agenda
from allies.services.context import Lens
from allies.services.demo.network import build_demo, load_demo
from allies.services.keep.log import make_promise
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie
from allies.services.ports import UnitOfWorkFactory
from allies.services.standing.goal_plan import goal_plan, list_goals, next_steps
from allies.services.standing.goals import NeedSpec, add_need, create_goal, set_goal_status
from tests.integration.services.standing.standing_helpers import TODAY, ago, ally


@pytest.fixture
def ladder(store: UnitOfWorkFactory) -> UnitOfWorkFactory:
    """Me, my ally Ann, and Cy who decides my goal: Ann knows Cy well, Bo only a little.

    Dana → Ann (ally) → Cy (0.8) is the strongest way to Cy; Dana → Bo (0.5) → Cy (0.5)
    is weaker. Cy listens to Eli; Fay is two steps from me through Bo only.
    """
    add_person(store(), "Dana Ruiz", is_me=True, organisation="Acme", offers="budget analysis")
    add_person(store(), "Ann Lee", level="peer")
    ally(store, "Ann Lee")
    add_person(store(), "Bo Chen", level="peer")
    add_tie(store(), "me", "knows", "Bo Chen", weight=0.5)
    add_person(
        store(),
        "Cy Park",
        title="Director",
        level="above",
        agenda="Win the budget round",
        trades="Would trade headcount for a clean budget case",
    )
    add_tie(store(), "Ann Lee", "knows", "Cy Park", weight=0.8)
    add_tie(store(), "Bo Chen", "knows", "Cy Park", weight=0.5)
    add_person(store(), "Eli Moss", title="Chief of Staff")
    add_tie(store(), "Cy Park", "listens_to", "Eli Moss", weight=0.9)
    add_person(store(), "Fay Wu", title="Controller")
    add_tie(store(), "Bo Chen", "works_with", "Fay Wu", weight=0.9)
    return store


def test_a_decider_two_steps_away_names_the_right_introducer(
    ladder: UnitOfWorkFactory,
) -> None:
    create_goal(
        ladder(),
        "Run the new programme",
        target=ago(-180),
        needs=[NeedSpec("Approve the programme", "decision", "Cy Park")],
    )
    plan = goal_plan(ladder(), "programme", lens=Lens(TODAY))
    assert plan.days_left == 180 and plan.needs[0].holder == "Cy Park"
    cy = next(k for k in plan.key_people if k.name == "Cy Park")
    assert cy.kinds[0] == "decides" and cy.band in ("none", "weak")
    assert cy.approach == "introduction" and cy.via == "Ann Lee"
    assert cy.path is not None and cy.path.people == ["Dana Ruiz", "Ann Lee", "Cy Park"]
    assert "budget" in cy.offer.suggestion  # my budget analysis meets their budget round
    first = plan.steps[0]
    assert (first.kind, first.who, first.what) == (
        "reach",
        "Ann Lee",
        "ask for an introduction to Cy Park",
    )
    assert "Cy Park decides 'Approve the programme'" in first.why
    ann = next(k for k in plan.key_people if k.name == "Ann Lee")
    assert ann.kinds == ["gatekeeper"] and ann.roles == ["opens the way to Cy Park"]
    eli = next(k for k in plan.key_people if k.name == "Eli Moss")
    assert eli.roles == ["has the ear of Cy Park"]
    assert any(s.who == "Bo Chen" and "Eli Moss" in s.what for s in plan.steps) is False
    assert [g.split(" (")[0] for g in plan.gaps][:1] == ["Cy Park"]


def test_a_holder_without_a_path_and_a_need_without_a_holder(ladder: UnitOfWorkFactory) -> None:
    add_person(ladder(), "Gus Far", title="Regulator")
    create_goal(ladder(), "Licence", needs=[NeedSpec("Grant the licence", "decision", "Gus Far")])
    add_need(ladder(), "Licence", "Office space", kind="resource")
    plan = goal_plan(ladder(), "Licence", lens=Lens(TODAY))
    gus = next(k for k in plan.key_people if k.name == "Gus Far")
    assert gus.approach == "none" and gus.path is None
    kinds = [s.kind for s in plan.steps]
    assert kinds == sorted(kinds, key=("promise", "reach", "find", "warm", "ask").index)
    find = next(s for s in plan.steps if s.kind == "find")
    assert find.what == "find out who holds 'Office space'"
    assert "Nobody is named as holding 'Office space'" in plan.gaps


def test_a_strong_decider_is_asked_and_a_promise_comes_first(ladder: UnitOfWorkFactory) -> None:
    create_goal(ladder(), "Budget", needs=[NeedSpec("Sign off the budget", "decision", "Ann")])
    make_promise(ladder(), "send the figures", to="Ann Lee", due=ago(3), made_on=ago(10))
    plan = goal_plan(ladder(), "Budget", lens=Lens(TODAY))
    assert [s.kind for s in plan.steps] == ["promise", "ask"]
    assert plan.steps[0].what == "keep your promise: send the figures"
    assert plan.steps[1].what == "make the ask: 'Sign off the budget'"


def test_goals_are_listed_found_and_closed(ladder: UnitOfWorkFactory) -> None:
    create_goal(ladder(), "Run the new programme", needs=[NeedSpec("Approve", "decision", "Cy")])
    create_goal(ladder(), "Run the old programme")
    rows = list_goals(ladder(), lens=Lens(TODAY))
    assert [r.title for r in rows] == ["Run the new programme", "Run the old programme"]
    assert rows[0].holders == ["Cy Park"] and rows[0].next_step.startswith("Ann Lee:")
    with pytest.raises(AmbiguousName):
        goal_plan(ladder(), "programme", lens=Lens(TODAY))
    with pytest.raises(NotFound, match="No goal called"):
        goal_plan(ladder(), "Nothing like it", lens=Lens(TODAY))
    set_goal_status(ladder(), "old", "dropped")
    assert [r.title for r in list_goals(ladder(), lens=Lens(TODAY))] == ["Run the new programme"]
    assert len(list_goals(ladder(), lens=Lens(TODAY), include_closed=True)) == 2
    with pytest.raises(InvalidInput):
        set_goal_status(ladder(), "old", "maybe")
    with pytest.raises(NotFound):
        add_need(ladder(), "new programme", "Money", holder="Nobody Known")


def test_goal_steps_appear_in_today(ladder: UnitOfWorkFactory) -> None:
    assert next_steps(ladder(), lens=Lens(TODAY)) == []
    create_goal(ladder(), "Programme", needs=[NeedSpec("Approve it", "decision", "Cy Park")])
    items = agenda(ladder(), today=TODAY).items
    goal = [i for i in items if i.section == "goal"]
    assert [(i.who, i.what) for i in goal][:1] == [
        ("Ann Lee", "ask for an introduction to Cy Park")
    ]
    assert goal[0].why.startswith("Programme: Cy Park decides")
    set_goal_status(ladder(), "Programme", "reached")
    assert all(i.section != "goal" for i in agenda(ladder(), today=TODAY).items)


def test_the_demo_goal_is_planned_through_the_coo(store: UnitOfWorkFactory) -> None:
    today = date(2026, 11, 21)
    load_demo(store("demo"), build_demo(seed=7, today=today))
    plan = goal_plan(store("demo"), "Director", lens=Lens(today))
    ceo = next(k for k in plan.key_people if k.name == "Margaux Fontaine")
    assert ceo.approach == "introduction" and ceo.via == "Mikkel Bergström"
    assert any(k.kinds == ["ear"] for k in plan.key_people)
    assert plan.steps and all(s.why.startswith(plan.title) for s in plan.steps)
    goal_items = [i for i in agenda(store("demo"), today=today).items if i.section == "goal"]
    assert goal_items and goal_items[0].why
