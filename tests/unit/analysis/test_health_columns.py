"""Evidence kept as columns gives the evidence and the batch of relationship by relationship."""

from __future__ import annotations

import numpy as np
import pytest

from allies.analysis.health import HealthParams, health_at
from allies.analysis.health_batch import EvidenceBatch, scores_at
from allies.analysis.health_columns import Ledger, RelationshipColumns
from allies.analysis.health_parts import Evidence
from tests.unit.analysis.test_health_batch import _random_evidence


def _columns(owners: list[int], evidences: list[Evidence]) -> RelationshipColumns:
    """The columns of these relationships, shuffled (the ledgers sort them again)."""
    rng = np.random.default_rng(0)

    def ledger(parts: list[tuple[int, list[np.ndarray]]], stable: bool = False) -> Ledger:
        owner = np.concatenate([np.full(len(cols[0]), o) for o, cols in parts])
        columns = [np.concatenate([cols[k] for _, cols in parts]) for k in range(len(parts[0][1]))]
        order = np.arange(owner.size) if stable else rng.permutation(owner.size)
        return Ledger.build(owner[order], [c[order] for c in columns], stable=stable)

    pairs = list(zip(owners, evidences, strict=True))
    return RelationshipColumns(
        contacts=ledger([(o, [e.interaction_days, e.tones]) for o, e in pairs]),
        favours=ledger([(o, [e.favour_days, e.favour_values]) for o, e in pairs]),
        promises=ledger(
            [
                (
                    o,
                    [
                        e.promise_made,
                        e.promise_due,
                        e.promise_resolved,
                        e.promise_credit,
                        e.promise_mine.astype(float),
                    ],
                )
                for o, e in pairs
            ],
            stable=True,
        ),
    )


@pytest.mark.parametrize("seed", [4, 5])
def test_a_batch_from_columns_scores_like_one_by_one(seed: int) -> None:
    rng = np.random.default_rng(seed)
    day = 740_000
    evidences = [_random_evidence(rng, day) for _ in range(40)] + [Evidence.build()]
    owners = [int(x) for x in rng.choice(100_000, len(evidences), replace=False)]
    columns = _columns(owners, evidences)
    chosen = [*owners[::2], 999_999]  # in another order, with someone without evidence
    evidence_of = dict(zip(owners, evidences, strict=True))
    ideal = rng.integers(7, 120, len(chosen)).astype(float)
    longest = ideal * 2
    batch = columns.batch(chosen)
    for as_of in (day - 60, day):
        found = scores_at(batch, as_of, ideal_gaps=ideal, max_gaps=longest)
        for i, owner in enumerate(chosen):
            one = columns.evidence(owner)
            expected = health_at(
                evidence_of.get(owner, Evidence.build()),
                as_of,
                ideal_gap=ideal[i],
                max_gap=longest[i],
                params=HealthParams(),
            )
            again = health_at(one, as_of, ideal_gap=ideal[i], max_gap=longest[i])
            if expected.score is None:  # not enough evidence: no score either way
                assert np.isnan(found.scores[i]) and again.score is None
                continue
            assert found.scores[i] == pytest.approx(expected.score, abs=1e-9)
            assert again.score == pytest.approx(expected.score, abs=1e-9)


def test_one_relationships_evidence_is_its_entries_in_order() -> None:
    evidence = Evidence.build(
        interaction_days=[30, 10, 20],
        tones=[1, -1, 2],
        promise_made=[5, 1],
        promise_due=[np.nan, 9],
        promise_resolved=[np.nan, 8],
        promise_credit=[np.nan, 1.0],
        promise_mine=[True, False],
    )
    columns = _columns([7, 3], [evidence, Evidence.build(interaction_days=[1], tones=[0])])
    found = columns.evidence(7)
    assert found.interaction_days.tolist() == [10, 20, 30]
    assert found.tones.tolist() == [-1, 2, 1]
    assert found.promise_made.tolist() == [5, 1]  # promises keep the order given
    assert found.promise_mine.tolist() == [True, False]
    assert columns.evidence(8).interaction_days.size == 0


def test_an_empty_batch_and_mismatched_columns() -> None:
    columns = RelationshipColumns(Ledger.empty(2), Ledger.empty(2), Ledger.empty(5))
    batch = columns.batch([])
    assert isinstance(batch, EvidenceBatch) and batch.size == 0
    assert columns.batch([4]).interaction_of.size == 0
    with pytest.raises(ValueError, match="one entry per owner"):
        Ledger.build([1, 2], [[1.0]])
