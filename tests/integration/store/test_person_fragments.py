"""The two fragments of a person's page read only what they show (issue 22): why a person
ranks where they do (the person looked up by id, the evidence combined for their own
edges) and what to trade with them (the people as columns, the listens-to graph kept)
are what the whole network read as objects gives, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from dataclasses import fields
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from allies.analysis.evidence import EvidenceWeights
from allies.config import Settings
from allies.domain import (
    Affiliation,
    Campaign,
    CampaignIssue,
    Observation,
    ObservationKind,
    Organisation,
    Person,
    Stance,
    Tie,
    TieKind,
    Unit,
)
from allies.services.campaigns.inputs import inputs_of
from allies.services.campaigns.read import CampaignRead, pick_campaign
from allies.services.campaigns.trades import TradeReport, campaign_trades, trades_in
from allies.services.context import Lens
from allies.services.influence import why as why_module
from allies.services.influence.graph import InfluenceNetwork
from allies.services.influence.why import PersonWhy, why, why_in
from allies.store import SqlUnitOfWorkFactory
from allies.store.network_reads import ONE_BY_ONE
from allies.web import create_app
from allies.web.pages.campaigns import plan as plan_pages

DAY = date(2025, 6, 30)
WORKSPACE = "seeded"
#: The parts of a person's page htmx loads.
FRAGMENTS = ("influence", "trades")


def _seed(store: SqlUnitOfWorkFactory, rng: random.Random) -> dict[str, int]:
    """People in units and organisations, ties of every kind (some no longer holding),
    observations with contexts (some after the day), and a campaign of two issues with
    stances (one of them an organisation's); the ids worth explaining."""
    with store(WORKSPACE) as uow:
        units = [uow.units.add(Unit(name=f"Unit {k}")) for k in range(4)]
        bodies = [uow.organisations.add(Organisation(name=f"Body {k}")) for k in range(3)]
        me = uow.people.add(Person("Me Myself", is_me=True, unit_id=units[0].id))
        people = [
            uow.people.add(
                Person(
                    f"Pérson {i} Ñame",
                    title=rng.choice(["", "Director", "Manager", "Analyst"]),
                    unit_id=rng.choice([None, *(u.id for u in units)]),
                    organisation_id=rng.choice([None, None, *(b.id for b in bodies)]),
                    values=rng.choice(["", "candour", "loyalty"]),
                    trades=rng.choice(["", "her team's time", "a quick read"]),
                    interests=rng.choice(["", "data", "budgets"]),
                )
            )
            for i in range(90)
        ]
        ids = [p.id or 0 for p in people]
        everyone = [me.id or 0, *ids]
        hub = ids[0]
        for _ in range(420):
            a, b = rng.sample(everyone, 2)
            if rng.random() < 0.2:
                b = hub if a != hub else b
            ended = DAY - timedelta(days=30) if rng.random() < 0.1 else None
            uow.ties.add(
                Tie(
                    a,
                    b,
                    rng.choice(list(TieKind)),
                    weight=round(rng.uniform(0.1, 1.0), 2),
                    confidence=round(rng.uniform(0.5, 1.0), 2),
                    valid_to=ended,
                )
            )
        for _ in range(500):
            a, b = rng.sample(everyone, 2)
            if rng.random() < 0.2:
                b = hub if a != hub else b
            uow.observations.add(
                Observation(
                    a,
                    b,
                    rng.choice(list(ObservationKind)),
                    DAY - timedelta(days=rng.randint(-10, 400)),
                    strength=round(rng.uniform(0.2, 1.0), 2),
                    context=rng.choice(["", "budget round", "steering group"]),
                )
            )
        for who in rng.sample(ids, 12):
            uow.affiliations.add(Affiliation(who, rng.choice(bodies).id or 0))
        campaign = uow.campaigns.add(
            Campaign(
                name="Budget",
                issues=[
                    CampaignIssue(name="Budget", desired_position=100.0),
                    CampaignIssue(name="Scope", desired_position=20.0),
                ],
                decider_ids=ids[:4],
                decision_on=DAY + timedelta(days=60),
            )
        )
        speaker = next(p for p in people if p.organisation_id is not None)
        for issue in campaign.issues:
            for who in rng.sample(everyone, 40):
                uow.stances.add(
                    Stance(
                        person_id=who,
                        issue_id=issue.id or 0,
                        position=float(rng.randint(0, 100)),
                        salience=round(rng.uniform(0.1, 1.0), 2),
                        recorded_on=DAY - timedelta(days=rng.randint(0, 200)),
                    )
                )
            uow.stances.add(
                Stance(
                    person_id=speaker.id or 0,
                    issue_id=issue.id or 0,
                    position=10.0,
                    salience=0.9,
                    recorded_on=DAY - timedelta(days=3),
                    organisation_id=speaker.organisation_id,
                )
            )
        uow.commit()
    return {"hub": hub, "me": me.id or 0, "quiet": ids[-1], "campaign": campaign.id or 0}


def _whole_network(store: SqlUnitOfWorkFactory, lens: Lens) -> InfluenceNetwork:
    """Every person as an object and every record, as the network was read before."""
    with store(WORKSPACE) as uow:
        return InfluenceNetwork(
            people={p.id or 0: p for p in uow.people.list()},
            ties=uow.ties.columns(),
            observations=uow.observations.columns(),
            as_of=lens.day,
            weights=EvidenceWeights(half_life_days=lens.half_life_days),
            units={u.id or 0: u.name for u in uow.units.list()},
        )


def _why_the_whole_way(
    store: SqlUnitOfWorkFactory, lens: Lens, reference: str, monkeypatch: pytest.MonkeyPatch
) -> PersonWhy:
    """:func:`why` with everyone looked through and the evidence of every edge combined."""
    with monkeypatch.context() as patch:
        patch.setattr(InfluenceNetwork, "around", lambda self, person_id: self)
        return why_in(_whole_network(store, lens), reference)


def _trades_the_whole_way(store: SqlUnitOfWorkFactory, lens: Lens, campaign: int) -> TradeReport:
    """:func:`campaign_trades` of the campaign read as every person and record."""
    network = _whole_network(store, lens)
    with store(WORKSPACE) as uow:
        chosen = pick_campaign(uow.campaigns.list(), f"#{campaign}")
        stances = {
            issue.id or 0: [
                s for s in uow.stances.for_issue(issue.id or 0) if s.recorded_on <= lens.day
            ]
            for issue in chosen.issues
        }
        members: dict[int, set[int]] = {}
        for person in uow.people.list():
            if person.organisation_id is not None:
                members.setdefault(person.organisation_id, set()).add(person.id or 0)
        for affiliation in uow.affiliations.list():
            if affiliation.current_on(lens.day):
                members.setdefault(affiliation.organisation_id, set()).add(affiliation.person_id)
    read = CampaignRead(
        campaign=chosen,
        network=network,
        stances=stances,
        as_of=lens.day,
        members={k: frozenset(v) for k, v in members.items()},
    )
    return trades_in(inputs_of(read))


def test_why_a_person_ranks_is_that_of_the_whole_network(
    store: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _seed(store, random.Random(22))
    for lens in (Lens(DAY), Lens(DAY - timedelta(days=90), half_life_days=60)):
        for reference in (f"#{ids['hub']}", f"#{ids['quiet']}", str(ids["me"]), "me"):
            whole = _why_the_whole_way(store, lens, reference, monkeypatch)
            assert why(store(WORKSPACE), reference, lens=lens) == whole  # the graph worked out
            assert why(store(WORKSPACE), reference, lens=lens) == whole  # the graph kept
    hub = why(store(WORKSPACE), f"#{ids['hub']}", lens=Lens(DAY))
    assert len(hub.listeners) > 10 and hub.skipped  # the case is not a trivial one


def test_what_to_trade_is_that_of_the_whole_network(store: SqlUnitOfWorkFactory) -> None:
    ids = _seed(store, random.Random(7))
    for lens in (Lens(DAY), Lens(DAY - timedelta(days=30))):
        whole = _trades_the_whole_way(store, lens, ids["campaign"])
        assert campaign_trades(store(WORKSPACE), f"#{ids['campaign']}", lens=lens) == whole
        assert campaign_trades(store(WORKSPACE), "Budget", lens=lens) == whole  # graph kept
        assert any(t.has_trade for t in whole.trades) and len(whole.trades) > ONE_BY_ONE


def _values(person: Person) -> dict[str, object]:
    """A person's fields (people compare by identity)."""
    return {f.name: getattr(person, f.name) for f in fields(person)}


def test_the_people_table_makes_each_person_as_the_repository_does(
    store: SqlUnitOfWorkFactory,
) -> None:
    _seed(store, random.Random(3))
    with store(WORKSPACE) as uow:
        people = {p.id or 0: _values(p) for p in uow.people.list()}
        one_by_one, together, at_once = (uow.network_reads.people() for _ in range(3))
    ids = sorted(people)
    for pid in ids:  # a few rows one at a time, then every row at once
        assert _values(one_by_one[pid]) == people[pid]
    assert [_values(p) for p in together.several(ids[5:40])] == [people[i] for i in ids[5:40]]
    assert [_values(together[i]) for i in ids] == [people[i] for i in ids]
    assert [_values(p) for p in at_once.values()] == [people[i] for i in ids]
    assert list(at_once.organisation_ids) == [people[i]["organisation_id"] for i in ids]
    assert at_once.several([ids[3]])[0] is at_once[ids[3]]  # made once
    with pytest.raises(KeyError):
        at_once.several([ids[0], max(ids) + 1])


def test_the_fragments_of_a_person_page_are_those_of_the_whole_network(
    store: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _seed(store, random.Random(11))
    url = store.engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, workspace=WORKSPACE)
    report = campaign_trades(store(WORKSPACE), f"#{ids['campaign']}", lens=settings.lens)
    trading = next(t.person_id for t in report.trades if t.has_trade)
    people = (ids["hub"], ids["quiet"], trading)
    paths = [f"/people/{pid}/{part}" for pid in people for part in FRAGMENTS]

    def answers() -> list[str]:
        with TestClient(create_app(settings), follow_redirects=False) as client:
            found = [client.get(path, headers={"HX-Request": "true"}) for path in paths]
        assert all(answer.status_code == 200 for answer in found)
        return [answer.text for answer in found]

    shown = answers()
    with monkeypatch.context() as patch:  # the page as it was: the whole network read
        patch.setattr(InfluenceNetwork, "around", lambda self, person_id: self)
        patch.setattr(
            why_module, "load_influence_network", lambda uow, lens: _whole_network(store, lens)
        )
        patch.setattr(
            plan_pages,
            "campaign_trades",
            lambda uow, reference, lens: _trades_the_whole_way(store, lens, ids["campaign"]),
        )
        assert answers() == shown
    assert "listened-to" in shown[0] and "Give ground" in shown[-1]
