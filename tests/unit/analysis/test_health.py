"""Relationship and alliance health: the parts behave as documented, on known cases."""

from __future__ import annotations

import doctest
import math
from types import ModuleType

import numpy as np
import pytest

from allies.analysis import alliance_health, health, health_parts
from allies.analysis.alliance_health import AllianceWeights
from allies.analysis.alliance_health import alliance_health as score_alliance
from allies.analysis.health import (
    Evidence,
    HealthParams,
    HealthWeights,
    cooling,
    health_at,
    trend,
)
from allies.analysis.health_parts import (
    beta_mean,
    decay,
    frequency,
    promise_tally,
    recency,
    reciprocity,
    tone,
)

DAY = 1000  # any day number will do


@pytest.mark.parametrize("module", [health, health_parts, alliance_health])
def test_docstring_examples_run(module: ModuleType) -> None:
    failures, tried = doctest.testmod(module)
    assert tried > 0
    assert failures == 0


def test_decay_halves_every_half_life_and_ignores_the_future() -> None:
    assert decay([0, 30, 60, -5], 30).tolist() == [1.0, 0.5, 0.25, 0.0]
    with pytest.raises(ValueError):
        decay([1], 0)


def test_recency_is_one_today_half_at_the_maximum_gap_and_zero_when_never_seen() -> None:
    assert recency(0, 60) == 1.0
    assert recency(60, 60) == pytest.approx(0.5)
    assert recency(120, 60) == pytest.approx(0.25)
    assert recency(None, 60) == 0.0


def test_meeting_exactly_at_the_cadence_for_long_gives_full_frequency() -> None:
    ages = np.arange(0, 3650, 30)
    value, _ = frequency(ages, 30, 90)
    assert value == pytest.approx(1.0, abs=1e-6)
    half, _ = frequency(np.arange(0, 3650, 60), 30, 90)
    assert 0.4 < half < 0.7


def test_two_kept_promises_do_not_make_reliability_100_percent() -> None:
    assert beta_mean(2, 2) == pytest.approx(0.8)
    assert beta_mean(20, 20) > beta_mean(2, 2)
    assert beta_mean(0, 0) == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        beta_mean(1, 1, (0.0, 1.0))


def test_reciprocity_penalises_taking_more_than_giving_only() -> None:
    assert reciprocity(0, 0) == 1.0
    assert reciprocity(9, 0) == 1.0
    assert reciprocity(3, 3) == 1.0
    assert reciprocity(0, 9) == pytest.approx(0.4)
    assert reciprocity(0, 27) < reciprocity(0, 9)


def test_tone_is_shrunk_towards_neutral() -> None:
    assert tone([], [], 2.0) == 0.5
    one_great = tone([2], [1], 2.0)
    many_great = tone([2] * 10, [1] * 10, 2.0)
    assert 0.5 < one_great < many_great < 1.0
    assert tone([-2] * 4, [1] * 4, 2.0) < 0.5


def test_promise_tally_sees_the_past_as_it_was() -> None:
    ev = Evidence.build(
        promise_made=[0, 0, 0, 0],
        promise_due=[10, 10, 10, math.nan],
        promise_resolved=[5, 20, math.nan, math.nan],
        promise_credit=[1.0, 0.5, math.nan, math.nan],
        promise_mine=[True, False, True, False],
    )
    later = promise_tally(ev, 30)
    assert (later.kept, later.late, later.broken, later.overdue) == (1, 1, 0, 1)
    assert later.credit == pytest.approx(1.5)
    # On day 15 the late promise was still open and overdue; the one kept on day 5 counts.
    earlier = promise_tally(ev, 15)
    assert (earlier.kept, earlier.late, earlier.overdue) == (1, 0, 2)
    assert promise_tally(ev, 30, mine=True).overdue == 1
    assert promise_tally(ev, 30, mine=False).late == 1


def test_evidence_rejects_mismatched_arrays() -> None:
    with pytest.raises(ValueError):
        Evidence.build(interaction_days=[1, 2], tones=[1])
    with pytest.raises(ValueError):
        Evidence.build(promise_made=[1, 2], promise_mine=[True])


def test_score_is_the_weighted_sum_of_its_parts() -> None:
    ev = Evidence.build(
        interaction_days=[DAY - 90, DAY - 60, DAY - 30, DAY - 5],
        tones=[1, 0, 2, 1],
        favour_days=[DAY - 40, DAY - 20],
        favour_values=[3, -1],
        promise_made=[DAY - 50],
        promise_due=[DAY - 30],
        promise_resolved=[DAY - 31],
        promise_credit=[1.0],
        promise_mine=[True],
    )
    score = health_at(ev, DAY, ideal_gap=30, max_gap=60)
    assert 0 <= score.score <= 100
    assert score.score == pytest.approx(sum(p.points for p in score.parts))
    assert [p.name for p in score.parts] == list(health.PART_NAMES)
    assert sum(p.weight for p in score.parts) == pytest.approx(1.0)
    assert score.gap == 5
    assert score.part("reliability").value == pytest.approx(0.75)
    assert "mine 1 kept" in score.part("reliability").detail
    assert "last contact 5 days ago" in score.part("recency").detail


def test_a_stranger_has_no_score_and_no_part_is_made_of_priors() -> None:
    score = health_at(Evidence.build(), DAY, ideal_gap=30, max_gap=60)
    assert score.score is None
    assert all(p.value is None and p.weight == 0 and p.points == 0 for p in score.parts)
    assert all(p.detail.startswith(health.NOT_ENOUGH_EVIDENCE) for p in score.parts)
    assert score.gap is None
    assert math.isnan(trend(Evidence.build(), [DAY], ideal_gap=30, max_gap=60)[0])


def test_parts_without_evidence_are_left_out_of_the_weighting() -> None:
    # Seen every 30 days for a year, no favours, no promises: the score is recency,
    # frequency and tone only, their weights (0.30, 0.20, 0.15) rescaled to sum to one.
    ev = Evidence.build(interaction_days=np.arange(DAY - 360, DAY + 1, 30), tones=None)
    score = health_at(ev, DAY, ideal_gap=30, max_gap=60)
    known = {p.name: p for p in score.parts if p.known}
    assert set(known) == {"recency", "frequency", "tone"}
    assert known["recency"].weight == pytest.approx(0.30 / 0.65)
    assert score.part("reciprocity").value is None and score.part("reliability").value is None
    assert score.score == pytest.approx(sum(p.points for p in score.parts))
    expected = 100 * (0.30 * 1.0 + 0.20 * known["frequency"].value + 0.15 * 0.5) / 0.65
    assert score.score == pytest.approx(expected)
    # A favour and a kept promise bring their parts in.
    fuller = Evidence.build(
        interaction_days=ev.interaction_days,
        favour_days=[DAY - 10],
        favour_values=[1],
        promise_made=[DAY - 40],
        promise_due=[DAY - 20],
        promise_resolved=[DAY - 25],
        promise_credit=[1.0],
    )
    assert all(p.known for p in health_at(fuller, DAY, ideal_gap=30, max_gap=60).parts)


def test_an_old_contact_scores_lower_than_with_priors_filling_in() -> None:
    # Met monthly until 18 months ago, nothing since: the priors (reciprocity 1,
    # reliability 2/3) would add 28 points of the 36; now only what is known counts:
    # recency and frequency near 0, a neutral tone (0.5) at 0.15 / 0.65 of the weight.
    ev = Evidence.build(interaction_days=np.arange(DAY - 900, DAY - 540, 30), tones=None)
    score = health_at(ev, DAY, ideal_gap=30, max_gap=60)
    assert score.score is not None
    assert score.score == pytest.approx(100 * 0.5 * 0.15 / 0.65, abs=0.5)


def test_custom_weights_are_normalised_and_checked() -> None:
    only_recency = HealthParams(weights=HealthWeights(1, 0, 0, 0, 0))
    ev = Evidence.build(interaction_days=[DAY - 60])
    assert health_at(ev, DAY, ideal_gap=30, max_gap=60, params=only_recency).score == (
        pytest.approx(50.0)
    )
    with pytest.raises(ValueError):
        HealthWeights(0, 0, 0, 0, 0).normalised()
    with pytest.raises(ValueError):
        HealthWeights(-1, 1, 1, 1, 1).normalised()


def test_later_evidence_does_not_change_an_earlier_score() -> None:
    before = Evidence.build(interaction_days=[DAY - 10], tones=[1])
    after = Evidence.build(interaction_days=[DAY - 10, DAY + 5], tones=[1, -2])
    assert health_at(before, DAY, ideal_gap=30, max_gap=60).score == pytest.approx(
        health_at(after, DAY, ideal_gap=30, max_gap=60).score
    )


def test_a_lapsed_relationship_trends_down_and_is_cooling() -> None:
    ev = Evidence.build(interaction_days=np.arange(DAY - 400, DAY - 100, 14), tones=None)
    scores = trend(ev, [DAY - 120, DAY - 60, DAY], ideal_gap=14, max_gap=28)
    assert scores[0] > scores[1] > scores[2]
    verdict = cooling(scores[1:], 60, gap=100, max_gap=28)
    assert verdict.cooling
    assert any("past the maximum gap of 28" in r for r in verdict.reasons)


def test_a_steady_relationship_is_not_cooling_and_a_stranger_never_is() -> None:
    ev = Evidence.build(interaction_days=np.arange(DAY - 400, DAY + 1, 14))
    scores = trend(ev, [DAY - 60, DAY - 30, DAY], ideal_gap=14, max_gap=28)
    assert np.ptp(scores) < 5
    assert not cooling(scores, 60, gap=0, max_gap=28).cooling
    assert not cooling([90, 10], 60, gap=None, max_gap=28).cooling


def test_a_fast_fall_alone_counts_as_cooling() -> None:
    verdict = cooling([80, 70, 60], 60, gap=20, max_gap=28, drop_threshold=15)
    assert verdict.cooling and verdict.drop == 20
    assert verdict.reasons == ("score fell 20 points in 60 days",)


def test_alliance_health_rewards_complete_agreements_and_penalises_conflicts() -> None:
    def score(agreement_parts: int, open_conflicts: int) -> alliance_health.AllianceHealth:
        return score_alliance(
            agreement_parts=agreement_parts,
            checkin_gap=10,
            max_gap=60,
            delivery_credit=2.0,
            delivery_count=3,
            open_conflicts=open_conflicts,
            discussed_conflicts=0,
            partner_scores=[70.0],
        )

    full, half, fighting = score(4, 0), score(2, 0), score(4, 2)
    assert full.score > half.score and full.score > fighting.score
    assert full.score == pytest.approx(sum(p.points for p in full.parts))
    parts = {p.name: p for p in fighting.parts}
    assert parts["conflicts"].value == pytest.approx(1 / 3)
    assert "2 open" in parts["conflicts"].detail


def test_alliance_without_people_or_contact_scores_neutral_partners_and_no_checkins() -> None:
    h = score_alliance(
        agreement_parts=0,
        checkin_gap=None,
        max_gap=60,
        delivery_credit=0,
        delivery_count=0,
        open_conflicts=0,
        discussed_conflicts=0,
    )
    parts = {p.name: p.value for p in h.parts}
    assert parts["checkins"] == 0 and parts["partners"] == 0.5 and parts["agreement"] == 0
    with pytest.raises(ValueError):
        AllianceWeights(0, 0, 0, 0, 0).normalised()
