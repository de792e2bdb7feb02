"""Betweenness, communities and the map layout are computed once per state of the network
and read back after; a new tie or observation computes them anew."""

from __future__ import annotations

from datetime import date

import numpy as np
from sqlalchemy import select

from allies.domain import Observation, ObservationKind, Person, Tie, TieKind
from allies.services.context import Lens
from allies.services.influence import groups
from allies.services.influence.layout import map_layout, map_layout_in
from allies.services.influence.loading import load_influence_network
from allies.services.ports import UnitOfWorkFactory
from allies.store import tables as t
from allies.store.uow import SqlUnitOfWorkFactory

LENS = Lens(as_of=date(2026, 3, 2))
NAMES = ["Ann", "Bo", "Cy", "Di", "Eve", "Fay", "Gus", "Hal"]


def _build(factory: UnitOfWorkFactory) -> dict[str, int]:
    with factory("w") as uow:
        ids = {name: uow.people.add(Person(name=name)).id or 0 for name in NAMES}
        for a, b in [("Ann", "Bo"), ("Bo", "Cy"), ("Cy", "Ann"), ("Di", "Eve"), ("Eve", "Fay")]:
            uow.ties.add(Tie(ids[a], ids[b], TieKind.TRUSTS, weight=0.8))
        uow.ties.add(Tie(ids["Cy"], ids["Di"], TieKind.KNOWS, weight=0.3))
        uow.commit()
    return ids


def _stored(factory: SqlUnitOfWorkFactory) -> list[tuple[str, str]]:
    c = t.analysis_cache.c
    with factory.engine.connect() as conn:
        return [(row.kind, row.key) for row in conn.execute(select(c.kind, c.key))]


def test_analyses_are_stored_once_and_follow_the_network(factory: SqlUnitOfWorkFactory) -> None:
    ids = _build(factory)
    first = groups.brokers(factory("w"), top=None, lens=LENS)
    found = groups.communities(factory("w"), lens=LENS)
    stored = _stored(factory)
    kinds = ["betweenness", "brokerage", "communities", "listens_to"]
    assert sorted(kind for kind, _ in stored) == kinds
    again = groups.brokers(factory("w"), top=None, lens=LENS)
    assert again == first
    assert groups.communities(factory("w"), lens=LENS) == found
    assert _stored(factory) == stored  # read back, nothing computed or stored anew

    with factory("w") as uow:  # a new observation changes the graph, hence the key
        uow.observations.add(
            Observation(ids["Hal"], ids["Ann"], ObservationKind.DEFERRED_TO, date(2026, 3, 1))
        )
        uow.commit()
    changed = groups.brokers(factory("w"), top=None, lens=LENS)
    assert len(_stored(factory)) == 8  # each of the four anew, beside the old
    hal = next(b for b in changed.brokers if b.name == "Hal")
    assert hal.contacts == 1
    assert next(b for b in first.brokers if b.name == "Hal").contacts == 0


def test_map_layout_is_deterministic_stored_and_in_the_unit_square(
    factory: SqlUnitOfWorkFactory,
) -> None:
    ids = _build(factory)
    layout = map_layout(factory("w"), LENS, seed=3)
    assert set(layout) == set(ids.values())
    xy = np.array(list(layout.values()))
    assert ((xy >= 0) & (xy <= 1)).all()
    assert [kind for kind, _ in _stored(factory)] == ["layout"]
    assert map_layout(factory("w"), LENS, seed=3) == layout
    network = load_influence_network(factory("w"), LENS)
    assert map_layout_in(network, seed=3) == layout  # the same graph, so the stored layout
    assert len(_stored(factory)) == 1

    with factory("w") as uow:  # the cache cleared: the same seed lays the map out alike
        uow.analysis_cache.clear()
        uow.commit()
    assert map_layout(factory("w"), LENS, seed=3) == layout
    assert map_layout(factory("w"), LENS, seed=4) != layout

    with factory("w") as uow:
        uow.ties.add(Tie(ids["Gus"], ids["Hal"], TieKind.WORKS_WITH, weight=0.9))
        uow.commit()
    moved = map_layout(factory("w"), LENS, seed=3)
    assert len(_stored(factory)) == 3  # seeds 3 and 4, and seed 3 on the new ties
    ann, cy = np.array(moved[ids["Ann"]]), np.array(moved[ids["Cy"]])
    gus, hal = np.array(moved[ids["Gus"]]), np.array(moved[ids["Hal"]])
    assert np.linalg.norm(gus - hal) < 0.5  # tied people are drawn together
    assert np.linalg.norm(ann - cy) < 0.5
