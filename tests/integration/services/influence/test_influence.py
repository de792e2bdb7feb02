"""Influence use cases on small networks whose answers are known, and on the demo."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np
import pytest

from allies.analysis.influence import Attention, deciders_ear, influence_rank
from allies.domain import Campaign, Observation, ObservationKind, Person, Tie, TieKind
from allies.errors import AmbiguousName, InvalidInput, NotFound
from allies.services.context import Lens
from allies.services.demo.network import build_demo, load_demo
from allies.services.influence import ranking as influence
from allies.services.influence.graph import DAMPING
from allies.services.keep import log as routine
from allies.services.keep.health import person_health
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from allies.store import open_store

DAY = date(2026, 3, 2)


@pytest.fixture
def factory(sqlite_store_url: str) -> UnitOfWorkFactory:
    return open_store(sqlite_store_url)


def build(
    factory: UnitOfWorkFactory,
    people: list[str | tuple[str, str]],
    ties: Sequence[tuple[str, str, str, float]] = (),
    seen: Sequence[tuple[str, str, str, date]] = (),
    *,
    me: str | None = None,
    workspace: str = "t",
) -> Callable[[], UnitOfWork]:
    """Store people (``name`` or ``(name, title)``), ties and observations; return a
    maker of units of work on that workspace."""
    ids: dict[str, int] = {}
    with factory(workspace) as uow:
        for entry in people:
            name, title = (entry, "") if isinstance(entry, str) else entry
            person = uow.people.add(Person(name=name, title=title, is_me=name == me))
            ids[name] = person.id or 0
        for source, kind, target, weight in ties:
            uow.ties.add(Tie(ids[source], ids[target], TieKind(kind), weight=weight))
        for subject, kind, obj, on in seen:
            uow.observations.add(Observation(ids[subject], ids[obj], ObservationKind(kind), on))
        uow.commit()
    return lambda: factory(workspace)


# -- influencers ------------------------------------------------------------------------

BOSS_AND_TEAM = [("Maria Boss", "Chief Executive"), ("Quinn Quiet", "Analyst"), "Ann", "Bo", "Cy"]
CHART = [(p, "reports_to", "Maria Boss", 1.0) for p in ("Ann", "Bo", "Cy")] + [
    ("Quinn Quiet", "reports_to", "Ann", 1.0)
]


def test_the_titled_boss_leads_when_nothing_else_is_known(factory: UnitOfWorkFactory) -> None:
    uow = build(factory, BOSS_AND_TEAM, CHART)
    ranking = influence.influencers(uow(), lens=Lens(DAY))
    assert [x.name for x in ranking.influencers[:1]] == ["Maria Boss"]
    assert ranking.ordered_by == "influence" and ranking.people == 5
    assert "PageRank" in ranking.formula


def test_observed_deferrals_raise_the_deferred_to_above_the_titled_boss(
    factory: UnitOfWorkFactory,
) -> None:
    deferrals = [
        ("Maria Boss", "deferred_to", "Quinn Quiet", DAY - timedelta(days=10)),
        ("Ann", "deferred_to", "Quinn Quiet", DAY - timedelta(days=20)),
        ("Bo", "eyes_went_to", "Quinn Quiet", DAY - timedelta(days=5)),
        ("Cy", "sought_advice_from", "Quinn Quiet", DAY),
    ]
    uow = build(factory, BOSS_AND_TEAM, CHART, deferrals)
    ranking = influence.influencers(uow(), lens=Lens(DAY))
    first = ranking.influencers[0]
    boss = next(x for x in ranking.influencers if x.name == "Maria Boss")
    assert (first.name, first.title, first.position) == ("Quinn Quiet", "Analyst", 1)
    assert first.influence > boss.influence and boss.position > 1
    assert first.observations == 4 and first.ties == 0 and first.listeners == 4
    assert boss.ties == 3 and boss.observations == 0
    assert first.top_listeners[0].name == "Maria Boss"  # her rank flows to Quinn
    assert sum(x.influence for x in influence.influencers(uow(), top=None).influencers) == (
        pytest.approx(1.0)
    )


def test_deciders_ear_direct_indirect_and_who_carries_it(factory: UnitOfWorkFactory) -> None:
    people = ["Dee Decider", "Xavi", "Yara", "Zed"]
    ties = [
        ("Dee Decider", "listens_to", "Xavi", 0.9),
        ("Xavi", "listens_to", "Yara", 0.8),
        ("Zed", "listens_to", "Yara", 1.0),
    ]
    uow = build(factory, people, ties)
    ranking = influence.influencers(uow(), deciders=["Dee"], lens=Lens(DAY))
    assert ranking.ordered_by == "deciders' ear" and ranking.deciders == ("Dee Decider",)
    by_name = {x.name: x for x in ranking.influencers}
    xavi, yara, zed = by_name["Xavi"], by_name["Yara"], by_name["Zed"]
    assert ranking.influencers[0].name == "Xavi"
    assert xavi.ear_direct and xavi.ear_direct > 0 and xavi.ear_indirect == pytest.approx(0)
    assert yara.ear_direct == pytest.approx(0) and yara.ear_indirect and yara.ear_indirect > 0
    assert [x.name for x in yara.heard_through] == ["Xavi"]
    assert zed.ear == pytest.approx(0)  # Zed's listening never reaches Dee
    assert by_name["Dee Decider"].is_decider and not xavi.is_decider


def test_campaign_deciders_are_used_when_asked(factory: UnitOfWorkFactory) -> None:
    uow = build(factory, ["Dee", "Xavi"], [("Dee", "listens_to", "Xavi", 0.9)])
    with uow() as u:
        dee = next(p for p in u.people.list() if p.name == "Dee")
        u.campaigns.add(Campaign(name="Budget", decider_ids=[dee.id or 0]))
        u.commit()
    ranking = influence.influencers(uow(), campaign="active", lens=Lens(DAY))
    assert ranking.campaign == "Budget" and ranking.deciders == ("Dee",)
    assert ranking.influencers[0].name == "Xavi"
    with pytest.raises(NotFound):
        influence.influencers(uow(), campaign="Nothing like it")


def test_unknown_or_ambiguous_deciders_and_bad_top(factory: UnitOfWorkFactory) -> None:
    uow = build(factory, ["Bo Chen", "Bo Lind"])
    with pytest.raises(NotFound):
        influence.influencers(uow(), deciders=["Nobody"])
    with pytest.raises(AmbiguousName):
        influence.influencers(uow(), deciders=["Bo"])
    with pytest.raises(InvalidInput):
        influence.influencers(uow(), top=0)


# -- why --------------------------------------------------------------------------------


def test_why_lists_observations_with_ages_and_decayed_weights(
    factory: UnitOfWorkFactory,
) -> None:
    seen = [
        ("Ann", "deferred_to", "Quinn Quiet", DAY - timedelta(days=182)),
        ("Ann", "sought_advice_from", "Quinn Quiet", DAY),
    ]
    ties = [("Bo", "trusts", "Quinn Quiet", 0.8), ("Quinn Quiet", "knows", "Cy", 1.0)]
    uow = build(factory, BOSS_AND_TEAM, ties, seen)
    why = influence.why(uow(), "Quinn", lens=Lens(DAY))
    assert why.name == "Quinn Quiet" and why.position == 1 and why.people == 5
    by_kind = {e.kind: e for e in why.evidence}
    old = by_kind["deferred_to"]
    assert (old.record, old.age_days, old.on) == ("observation", 182, DAY - timedelta(days=182))
    assert old.decay == pytest.approx(0.5) and old.weight == pytest.approx(0.6 * 0.5)
    assert old.statement == "Ann deferred to Quinn Quiet"
    fresh = by_kind["sought_advice_from"]
    assert fresh.age_days == 0 and fresh.weight == pytest.approx(0.5)
    tie = by_kind["trusts"]
    assert (tie.record, tie.age_days, tie.weight) == ("tie", None, pytest.approx(0.5 * 0.8))
    assert {x.name for x in why.listeners} == {"Ann", "Bo", "Cy"}  # Cy via the mutual "knows"
    ann = next(x for x in why.listeners if x.name == "Ann")
    assert ann.weight == pytest.approx(1 - (1 - 0.3) * (1 - 0.5))
    assert why.influence == pytest.approx(why.base + sum(x.share for x in why.listeners))
    assert sum(x.share_of_rank for x in why.listeners) + why.base / why.influence == (
        pytest.approx(1.0)
    )
    assert [f.name for f in why.listens_to] == ["Cy"]
    assert why.formula.startswith(f"influence {why.influence:.4f} = ")
    assert any("ranks 1st of 5" in line for line in why.summary)


def test_half_life_halves_an_observations_contribution(factory: UnitOfWorkFactory) -> None:
    seen_on = DAY - timedelta(days=90)
    uow = build(factory, ["Ann", "Bo"], seen=[("Ann", "deferred_to", "Bo", seen_on)])

    def counted(half_life: float, as_of: date = DAY) -> float:
        why = influence.why(uow(), "Bo", lens=Lens(as_of, half_life))
        (item,) = why.evidence
        return item.weight

    today = counted(90, as_of=seen_on)
    assert today == pytest.approx(0.6)
    assert counted(90) == pytest.approx(today / 2)
    assert counted(45) == pytest.approx(today / 4)
    assert counted(180) == pytest.approx(today / math.sqrt(2))


def test_why_names_records_that_did_not_count(factory: UnitOfWorkFactory) -> None:
    uow = build(factory, ["Ann", "Bo"])
    with uow() as u:
        ann, bo = sorted(u.people.list(), key=lambda p: p.name)
        u.ties.add(Tie(ann.id or 0, bo.id or 0, TieKind.LISTENS_TO, valid_to=DAY - timedelta(1)))
        u.commit()
    why = influence.why(uow(), "Bo", lens=Lens(DAY))
    assert why.listeners == [] and why.evidence == []
    assert why.skipped == [f"Ann listens to Bo (tie): valid only until {DAY - timedelta(1)}"]


# -- paths and confidants ---------------------------------------------------------------


def test_two_strong_hops_beat_one_weak_tie(factory: UnitOfWorkFactory) -> None:
    ties = [
        ("Me", "knows", "Xu", 0.9),
        ("Tia", "works_with", "Xu", 0.9),
        ("Me", "knows", "Tia", 0.3),
    ]
    uow = build(factory, ["Me", "Xu", "Tia"], ties, me="Me")
    found = influence.warm_path(uow(), "Tia", alternatives=1, lens=Lens(DAY))
    best, other = found.paths
    # No contact on record with anyone: each hop keeps half its stated weight.
    assert best.people == ["Me", "Xu", "Tia"] and best.hops == 2
    assert best.strength == pytest.approx(0.45 * 0.45)
    assert [h.strength for h in best.steps] == [pytest.approx(0.45), pytest.approx(0.45)]
    assert [h.stated for h in best.steps] == [pytest.approx(0.9), pytest.approx(0.9)]
    assert best.steps[1].statement == "Tia works with Xu"  # a tie counts in both directions
    assert best.steps[1].so_far == pytest.approx(0.45 * 0.45)
    assert best.formula == "0.45 × 0.45 = 0.203"
    assert other.people == ["Me", "Tia"] and other.strength == pytest.approx(0.15)
    assert found.message == "" and "Yen" in found.method


def test_reporting_lines_are_as_warm_as_the_relationship(factory: UnitOfWorkFactory) -> None:
    chart = [("Me", "reports_to", "Boss", 1.0), ("Boss", "reports_to", "Director", 1.0)]
    uow = build(factory, ["Me", "Boss", "Director"], chart, me="Me")
    unused = influence.warm_path(uow(), "Director", lens=Lens(DAY)).paths[0]
    assert unused.people == ["Me", "Boss", "Director"]
    assert unused.strength == pytest.approx(0.25)  # not 1.00: nothing shows the lines used
    # Met the boss monthly until five months ago: a cooling relationship.
    for back in range(330, 140, -30):
        routine.log_interaction(uow(), ["Boss"], on=DAY - timedelta(days=back))
    health = person_health(uow(), "Boss", today=DAY)
    assert health.cooling and health.score is not None
    cooling = influence.warm_path(uow(), "Director", lens=Lens(DAY)).paths[0]
    first, second = cooling.steps
    assert first.stated == 1.0 and second.stated == 1.0
    assert first.strength == pytest.approx((1 + health.score / 100) / 2, abs=0.005)
    assert second.strength == pytest.approx(0.5)  # not my relationship: half
    assert 0.25 < cooling.strength < 0.5
    # Seen every week lately: the line to the boss is nearly at its stated weight.
    for back in range(56, -1, -7):
        routine.log_interaction(uow(), ["Boss"], on=DAY - timedelta(days=back), tone=1)
    warm = influence.warm_path(uow(), "Director", lens=Lens(DAY)).paths[0]
    assert warm.steps[0].strength > 0.9 and warm.strength > cooling.strength


def test_no_path_is_an_answer_not_an_error(factory: UnitOfWorkFactory) -> None:
    uow = build(factory, ["Me", "Far"], me="Me")
    found = influence.warm_path(uow(), "Far", lens=Lens(DAY))
    assert found.paths == [] and "No chain" in found.message
    with pytest.raises(NotFound):
        influence.warm_path(uow(), "Nobody at all")


def test_confidants_ranked_by_closeness_to_me(factory: UnitOfWorkFactory) -> None:
    ties = [
        ("Tom Target", "trusts", "Pia", 0.9),
        ("Tom Target", "works_with", "Wes", 1.0),  # a colleague, not a confidant
        ("Me", "knows", "Rob", 0.8),
        ("Me", "knows", "Pia", 0.2),
        ("Me", "knows", "Wes", 0.3),
    ]
    seen = [
        ("Tom Target", "deferred_to", "Pia", DAY),
        ("Tom Target", "sought_advice_from", "Rob", DAY),
        ("Tom Target", "eyes_went_to", "Una", DAY),
    ]
    uow = build(factory, ["Me", "Tom Target", "Pia", "Rob", "Una", "Wes"], ties, seen, me="Me")
    found = influence.confidants(uow(), "Tom", lens=Lens(DAY))
    assert [c.name for c in found.confidants] == ["Rob", "Pia", "Una"]
    rob, pia, una = found.confidants
    # no contact on record: every hop keeps half its stated weight
    assert rob.closeness == pytest.approx(0.4) and rob.path and rob.path.people == ["Me", "Rob"]
    assert rob.trust == pytest.approx(0.5) and rob.because == "sought advice from"
    # through Wes and Tom would be warmer (0.3 × 1 × 0.9), but a path to someone Tom
    # trusts must not pass through Tom himself
    assert pia.closeness == pytest.approx(0.1)
    assert pia.path and pia.path.people == ["Me", "Pia"]
    assert pia.because == "deferred to; trusts"
    assert pia.trust == pytest.approx(1 - (1 - 0.45) * (1 - 0.6))
    assert {e.kind for e in pia.evidence} == {"trusts", "deferred_to"}
    assert una.closeness == 0 and una.path is None  # trusted, but I cannot reach Una
    assert found.target == "Tom Target" and found.source == "Me"


def test_nobody_trusted_says_what_to_record(factory: UnitOfWorkFactory) -> None:
    uow = build(factory, ["Me", "Tom"], [("Me", "knows", "Tom", 0.5)], me="Me")
    found = influence.confidants(uow(), "Tom", lens=Lens(DAY))
    assert found.confidants == [] and "whom Tom trusts" in found.message
    assert "allies " not in found.message  # plain words: each face adds its own way to act


# -- brokers and communities ------------------------------------------------------------

TRIANGLES = ["A1", "A2", "A3", "B1", "B2", "B3", "Bridge"]
TRIANGLE_TIES = [
    (a, "listens_to", b, 0.8)
    for a, b in [("A1", "A2"), ("A2", "A3"), ("A3", "A1"), ("B1", "B2"), ("B2", "B3"), ("B3", "B1")]
] + [("A1", "works_with", "Bridge", 1.0), ("B1", "works_with", "Bridge", 1.0)]


def test_the_bridge_is_the_top_broker(factory: UnitOfWorkFactory) -> None:
    uow = build(factory, TRIANGLES, TRIANGLE_TIES)
    report = influence.brokers(uow(), lens=Lens(DAY))
    top = report.brokers[0]
    assert top.name == "Bridge" and top.betweenness > 0
    assert report.exact and report.error_bound == 0 and report.pivots == 7
    assert top.contacts == 2 and top.communities_spanned == 2
    assert set(top.between) == {"A1", "B1"}
    assert top.effective_size == pytest.approx(2.0) and top.constraint == pytest.approx(0.5)
    sampled = influence.brokers(uow(), pivots=4, lens=Lens(DAY))
    assert not sampled.exact and sampled.pivots == 4 and sampled.error_bound > 0
    assert "4 sampled pivots" in sampled.method


def test_communities_by_name_and_seeded(factory: UnitOfWorkFactory) -> None:
    uow = build(factory, TRIANGLES, TRIANGLE_TIES)
    report = influence.communities(uow(), seed=3, lens=Lens(DAY))
    groups = [sorted(m.name for m in c.members) for c in report.communities]
    assert sorted(groups) == [["A1", "A2", "A3", "Bridge"], ["B1", "B2", "B3"]] or sorted(
        groups
    ) == [["A1", "A2", "A3"], ["B1", "B2", "B3", "Bridge"]]
    assert report.modularity > 0.3 and report.seed == 3
    first = report.communities[0]
    assert first.number == 1 and first.size == len(first.members) == 4
    assert first.leader == first.members[0].name
    assert 0 < first.inside <= 1
    again = influence.communities(uow(), seed=3, lens=Lens(DAY))
    assert again == report


# -- the demo ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Callable[[], UnitOfWork], list[str]]:
    factory = open_store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}")
    network = build_demo(7, DAY)
    load_demo(factory("demo"), network)
    featured = [network.people[k].name for k in network.featured]
    return (lambda: factory("demo")), featured


def test_demo_quiet_influencers_rank_in_the_top_ten(
    demo: tuple[Callable[[], UnitOfWork], list[str]],
) -> None:
    uow, featured = demo
    ranking = influence.influencers(uow(), top=10, lens=Lens(DAY))
    top_ten = {x.name: x for x in ranking.influencers}
    quiet = [name for name in featured if name in top_ten]
    assert len(quiet) >= 3, (quiet, list(top_ten))
    for name in quiet:
        title = top_ten[name].title.lower()
        assert not any(w in title for w in ("chief", "head", "director", "chair"))
        assert top_ten[name].observations > 0


def test_demo_why_and_paths_are_explained(
    demo: tuple[Callable[[], UnitOfWork], list[str]],
) -> None:
    uow, featured = demo
    why = influence.why(uow(), featured[0], lens=Lens(DAY))
    observations = [e for e in why.evidence if e.record == "observation"]
    assert observations and all(e.age_days is not None and e.on for e in observations)
    assert all(e.weight == pytest.approx(e.factor * e.strength * e.decay) for e in why.evidence)
    found = influence.warm_path(uow(), featured[1], alternatives=2, lens=Lens(DAY))
    assert 1 <= len(found.paths) <= 3
    strengths = [p.strength for p in found.paths]
    assert strengths == sorted(strengths, reverse=True)
    for option in found.paths:
        assert option.strength == pytest.approx(math.prod(h.strength for h in option.steps))
    ranking = influence.influencers(uow(), campaign="active", top=5, lens=Lens(DAY))
    assert len(ranking.deciders) >= 2 and ranking.campaign


def test_an_empty_workspace_gives_empty_answers(factory: UnitOfWorkFactory) -> None:
    uow = build(factory, [])
    assert influence.influencers(uow()).influencers == []
    assert influence.brokers(uow()).brokers == []
    assert influence.communities(uow()).communities == []


@pytest.mark.parametrize("attention", ["normalise", "keep"])
def test_demo_deciders_ear_parts_add_up_in_every_attention_mode(
    demo: tuple[Callable[[], UnitOfWork], list[str]], attention: Attention
) -> None:
    uow, _ = demo
    network = influence.load_influence_network(uow(), Lens(DAY), with_campaigns=True)
    ranking = influence.influencers_in(network, campaign="active", top=5)
    deciders = [network.index(network.person(name).id or 0) for name in ranking.deciders]
    assert len(deciders) >= 2
    ear = deciders_ear(network.graph, deciders, DAMPING, attention=attention)
    assert ear.score.sum() == pytest.approx(1.0, abs=1e-9)
    assert np.abs(ear.seed + ear.direct + ear.indirect - ear.score).max() < 1e-9
    same = influence_rank(
        network.graph,
        DAMPING,
        personalization=ear.decider_weights,
        attention=attention,
    )
    assert np.abs(ear.score - same).max() < 1e-9  # the score is of the mode asked for
