"""What the map and the Influence page add to the ranking: the people influential beyond
their title, each person's group, and each person's side on a campaign."""

from __future__ import annotations

from datetime import date

from allies.domain import Campaign, CampaignIssue, Stance
from allies.services.influence.loading import load_influence_network
from allies.services.influence.standouts import beyond_their_title
from allies.services.network.map import network_map
from allies.services.network.map_layers import campaign_sides, map_campaign
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie
from allies.services.ports import UnitOfWorkFactory


def _organisation(factory: UnitOfWorkFactory) -> None:
    """A chief, a manager with two reports, an analyst everyone listens to, and me."""
    add_person(factory(), "Me Myself", is_me=True)
    add_person(factory(), "Cleo Chief", title="Chief Executive", level="above")
    add_person(factory(), "Max Manager", title="Head of Sales", level="peer")
    add_person(factory(), "Ana Analyst", title="Financial Analyst", level="below")
    add_person(factory(), "Rae Rep", title="Sales Rep", level="below")
    add_person(factory(), "Sol Rep", title="Sales Rep", level="below")
    for report in ("Rae Rep", "Sol Rep"):
        add_tie(factory(), report, "reports_to", "Max Manager", weight=0.9)
        add_tie(factory(), report, "listens_to", "Max Manager", weight=0.6)
    add_tie(factory(), "Max Manager", "reports_to", "Cleo Chief", weight=0.9)
    add_tie(factory(), "Me Myself", "reports_to", "Cleo Chief", weight=0.9)
    for listener in ("Cleo Chief", "Max Manager", "Me Myself", "Rae Rep"):
        add_tie(factory(), listener, "listens_to", "Ana Analyst", weight=0.9)


def test_the_analyst_everyone_listens_to_stands_out(factory: UnitOfWorkFactory) -> None:
    _organisation(factory)
    found = beyond_their_title(load_influence_network(factory()))
    assert [s.person.name for s in found] == ["Ana Analyst"]  # not the manager: two report
    assert found[0].reports == 0 and found[0].person.listeners == 4


def test_without_reporting_lines_the_level_decides(factory: UnitOfWorkFactory) -> None:
    add_person(factory(), "Me Myself", is_me=True)
    add_person(factory(), "Pia Peer", level="peer")
    add_person(factory(), "Ben Below", level="below")
    add_person(factory(), "Abe Above", level="above")
    for listener in ("Me Myself", "Pia Peer", "Abe Above"):
        add_tie(factory(), listener, "listens_to", "Ben Below", weight=0.9)
    add_tie(factory(), "Ben Below", "listens_to", "Abe Above", weight=0.9)
    names = [s.person.name for s in beyond_their_title(load_influence_network(factory()))]
    assert names == ["Ben Below"]


def test_a_tiny_network_has_no_standouts(factory: UnitOfWorkFactory) -> None:
    add_person(factory(), "Me Myself", is_me=True)
    add_person(factory(), "Ann Lee", level="below")
    add_tie(factory(), "Me Myself", "listens_to", "Ann Lee", weight=0.9)
    assert beyond_their_title(load_influence_network(factory())) == []


def test_sides_count_the_latest_stance_against_my_position() -> None:
    campaign = Campaign(
        name="Budget",
        issues=[
            CampaignIssue("Headcount", desired_position=80, id=1),
            CampaignIssue("Tools", desired_position=20, id=2),
        ],
        id=5,
    )
    day = date(2026, 1, 1)
    stances = [
        Stance(1, 1, 20, recorded_on=day),  # changed their mind since
        Stance(1, 1, 78, recorded_on=date(2026, 2, 1)),
        Stance(2, 1, 10, recorded_on=day),
        Stance(3, 1, 60, salience=0.9, recorded_on=day),
        Stance(3, 2, 30, salience=0.1, recorded_on=day),
        Stance(4, 9, 50, recorded_on=day),  # another campaign's issue
    ]
    sides = campaign_sides(campaign, stances)
    assert sides.name == "Budget"
    assert sides.side == {1: "for", 2: "against", 3: "undecided"}
    assert map_campaign([campaign], None) is campaign
    assert map_campaign([campaign], "#5") is campaign and map_campaign([], None) is None


def test_the_map_carries_groups_sides_and_places(factory: UnitOfWorkFactory) -> None:
    _organisation(factory)
    graph = network_map(factory())
    assert graph.campaign == "" and graph.campaigns == []
    assert graph.groups and all(name.startswith("Around ") for name in graph.groups)
    assert {n.group for n in graph.nodes} <= set(range(len(graph.groups)))
    assert all(n.side == "" for n in graph.nodes)  # no campaign: no sides
    assert all(n.x is not None and 0 <= n.x <= 1 for n in graph.nodes)  # the cached layout
    again = network_map(factory())
    assert [(n.x, n.y) for n in again.nodes] == [(n.x, n.y) for n in graph.nodes]
