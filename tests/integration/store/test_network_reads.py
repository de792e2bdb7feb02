"""The network's stamp and the people as columns (issue 22), and the analyses kept under
the stamp: worked out in the background once per change of the network, read back
without reading the ties, shown with their date while a newer state is worked out.

Every test runs on SQLite and on PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import numpy as np

from allies.background.scheduler import run_tick
from allies.background.tasks import get
from allies.config import Settings
from allies.domain import Interaction, Observation, ObservationKind, Person, Tie, TieKind
from allies.services.context import Lens
from allies.services.influence import groups, ranking
from allies.services.influence.kept import kept_betweenness, refresh
from allies.services.influence.loading import load_influence_network
from allies.store import SqlUnitOfWorkFactory

LENS = Lens(as_of=date(2026, 3, 2))
NAMES = ["Ann", "Bo", "Cy", "Di", "Eve", "Fay", "Gus", "Hal"]


def _build(store: SqlUnitOfWorkFactory) -> dict[str, int]:
    with store("w") as uow:
        ids = {
            name: uow.people.add(Person(name=name, title=f"{name}'s job")).id or 0 for name in NAMES
        }
        for a, b in [("Ann", "Bo"), ("Bo", "Cy"), ("Cy", "Ann"), ("Di", "Eve"), ("Eve", "Fay")]:
            uow.ties.add(Tie(ids[a], ids[b], TieKind.TRUSTS, weight=0.8))
        uow.ties.add(Tie(ids["Cy"], ids["Di"], TieKind.REPORTS_TO, weight=0.3))
        uow.observations.add(
            Observation(ids["Gus"], ids["Ann"], ObservationKind.DEFERRED_TO, date(2026, 2, 1))
        )
        uow.commit()
    return ids


def _stamp(store: SqlUnitOfWorkFactory) -> str:
    with store("w") as uow:
        return uow.network_reads.stamp()


def test_the_stamp_follows_people_ties_and_observations_only(store: SqlUnitOfWorkFactory) -> None:
    ids = _build(store)
    first = _stamp(store)
    assert _stamp(store) == first  # nothing changed
    with store("w") as uow:  # an interaction is not what the analyses read
        uow.interactions.add(Interaction(occurred_on=date(2026, 3, 1), participant_ids=[ids["Bo"]]))
        uow.commit()
    assert _stamp(store) == first
    seen = {first}
    with store("w") as uow:  # a tie's weight changed
        tie = uow.ties.involving(ids["Ann"])[0]
        tie.weight = 0.5
        uow.ties.save(tie)
        uow.commit()
    seen.add(_stamp(store))
    with store("w") as uow:  # a tie's kind changed
        tie = uow.ties.involving(ids["Ann"])[0]
        tie.kind = TieKind.LISTENS_TO
        uow.ties.save(tie)
        uow.commit()
    seen.add(_stamp(store))
    with store("w") as uow:  # a tie's end set
        tie = uow.ties.involving(ids["Ann"])[0]
        tie.valid_to = date(2026, 1, 1)
        uow.ties.save(tie)
        uow.commit()
    seen.add(_stamp(store))
    with store("w") as uow:  # an observation's day moved
        seen_one = uow.observations.involving(ids["Gus"])[0]
        seen_one.observed_on = date(2026, 2, 2)
        uow.observations.save(seen_one)
        uow.commit()
    seen.add(_stamp(store))
    with store("w") as uow:  # someone new
        uow.people.add(Person(name="Ivy"))
        uow.commit()
    seen.add(_stamp(store))
    with store("w") as uow:  # a tie removed
        uow.ties.remove(uow.ties.involving(ids["Eve"])[0].id or 0)
        uow.commit()
    seen.add(_stamp(store))
    assert len(seen) == 7  # each change a new stamp
    with store("other") as uow:  # another workspace has its own
        assert uow.network_reads.stamp() != _stamp(store)


def test_the_people_as_columns_give_the_people_the_repository_gives(
    store: SqlUnitOfWorkFactory,
) -> None:
    _build(store)
    with store("w") as uow:
        table = uow.network_reads.people()
        listed = uow.people.list()
    assert list(table.ids) == [p.id for p in listed]
    assert list(table.names) == [p.name for p in listed]
    assert list(table.titles) == [p.title for p in listed]
    assert len(table) == len(listed) and listed[0].id in table and -1 not in table
    for person in listed:
        made = table[person.id or 0]
        assert (made.name, made.title, made.unit_id, made.is_me, made.emails) == (
            person.name,
            person.title,
            person.unit_id,
            person.is_me,
            person.emails,
        )


def test_a_kept_network_is_read_back_without_its_ties(store: SqlUnitOfWorkFactory) -> None:
    ids = _build(store)
    fresh = ranking.influencers(store("w"), top=None, lens=LENS)  # computes and keeps
    network = load_influence_network(store("w"), LENS)
    assert network.stamp is not None
    again = ranking.influencers_in(network, top=None)
    assert again == fresh
    assert network._ties is None  # the kept graph and totals sufficed
    assert (
        network.reports_under is not None and network.reports_under[network.index(ids["Di"])] == 1
    )
    assert network.ties.source_id  # read on demand, still there
    assert network._ties is not None


def test_the_background_work_computes_once_per_change_of_the_network(
    store: SqlUnitOfWorkFactory,
) -> None:
    ids = _build(store)
    network = load_influence_network(store("w"), LENS)
    assert groups.kept_brokers_in(network) is None  # nothing worked out yet
    done = refresh(store("w"), LENS)
    assert sorted(done) == ["betweenness", "brokerage", "communities", "layout", "map"]
    assert refresh(store("w"), LENS) == []  # unchanged network: nothing to do

    network = load_influence_network(store("w"), LENS)
    kept = groups.kept_brokers_in(network, top=None)
    assert kept is not None and kept.current and kept.computed_at is not None
    now = groups.brokers_in(network, top=None)
    assert kept.brokers == now.brokers  # the same numbers as worked out now

    with store("w") as uow:  # a change: the kept results are of an earlier network
        uow.people.add(Person(name="Ivy"))
        uow.ties.add(Tie(ids["Hal"], ids["Ann"], TieKind.TRUSTS, weight=0.9))
        uow.commit()
    changed = load_influence_network(store("w"), LENS)
    stale = groups.kept_brokers_in(changed, top=None)
    assert stale is not None and not stale.current
    assert stale.computed_at == kept.computed_at
    assert {b.name for b in stale.brokers} == set(NAMES) | {"Ivy"}
    ivy = next(b for b in stale.brokers if b.name == "Ivy")
    assert ivy.betweenness == 0.0  # unknown when they were worked out
    # the communities (quick) were worked out for the view; the slow ones are left
    assert sorted(refresh(store("w"), LENS)) == ["betweenness", "brokerage", "layout", "map"]
    now = groups.kept_brokers_in(load_influence_network(store("w"), LENS), top=None)
    assert now is not None and now.current
    found = kept_betweenness(
        load_influence_network(store("w"), LENS), k=None, exact_up_to=2000, seed=0
    )
    assert found is not None and found.current
    assert np.all(np.isfinite(found.value.values))


def test_the_periodic_task_works_out_every_workspace(store: SqlUnitOfWorkFactory) -> None:
    _build(store)
    url = store.engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, workspace="w")
    task = get("analyses")
    assert task.every.total_seconds() == 60
    assert run_tick(settings, task) >= 1
    network = load_influence_network(store("w"), settings.lens)
    kept = groups.kept_brokers_in(network)
    assert kept is not None and kept.current
    assert refresh(store("w"), settings.lens) == []


def test_the_keys_are_the_same_in_every_process() -> None:
    """A key must not follow the process's string hashing (the weights hold a set)."""
    code = (
        "from datetime import date; from allies.analysis.evidence import EvidenceWeights; "
        "from allies.services.influence.cache import stamp_key; "
        "print(stamp_key('s', analysis='a', as_of=date(2026, 3, 2), weights=EvidenceWeights()))"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1
