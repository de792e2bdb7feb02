"""The deciders' ear reads listens-to weights as the influence rank does (issue 19).

The rank reads a weight as a share of attention (``ATTENTION = "keep"``); the influencer
ranking by the deciders' ear used to rescale each decider's weights to sum to one, so a
decider who listens faintly (0.1) to one person gave that person her whole ear, as much
as another decider's strong (0.9) listening gave someone else.
"""

from __future__ import annotations

import numpy as np
import pytest

from allies.analysis.influence import deciders_ear
from allies.domain import Person, Tie, TieKind
from allies.services.context import Lens
from allies.services.influence import ranking as influence
from allies.services.influence.graph import ATTENTION, DAMPING
from allies.services.influence.loading import load_influence_network
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store
from tests.integration.services.influence.test_influence import DAY


@pytest.fixture
def factory(sqlite_store_url: str) -> UnitOfWorkFactory:
    return open_store(sqlite_store_url)


def test_a_faint_tie_is_a_faint_share_of_the_ear(factory: UnitOfWorkFactory) -> None:
    with factory("t") as uow:
        ids = {n: uow.people.add(Person(n)).id or 0 for n in ("Ada", "Ben", "Faint", "Strong")}
        uow.ties.add(Tie(ids["Ada"], ids["Faint"], TieKind.LISTENS_TO, 0.1))
        uow.ties.add(Tie(ids["Ben"], ids["Strong"], TieKind.LISTENS_TO, 0.9))
        uow.commit()
    ranking = influence.influencers(factory("t"), deciders=["Ada", "Ben"], lens=Lens(DAY))
    ear = {x.name: x.ear or 0.0 for x in ranking.influencers}
    assert ranking.influencers[0].name == "Strong"
    assert ear["Strong"] == pytest.approx(9 * ear["Faint"])  # 0.9 against 0.1, not equal
    assert "shares of attention" in ranking.formula
    network = load_influence_network(factory("t"), Lens(DAY))
    kept = deciders_ear(
        network.graph,
        [network.index(ids["Ada"]), network.index(ids["Ben"])],
        DAMPING,
        attention=ATTENTION,
    )
    for x in ranking.influencers:
        i = network.index(x.id)
        assert x.ear == pytest.approx(kept.direct[i] + kept.indirect[i])
    assert np.abs(kept.seed + kept.direct + kept.indirect - kept.score).max() < 1e-9
