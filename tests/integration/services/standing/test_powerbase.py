"""The power-base report on networks built so that the answers are known, and on the demo."""

from __future__ import annotations

from datetime import date

import pytest

from allies.domain import Campaign
from allies.errors import NextStep, NotFound
from allies.services.context import Lens
from allies.services.demo.network import build_demo, load_demo
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie
from allies.services.ports import UnitOfWorkFactory
from allies.services.standing.powerbase import power_base
from tests.integration.services.standing.standing_helpers import TODAY, ally


def titles(f: UnitOfWorkFactory) -> list[str]:
    return [x.title for x in power_base(f(), lens=Lens(TODAY)).findings]


def test_no_tie_above_me_is_reported_with_the_people_and_a_way_in(
    team: UnitOfWorkFactory,
) -> None:
    report = power_base(team(), lens=Lens(TODAY))
    gap = next(x for x in report.findings if x.title == "You have no ally above you")
    assert gap.kind == "risk"
    assert {p.name for p in gap.people} == {"Maria Lopez", "Olu Ade"}
    assert gap.actions and "Olu Ade" in gap.actions[0]  # Ann reports to Olu: the way in
    above = next(r for r in report.by_level if r.group == "above")
    assert (above.people, above.strong) == (2, 0)
    below = next(r for r in report.by_level if r.group == "below")
    assert below.strong == 4 and [a.name for a in below.allies][:1]


def test_strongest_ties_in_my_own_team_are_named(team: UnitOfWorkFactory) -> None:
    report = power_base(team(), lens=Lens(TODAY))
    found = next(x for x in report.findings if "strongest ties are in your own team" in x.title)
    assert found.title.startswith("Four of your four strongest ties") or found.title.startswith(
        "Four of your"
    )
    assert "(Operations)" in found.title and "report to you" in found.title
    assert {p.name for p in found.people} >= {"Ann Lee", "Bo Chen", "Cy Park", "Di Moss"}


def test_an_ally_above_in_one_unit_leaves_the_gap_in_another(team: UnitOfWorkFactory) -> None:
    ally(team, "Olu Ade", weight=0.9, kind="reports_to")
    found = titles(team)
    assert "You have no ally above you" not in found
    assert "No ally above you in Finance" in found
    assert "No ally above you in Operations" not in found


def test_parts_of_the_report_add_up(team: UnitOfWorkFactory) -> None:
    report = power_base(team(), lens=Lens(TODAY))
    assert report.me.name == "Dana Ruiz" and report.unit == "Operations"
    assert report.people == 7 == sum(r.people for r in report.by_level)
    assert sum(report.strength.bands.values()) == 7
    assert sum(b.count for b in report.strength.bins) == 7 - report.strength.bands["none"]
    assert [t.name for t in report.relationships][:4] == sorted(
        ["Ann Lee", "Bo Chen", "Cy Park", "Di Moss"],
        key=lambda n: -next(t.strength for t in report.relationships if t.name == n),
    )
    assert report.reach.direct == 5  # four allies and Eve
    assert report.reach.two_steps == 1  # Olu, through Ann
    assert report.reach.strong_two_steps == 1 and report.reach.through[0].name == "Ann Lee"
    assert report.sphere.listeners == 2
    assert {r.name for r in report.sphere.people} >= {"Ann Lee", "Bo Chen"}
    assert "Maria Lopez" not in {r.name for r in report.sphere.people}
    assert report.brokerage.constraint is not None and report.brokerage.contacts == 5
    assert report.method and "Burt" in report.brokerage.formula


def test_weak_ties_to_a_campaigns_decider_are_a_dependency_risk(
    team: UnitOfWorkFactory,
) -> None:
    with team() as uow:
        maria = next(p for p in uow.people.list() if p.name == "Maria Lopez")
        uow.campaigns.add(Campaign("Budget 2027", decider_ids=[maria.id or 0]))
        uow.commit()
    report = power_base(team(), lens=Lens(TODAY))
    risk = next(d for d in report.dependencies if d.name == "Maria Lopez")
    assert risk.risk == "high" and risk.needed_by == ["campaign 'Budget 2027': decides"]
    assert risk.path is not None and risk.path.people[-1] == "Maria Lopez"
    assert risk.introducer == "Ann Lee"  # the first step of Dana → Ann → Olu → Maria
    assert risk.action.startswith("Start with Ann Lee")


def test_nobody_marked_as_me_says_what_to_do(store: UnitOfWorkFactory) -> None:
    add_person(store(), "Ann Lee")
    with pytest.raises(NotFound, match="Nobody is marked as you") as caught:
        power_base(store(), lens=Lens(TODAY))
    assert caught.value.next_step == NextStep("add", "person", {"me": True})


def test_a_lone_owner_gets_advice_not_an_error(store: UnitOfWorkFactory) -> None:
    add_person(store(), "Dana Ruiz", is_me=True)
    report = power_base(store(), lens=Lens(TODAY))
    assert report.people == 0
    assert "You have no ties recorded" in [x.title for x in report.findings]
    add_person(store(), "Ann Lee", level="peer")
    add_tie(store(), "me", "knows", "Ann Lee", weight=0.3)
    assert "No ally among your peers" in titles(store)


def test_the_demo_reads_like_advice(store: UnitOfWorkFactory) -> None:
    today = date(2026, 11, 21)
    load_demo(store("demo"), build_demo(seed=7, today=today))
    report = power_base(store("demo"), lens=Lens(today))
    found = {x.title: x for x in report.findings}
    assert [x.kind for x in report.findings] == sorted(
        (x.kind for x in report.findings), key=("risk", "gap", "strength").index
    )
    ceo = next(x for t, x in found.items() if t.startswith("Margaux Fontaine decides"))
    assert ceo.kind == "risk" and "Mikkel Bergström" in ceo.actions[0]
    assert any(t.startswith("All five of your strongest ties are in your own team") for t in found)
    assert any(t.startswith("No ally above you in ") for t in found)
    assert any(t.startswith("Your lead travels mostly downwards") for t in found)
    assert any("self-assessment" in t for t in found)
    for finding in report.findings:
        assert finding.title and finding.detail
        assert finding.people or finding.actions, finding.title
    assert report.assessment is not None and report.assessment.weakest == "Networking ability"
    levels = [r.group for r in report.by_level]
    assert levels == ["above", "peer", "below", "external"]
    assert report.dependencies[0].name == "Margaux Fontaine"
