"""The column reads of ties and observations hold what the object reads hold, and the
influence graphs built from them are the same as those built from domain objects."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest

from allies.analysis.evidence import EvidenceWeights, listens_to_graph
from allies.analysis.graph import WeightedDigraph
from allies.domain import (
    Observation,
    ObservationColumns,
    ObservationKind,
    Person,
    Tie,
    TieColumns,
    TieKind,
    TieOrigin,
)
from allies.services.context import Lens
from allies.services.influence.graph import observed_evidence, stated_ties
from allies.services.influence.loading import load_influence_network
from allies.store import SqlUnitOfWorkFactory
from tests.integration.store.conftest import DAY

AS_OF = DAY + timedelta(days=200)


@pytest.fixture
def evidence(store: SqlUnitOfWorkFactory) -> SqlUnitOfWorkFactory:
    """Twenty people with seeded ties and observations of every kind and origin: windows
    open and closed, before and after the day, pairs restated, weights of 0 and 1,
    observations after the day and with and without a context. Another workspace holds
    evidence of its own, which must not show."""
    rng = random.Random(11)
    with store() as uow:
        ids = [uow.people.add(Person(name=f"P{i}")).id or 0 for i in range(20)]
        for n in range(300):
            a, b = rng.sample(ids if n % 10 else ids[:3], 2)  # a few pairs restated often
            start = DAY + timedelta(days=rng.randrange(-50, 400)) if rng.random() < 0.3 else None
            end = start + timedelta(days=rng.randrange(0, 90)) if start and n % 2 else None
            uow.ties.add(
                Tie(
                    a,
                    b,
                    rng.choice(list(TieKind)),
                    weight=rng.choice([0.0, 1.0, round(rng.random(), 3), rng.random()]),
                    confidence=rng.choice([1.0, rng.random()]),
                    origin=rng.choice(list(TieOrigin)),
                    valid_from=start,
                    valid_to=end,
                    note="a note the columns leave out",
                )
            )
        for n in range(150):
            a, b = rng.sample(ids, 2)
            uow.observations.add(
                Observation(
                    a,
                    b,
                    rng.choice(list(ObservationKind)),
                    DAY + timedelta(days=rng.randrange(-400, 260)),
                    strength=rng.random(),
                    context=rng.choice(["", "budget round", f"meeting {n}"]),
                )
            )
        uow.commit()
    with store("elsewhere") as uow:
        x, y = (uow.people.add(Person(name=name)).id or 0 for name in ("X", "Y"))
        uow.ties.add(Tie(x, y, TieKind.TRUSTS))
        uow.observations.add(Observation(x, y, ObservationKind.ENDORSED, DAY))
        uow.commit()
    return store


def test_columns_hold_what_list_reads_in_the_same_order(evidence: SqlUnitOfWorkFactory) -> None:
    with evidence() as uow:
        ties, seen = uow.ties.list(), uow.observations.list()
        tie_columns, seen_columns = uow.ties.columns(), uow.observations.columns()
    assert len(tie_columns) == len(ties) == 300 and len(seen_columns) == len(seen) == 150
    assert tie_columns == TieColumns.of(ties)
    assert seen_columns == ObservationColumns.of(seen)
    assert list(tie_columns.id) == sorted(tie_columns.id)
    for i in (0, 7, 299):
        again = tie_columns.tie(i)
        assert (again.id, again.kind, again.weight, again.valid_to) == (
            ties[i].id,
            ties[i].kind,
            ties[i].weight,
            ties[i].valid_to,
        )
    with evidence("nobody-here") as uow:
        assert uow.ties.columns() == TieColumns()
        assert uow.observations.columns() == ObservationColumns()
        assert len(uow.ties.columns()) == 0


def _same(ours: WeightedDigraph, theirs: WeightedDigraph) -> None:
    assert ours.ids == theirs.ids
    assert np.array_equal(ours.weights.toarray(), theirs.weights.toarray())


def test_the_graphs_from_columns_are_those_from_domain_objects(
    evidence: SqlUnitOfWorkFactory,
) -> None:
    network = load_influence_network(evidence(), lens=Lens(AS_OF))
    with evidence() as uow:
        people = sorted(p.id or 0 for p in uow.people.list())
        ties, seen = uow.ties.list(), uow.observations.list()
    weights = EvidenceWeights()
    for graph, explanation, used in (
        (network.graph, network.explanation, weights),
        (
            network.trust_graph,
            network.trust_explanation,
            replace(weights, works_with=0.0, knows=0.0),
        ),
    ):
        expected, why = listens_to_graph(
            stated_ties(ties), observed_evidence(seen), AS_OF, ids=people, weights=used
        )
        assert graph.n_edges > 20
        _same(graph, expected)
        assert dict(explanation.edges) == dict(why.edges)

    # The introduction graph: ties holding on the day, both ways, the strongest on a pair
    # (the first stored among equals).
    strongest: dict[tuple[int, int], Tie] = {}
    for tie in ties:
        if tie.weight > 0 and tie.is_valid_on(AS_OF):
            for pair in ((tie.source_id, tie.target_id), (tie.target_id, tie.source_id)):
                if pair not in strongest or tie.weight > strongest[pair].weight:
                    strongest[pair] = tie
    index = {person: i for i, person in enumerate(people)}
    matrix = np.zeros((len(people), len(people)))
    for (a, b), tie in strongest.items():
        matrix[index[a], index[b]] = tie.weight
    assert np.array_equal(network.introduction_graph.weights.toarray(), matrix)
    for (a, b), tie in strongest.items():
        found = network.tie_between(a, b)
        assert found is not None and (found.id, found.kind, found.weight) == (
            tie.id,
            tie.kind,
            tie.weight,
        )
    assert network.contexts == {o.id: o.context for o in seen if o.context}
