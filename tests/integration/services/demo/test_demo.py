"""The demo network: deterministic, realistic in shape, valid, and loaded all or nothing."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, fields, is_dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from allies.domain import (
    ConflictStatus,
    FavourDirection,
    InteractionKind,
    Level,
    ObservationKind,
    PromiseStatus,
    Tie,
    TieKind,
)
from allies.errors import Conflict, InvalidInput
from allies.services.demo.network import (
    DemoNetwork,
    DemoSummary,
    build_demo,
    demo_summary_lines,
    load_demo,
    local_references,
)
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store

TODAY = date(2026, 11, 21)
SENIOR_WORDS = ("chief", "head", "director", "chair", "general counsel", "managing")


@pytest.fixture(scope="module")
def network() -> DemoNetwork:
    return build_demo(7, TODAY)


def _fingerprint(network: DemoNetwork) -> list[str]:
    return [repr(asdict(item)) for name in network.counts() for item in getattr(network, name)]


def _me(network: DemoNetwork) -> int:
    return next(i for i, p in enumerate(network.people) if p.is_me)


def _is_senior(title: str) -> bool:
    return any(word in title.lower() for word in SENIOR_WORDS)


def _of_kind(network: DemoNetwork, kind: TieKind) -> list[Tie]:
    return [tie for tie in network.ties if tie.kind is kind]


# -- determinism ------------------------------------------------------------------------


def test_same_seed_and_day_give_the_same_network(network: DemoNetwork) -> None:
    again = build_demo(7, TODAY)
    assert _fingerprint(again) == _fingerprint(network)


def test_another_seed_gives_other_names_ties_and_dates(network: DemoNetwork) -> None:
    other = build_demo(8, TODAY)
    assert [p.name for p in other.people] != [p.name for p in network.people]
    weights = [(t.source_id, t.target_id, t.kind, t.weight) for t in network.ties]
    assert [(t.source_id, t.target_id, t.kind, t.weight) for t in other.ties] != weights
    days = [i.occurred_on for i in network.interactions]
    assert [i.occurred_on for i in other.interactions] != days


def test_the_day_moves_the_history_with_it() -> None:
    later = build_demo(7, TODAY + timedelta(days=30))
    assert max(i.occurred_on for i in later.interactions) > TODAY
    before = date.today()
    default = build_demo().today
    assert default in (before, date.today())  # the run may cross midnight in between


# -- shape ------------------------------------------------------------------------------


def test_size_levels_units_and_organisations(network: DemoNetwork) -> None:
    people = network.people
    assert len(people) >= 60
    assert sum(p.is_me for p in people) == 1
    me = network.me
    assert me.title.startswith("Head of") and me.level is None
    assert {p.level for p in people if not p.is_me} == set(Level)
    assert len(network.units) >= 8
    assert any(u.parent_id is not None for u in network.units)
    home = me.organisation_id
    outside = {p.organisation_id for p in people if p.organisation_id != home}
    assert len(outside) >= 3
    for person in people:
        assert (person.level is Level.EXTERNAL) == (person.organisation_id != home)
        assert person.title and person.emails
        assert person.interests and person.agenda and person.values
        assert person.offers and person.trades
    assert sum(bool(p.phones) for p in people) >= 5
    emails = [e for p in people for e in p.emails]
    assert len(emails) == len(set(emails))
    assert len({p.name for p in people}) == len(people)
    tags = Counter(t for p in people for t in p.tags)
    assert {"finance", "board", "mentor", "champion"} <= set(tags)
    assert {p.tier for p in people if not p.is_me} >= {"inner", "key", "network"}


def test_texts_read_differently(network: DemoNetwork) -> None:
    people = network.people
    for text in ("interests", "trades"):
        assert len({getattr(p, text) for p in people}) >= 0.8 * len(people)
    assert len({(p.agenda, p.values, p.offers) for p in people}) == len(people)


def test_reports_to_is_a_tree_with_one_top(network: DemoNetwork) -> None:
    boss: dict[int, int] = {}
    for tie in _of_kind(network, TieKind.REPORTS_TO):
        assert tie.source_id not in boss, "someone reports to two people"
        boss[tie.source_id] = tie.target_id
    in_chart = set(boss) | set(boss.values())
    tops = in_chart - set(boss)
    assert len(tops) == 1
    (top,) = tops
    for person in in_chart:
        seen = set()
        while person != top:
            assert person not in seen, "the chart has a cycle"
            seen.add(person)
            person = boss[person]
    home = network.me.organisation_id
    assert in_chart == {i for i, p in enumerate(network.people) if p.organisation_id == home}
    assert boss[_me(network)] in boss  # my manager has a manager: I am mid-level


def test_listens_to_goes_beyond_the_chart(network: DemoNetwork) -> None:
    chart = {(t.source_id, t.target_id) for t in _of_kind(network, TieKind.REPORTS_TO)}
    beyond = [
        t for t in _of_kind(network, TieKind.LISTENS_TO) if (t.source_id, t.target_id) not in chart
    ]
    assert len(beyond) >= 20
    people = network.people
    quiet = {t.target_id for t in beyond if not _is_senior(people[t.target_id].title)}
    assert len(quiet) >= 3
    listened_by_seniors = {
        t.target_id
        for t in beyond
        if _is_senior(people[t.source_id].title) and not _is_senior(people[t.target_id].title)
    }
    assert listened_by_seniors, "no senior listens to someone without a senior title"
    cross_unit = [t for t in beyond if people[t.source_id].unit_id != people[t.target_id].unit_id]
    assert len(cross_unit) >= 10
    for key in network.featured:
        assert not _is_senior(people[key].title)
        assert key in quiet
    assert _of_kind(network, TieKind.TRUSTS)
    assert _of_kind(network, TieKind.WORKS_WITH)
    assert _of_kind(network, TieKind.KNOWS)


def test_observations_follow_the_hidden_influence(network: DemoNetwork) -> None:
    listens = {(t.source_id, t.target_id) for t in _of_kind(network, TieKind.LISTENS_TO)}
    kinds = Counter(o.kind for o in network.observations)
    assert set(kinds) == set(ObservationKind)
    for observation in network.observations:
        assert observation.observed_on <= TODAY
        if observation.kind is not ObservationKind.OPPOSED:
            assert observation.listener_and_leader in listens


# -- history ----------------------------------------------------------------------------


def test_eighteen_months_of_interactions(network: DemoNetwork) -> None:
    interactions = network.interactions
    days = [i.occurred_on for i in interactions]
    assert max(days) <= TODAY
    assert (TODAY - min(days)).days >= 500
    quarters = Counter((TODAY - day).days // 91 for day in days)
    assert all(quarters[q] >= 20 for q in range(6))
    assert {i.kind for i in interactions} == set(InteractionKind)
    assert any(
        i.kind is InteractionKind.GROUP_MEETING and len(i.participant_ids) >= 4
        for i in interactions
    )
    me = _me(network)
    assert all(me not in i.participant_ids for i in interactions)
    assert {i.initiated_by_me for i in interactions} == {True, False}
    assert any(i.initiator_id is not None for i in interactions)
    tones = Counter(i.tone for i in interactions)
    assert set(tones) == {-2, -1, 0, 1, 2}
    assert tones[1] + tones[2] > 3 * (tones[-1] + tones[-2])
    last: dict[int, date] = {}
    for interaction in interactions:
        for person in interaction.participant_ids:
            last[person] = max(last.get(person, interaction.occurred_on), interaction.occurred_on)
    assert any((TODAY - day).days > 90 for day in last.values()), "nobody is cooling"


def test_favours_both_ways_with_imbalances(network: DemoNetwork) -> None:
    directions = {f.direction for f in network.favours}
    assert directions == set(FavourDirection)
    balance: dict[int, int] = defaultdict(int)
    for favour in network.favours:
        balance[favour.person_id] += favour.signed_value
        assert favour.occurred_on <= TODAY
    assert max(balance.values()) >= 9
    assert min(balance.values()) <= -9
    assert {f.size.value for f in network.favours} == {"small", "medium", "large"}


def test_promises_in_every_status_both_ways(network: DemoNetwork) -> None:
    promises = network.promises
    me = _me(network)
    assert {c.status for c in promises} == set(PromiseStatus)
    for status in PromiseStatus:
        of_status = [c for c in promises if c.status is status]
        assert any(c.promiser_id == me for c in of_status)
        assert any(c.promisee_id == me for c in of_status)
    open_ = [c for c in promises if c.status is PromiseStatus.OPEN]
    upcoming = [c for c in open_ if c.due_on and TODAY < c.due_on <= TODAY + timedelta(days=42)]
    assert len(upcoming) >= 4
    assert len([c for c in open_ if c.is_overdue(TODAY)]) >= 2
    for promise in promises:
        assert promise.made_on <= TODAY
        if promise.status is PromiseStatus.OPEN:
            assert promise.resolved_on is None
        else:
            assert promise.resolved_on is not None and promise.resolved_on <= TODAY
            assert promise.due_on is not None
            late = promise.resolved_on > promise.due_on
            if promise.status in (PromiseStatus.KEPT, PromiseStatus.RELEASED):
                assert not late
            if promise.status is PromiseStatus.LATE:
                assert late


def test_cadences_per_tier_tag_and_person(network: DemoNetwork) -> None:
    cadences = network.cadences
    assert {c.tier for c in cadences if c.tier} == {"inner", "key", "network"}
    assert len([c for c in cadences if c.tag]) >= 3
    assert len([c for c in cadences if c.person_id is not None]) >= 3


# -- plans ------------------------------------------------------------------------------


def test_campaign_with_supporters_opponents_and_undecided(network: DemoNetwork) -> None:
    (campaign,) = network.campaigns
    assert 3 <= len(campaign.decider_ids) <= 4
    assert campaign.decision_on is not None
    assert 45 <= (campaign.decision_on - TODAY).days <= 75
    assert all(i.low_label and i.high_label for i in campaign.issues)
    issue = campaign.issues[0]
    stances = [s for s in network.stances if s.issue_id == 0]
    history = Counter(s.person_id for s in stances)
    assert 15 <= len(history) <= 25
    assert max(history.values()) <= 3 and min(history.values()) >= 1
    assert any(count > 1 for count in history.values())
    assert set(campaign.decider_ids) <= set(history)
    current = {}
    for stance in sorted(stances, key=lambda s: s.recorded_on):
        assert stance.recorded_on <= TODAY
        current[stance.person_id] = stance.position
    distance = [abs(p - issue.desired_position) for p in current.values()]
    assert sum(d <= 15 for d in distance) >= 4, "too few supporters"
    assert sum(d >= 40 for d in distance) >= 3, "too few opponents"
    assert sum(15 < d < 40 for d in distance) >= 4, "too few undecided"
    assert {s.issue_id for s in network.stances} == set(range(len(network.issues)))


def test_alliance_has_every_part(network: DemoNetwork) -> None:
    (alliance,) = network.alliances
    assert alliance.status.value == "active"
    home = network.me.organisation_id
    partner_orgs = {p.organisation_id for p in alliance.partners if p.organisation_id is not None}
    assert home in partner_orgs and len(partner_orgs) == 2
    partner_people = [p.person_id for p in alliance.partners if p.person_id is not None]
    assert _me(network) in partner_people
    assert any(network.people[k].organisation_id != home for k in partner_people)
    assert len(alliance.common_goals) >= 2
    assert alliance.agreement.completeness == 1.0
    assert any(r.done_on for r in alliance.responsibilities)
    assert any(r.done_on is None for r in alliance.responsibilities)
    to_celebrate = [m for m in alliance.milestones if m.reached_on and not m.celebrated_on]
    assert len(to_celebrate) == 1
    assert any(m.celebrated_on for m in alliance.milestones)
    assert any(m.reached_on is None for m in alliance.milestones)
    statuses = Counter(c.status for c in alliance.conflicts)
    assert statuses == {ConflictStatus.OPEN: 1, ConflictStatus.RESOLVED: 1}


def test_goal_and_self_assessment(network: DemoNetwork) -> None:
    (goal,) = network.goals
    assert len(goal.needs) >= 3 and all(n.holder_id is not None for n in goal.needs)
    assert {n.kind.value for n in goal.needs} == {"decision", "resource"}
    (assessment,) = network.assessments
    assert len(assessment.answers) >= 10 and assessment.taken_on <= TODAY


# -- validity ---------------------------------------------------------------------------


def test_every_local_key_resolves(network: DemoNetwork) -> None:
    sizes = {
        "organisations": len(network.organisations),
        "units": len(network.units),
        "people": len(network.people),
        "issues": len(network.issues),
    }
    found = list(local_references(network))
    assert len(found) > 1000
    for item, field, space, key in found:
        assert 0 <= key < sizes[space], f"{type(item).__name__}.{field} -> {space} #{key}"
    for position, unit in enumerate(network.units):
        assert unit.parent_id is None or unit.parent_id < position


def _rebuild(item: object) -> None:
    """Construct ``item`` again from its fields, running its invariants once more."""
    assert is_dataclass(item) and not isinstance(item, type)
    values = {f.name: getattr(item, f.name) for f in fields(item)}
    for value in values.values():
        for child in value if isinstance(value, list) else [value]:
            if is_dataclass(child) and not isinstance(child, type):
                _rebuild(child)
    type(item)(**values)


def test_every_object_passes_its_invariants(network: DemoNetwork) -> None:
    for name in network.counts():
        for item in getattr(network, name):
            _rebuild(item)


# -- loading ----------------------------------------------------------------------------


def _store(tmp_path: Path) -> UnitOfWorkFactory:
    return open_store(f"sqlite:///{tmp_path / 'a.db'}")


def test_load_writes_everything_with_the_store_ids(network: DemoNetwork, tmp_path: Path) -> None:
    factory = _store(tmp_path)
    before = _fingerprint(network)
    summary = load_demo(factory("demo"), network)
    assert _fingerprint(network) == before, "loading changed the network"
    assert summary.counts == network.counts()
    assert summary.me == network.me.name
    assert summary.campaign == "Shared analytics platform"
    with factory("demo") as uow:
        for name, count in network.counts().items():
            assert getattr(uow, name).count() == count, name
        me = uow.people.me()
        assert me is not None and me.name == network.me.name
        names = {p.id: p.name for p in uow.people.list()}
        by_name = {p.name: i for i, p in enumerate(network.people)}
        stored_ties = {(names[t.source_id], names[t.target_id], t.kind) for t in uow.ties.list()}
        local_ties = {
            (network.people[t.source_id].name, network.people[t.target_id].name, t.kind)
            for t in network.ties
        }
        assert stored_ties == local_ties
        (campaign,) = uow.campaigns.list()
        issue_names = {i.id: i.name for i in campaign.issues}
        stored_stances = Counter(issue_names[s.issue_id] for s in uow.stances.list())
        local_stances = Counter(network.issues[s.issue_id].name for s in network.stances)
        assert stored_stances == local_stances
        assert sorted(by_name[names[d]] for d in campaign.decider_ids) == sorted(
            network.campaigns[0].decider_ids
        )
        (alliance,) = uow.alliances.list()
        assert names[alliance.partners[2].person_id or 0] == network.me.name
        units = {u.id: u for u in uow.units.list()}
        assert any(u.parent_id in units for u in units.values())
        assert uow.interactions.last_contact()


def test_load_refuses_a_workspace_that_has_people(network: DemoNetwork, tmp_path: Path) -> None:
    factory = _store(tmp_path)
    load_demo(factory("demo"), network)
    with pytest.raises(Conflict):
        load_demo(factory("demo"), network)
    with factory("demo") as uow:
        assert uow.people.count() == len(network.people)


def test_a_failure_midway_writes_nothing(tmp_path: Path) -> None:
    broken = build_demo(7, TODAY)
    broken.ties.append(Tie(0, len(broken.people) + 5, TieKind.LISTENS_TO))
    factory = _store(tmp_path)
    with pytest.raises(InvalidInput, match="people #"):
        load_demo(factory("demo"), broken)
    with factory("demo") as uow:
        assert uow.people.count() == 0
        assert uow.organisations.count() == 0
        assert uow.units.count() == 0
        assert uow.ties.count() == 0


# -- summary ----------------------------------------------------------------------------


def test_summary_lines_say_what_was_built_and_what_to_try(network: DemoNetwork) -> None:
    summary = DemoSummary(
        workspace="demo",
        counts=network.counts(),
        me=network.me.name,
        me_title=network.me.title,
        organisation="Harbourline Group",
        campaign="Shared analytics platform",
        decision_on=TODAY + timedelta(days=61),
        alliance="Last-mile data alliance",
        featured=[(network.people[k].name, network.people[k].title) for k in network.featured],
    )
    lines = demo_summary_lines(summary)
    text = "\n".join(lines)
    assert network.me.name in text and "Shared analytics platform" in text
    assert f"{len(network.people)} people" in text
    assert "allies -w demo person list --sort last-contact" in text
    assert f'allies -w demo person show "{summary.featured[0][0]}"' in text
    assert "allies -w demo tie list" in text and "allies -w demo promise list" in text
    assert all(len(line) <= 100 for line in lines)
