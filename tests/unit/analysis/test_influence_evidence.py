"""Listens-to weights from stated ties and observations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from allies.analysis.evidence import (
    EvidenceWeights,
    ObservedEvidence,
    StatedTie,
    explain_person,
    listens_to_graph,
)
from allies.analysis.influence import influence_rank

TODAY = date(2025, 6, 30)


def seen(
    source: int,
    target: int,
    kind: str,
    days_ago: int = 0,
    strength: float = 1.0,
    ref: int | None = None,
) -> ObservedEvidence:
    when = TODAY - timedelta(days=days_ago)
    return ObservedEvidence(None, source, target, kind, when, strength, ref)  # type: ignore[arg-type]


def test_half_life_halves_an_observation_at_182_days() -> None:
    fresh, _ = listens_to_graph([], [seen(1, 2, "deferred_to")], TODAY)
    old, why = listens_to_graph([], [seen(1, 2, "deferred_to", days_ago=182)], TODAY)
    older, _ = listens_to_graph([], [seen(1, 2, "deferred_to", days_ago=364)], TODAY)
    assert fresh.weight(1, 2) == pytest.approx(0.6)
    assert old.weight(1, 2) == pytest.approx(0.3)
    assert older.weight(1, 2) == pytest.approx(0.15)
    (c,) = why.edge(1, 2).contributions  # type: ignore[union-attr]
    assert c.age_days == 182 and c.decay == pytest.approx(0.5)
    quick = EvidenceWeights(half_life_days=30)
    faster, _ = listens_to_graph([], [seen(1, 2, "deferred_to", days_ago=30)], TODAY, weights=quick)
    assert faster.weight(1, 2) == pytest.approx(0.3)


@pytest.mark.parametrize(
    ("kind", "listener", "leader"),
    [
        ("deferred_to", 1, 2),
        ("eyes_went_to", 1, 2),
        ("sought_advice_from", 1, 2),
        ("endorsed", 1, 2),
        ("has_ear_of", 2, 1),  # 1 has the ear of 2: 2 listens to 1
    ],
)
def test_observation_directions(kind: str, listener: int, leader: int) -> None:
    g, why = listens_to_graph([], [seen(1, 2, kind)], TODAY)
    assert g.weight(listener, leader) > 0
    assert g.weight(leader, listener) == 0
    assert why.edge(listener, leader) is not None


def test_endorsement_is_weaker_than_deference() -> None:
    g, _ = listens_to_graph([], [seen(1, 2, "endorsed"), seen(3, 2, "deferred_to")], TODAY)
    assert 0 < g.weight(1, 2) < g.weight(3, 2)


def test_opposition_discounts_and_never_creates_an_edge() -> None:
    only, why = listens_to_graph([], [seen(1, 2, "opposed")], TODAY)
    assert only.n_edges == 0
    assert why.edge(1, 2).weight == 0.0  # type: ignore[union-attr]
    mixed, why = listens_to_graph(
        [StatedTie(1, 2, 0.8, 1.0, "listens_to")], [seen(1, 2, "opposed")], TODAY
    )
    assert mixed.weight(1, 2) == pytest.approx(0.8 * (1 - 0.3))
    edge = why.edge(1, 2)
    assert edge is not None and edge.discount == pytest.approx(0.7)
    assert [c.effect for c in edge.contributions] == ["adds", "discounts"]


@pytest.mark.parametrize(
    ("kind", "factor"),
    [
        ("listens_to", 1.0),
        ("trusts", 0.5),
        ("reports_to", 0.6),
        ("works_with", 0.2),
        ("knows", 0.05),
    ],
)
def test_tie_kinds_and_their_factors(kind: str, factor: float) -> None:
    g, _ = listens_to_graph([StatedTie(1, 2, 0.5, 0.8, kind)], [], TODAY)  # type: ignore[arg-type]
    assert g.weight(1, 2) == pytest.approx(factor * 0.5 * 0.8)
    mutual = kind in ("works_with", "knows")
    assert g.weight(2, 1) == (pytest.approx(factor * 0.4) if mutual else 0.0)


def test_report_listens_to_the_boss() -> None:
    g, _ = listens_to_graph([StatedTie(5, 9, kind="reports_to")], [], TODAY)
    assert g.weight(5, 9) == pytest.approx(0.6) and g.weight(9, 5) == 0


def test_factors_can_be_overridden() -> None:
    weights = EvidenceWeights(trusts=0.9, mutual_tie_kinds=frozenset())
    tie = StatedTie(1, 2, kind="trusts")
    g, _ = listens_to_graph([tie, StatedTie(3, 4, kind="knows")], [], TODAY, weights=weights)
    assert g.weight(1, 2) == pytest.approx(0.9)
    assert g.weight(4, 3) == 0.0
    with pytest.raises(ValueError, match="between 0 and 1"):
        EvidenceWeights(trusts=2.0)
    with pytest.raises(ValueError, match="unknown tie kinds"):
        EvidenceWeights(mutual_tie_kinds=frozenset({"likes"}))


def test_evidence_saturates_and_restated_ties_count_once() -> None:
    ties = [StatedTie(1, 2, 0.5), StatedTie(1, 2, 0.3), StatedTie(1, 2, 0.5, kind="trusts")]
    observations = [seen(1, 2, "deferred_to"), seen(1, 2, "deferred_to", days_ago=182)]
    g, why = listens_to_graph(ties, observations, TODAY)
    expected = 1 - (1 - 0.5) * (1 - 0.25) * (1 - 0.6) * (1 - 0.3)
    assert g.weight(1, 2) == pytest.approx(expected)
    assert 0 < g.weight(1, 2) < 1
    edge = why.edge(1, 2)
    assert edge is not None
    assert len(edge.contributions) == 5
    superseded = [c for c in edge.contributions if not c.counted]
    assert len(superseded) == 1 and superseded[0].evidence == ties[1]
    weights = [c.weight for c in edge.contributions if c.counted]
    assert weights == sorted(weights, reverse=True)
    many, _ = listens_to_graph([], [seen(1, 2, "deferred_to")] * 50, TODAY)
    assert many.weight(1, 2) <= 1.0


def test_validity_window_and_future_observations_are_skipped() -> None:
    ties = [
        StatedTie(1, 2, valid_to=TODAY - timedelta(days=1)),
        StatedTie(1, 3, valid_from=TODAY + timedelta(days=1)),
        StatedTie(1, 4, valid_from=TODAY, valid_to=TODAY),
    ]
    g, why = listens_to_graph(ties, [seen(1, 5, "deferred_to", days_ago=-3)], TODAY)
    assert [(s, t) for s, t, _ in g.edges()] == [(1, 4)]
    reasons = sorted(s.reason for s in why.skipped)
    assert len(reasons) == 3
    assert any("after" in r for r in reasons)


def test_ids_fix_the_order_and_unknown_people_are_refused() -> None:
    g, _ = listens_to_graph([StatedTie(1, 2)], [], TODAY, ids=[3, 2, 1])
    assert g.ids == (3, 2, 1)
    with pytest.raises(ValueError, match="not in ids"):
        listens_to_graph([StatedTie(1, 2)], [], TODAY, ids=[1])
    g, _ = listens_to_graph([StatedTie(7, 2)], [seen(4, 9, "endorsed")], TODAY)
    assert g.ids == (2, 4, 7, 9)


def test_records_validate_themselves() -> None:
    with pytest.raises(ValueError, match="unknown tie kind"):
        StatedTie(1, 2, kind="likes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="two different people"):
        StatedTie(1, 1)
    with pytest.raises(ValueError, match="between 0 and 1"):
        StatedTie(1, 2, weight=1.5)
    with pytest.raises(ValueError, match="unknown observation kind"):
        seen(1, 2, "ignored")
    with pytest.raises(ValueError, match="between 0 and 1"):
        seen(1, 2, "endorsed", strength=-0.1)


def test_explain_person_ranks_what_put_them_there() -> None:
    ties = [
        StatedTie(1, 9, 0.9, 1.0, "listens_to", ref=101),
        StatedTie(2, 9, 0.5, 1.0, "trusts", ref=102),
        StatedTie(3, 9, 1.0, 1.0, "knows", ref=103),
        StatedTie(9, 4, 1.0, 1.0, "listens_to", ref=104),
    ]
    observations = [
        seen(1, 9, "deferred_to", days_ago=10, ref=201),
        seen(9, 2, "has_ear_of", days_ago=400, ref=202),  # 9 has the ear of 2
    ]
    g, why = listens_to_graph(ties, observations, TODAY)
    person = explain_person(g, why, 9)
    assert [x.listener for x in person.listeners] == [1, 2, 3]
    assert person.in_strength == pytest.approx(sum(x.weight for x in person.listeners))
    refs = [c.evidence.ref for c in person.contributions]
    assert refs[:2] == [101, 201]
    assert set(refs) == {101, 102, 103, 201, 202}  # 104 is 9 listening, not listened to
    assert person.rank is None and person.listeners[0].rank_share is None
    first = person.contributions[0]
    assert (first.listener, first.leader, first.age_days) == (1, 9, None)

    rank = influence_rank(g)
    ranked = explain_person(g, why, 9, rank=rank)
    assert ranked.rank == pytest.approx(rank[g.index_of(9)])
    shares = [x.rank_share for x in ranked.listeners]
    assert all(s is not None and s > 0 for s in shares)
    assert shares == sorted(shares, reverse=True)  # type: ignore[type-var]
    assert ranked.base_share is not None and ranked.base_share > 0
    with pytest.raises(KeyError):
        explain_person(g, why, 77)


def test_shares_of_attention_add_up_to_the_rank_and_leave_a_positive_base() -> None:
    """With weights read as shares of attention (the app's rank), a listener who listens
    faintly passes on only that share; the explanation's shares and base add up to the
    rank, and the base is the jump plus the attention spent on no one in particular."""
    ties = [
        StatedTie(1, 9, 0.3, 1.0, "listens_to", ref=1),  # 1 listens faintly, to 9 alone
        StatedTie(2, 9, 0.4, 1.0, "listens_to", ref=2),
        StatedTie(2, 4, 0.4, 1.0, "listens_to", ref=3),
        StatedTie(9, 4, 1.0, 1.0, "listens_to", ref=4),
        StatedTie(4, 1, 1.0, 1.0, "listens_to", ref=5),
    ]
    g, why = listens_to_graph(ties, [], TODAY)
    damping = 0.85
    rank = influence_rank(g, damping, attention="keep")
    person = explain_person(g, why, 9, rank=rank, damping=damping, attention="keep")
    share = {x.listener: x.rank_share for x in person.listeners}
    assert share[1] == pytest.approx(damping * rank[g.index_of(1)] * 0.3)  # not ÷ 0.3
    assert share[2] == pytest.approx(damping * rank[g.index_of(2)] * 0.4)
    unspent = sum(rank[g.index_of(p)] * max(0.0, 1.0 - out) for p, out in [(1, 0.3), (2, 0.8)])
    assert person.base_share == pytest.approx(((1 - damping) + damping * unspent) / g.n)
    assert person.base_share is not None and person.base_share > 0
    assert person.base_share + sum(share.values()) == pytest.approx(rank[g.index_of(9)])
