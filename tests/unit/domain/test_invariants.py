"""The domain's rules: ranges, no self-ties, allowed status moves."""

from __future__ import annotations

from datetime import date

import pytest

from allies.domain import (
    Agreement,
    Alliance,
    AlliancePartner,
    Assessment,
    Cadence,
    Campaign,
    CampaignIssue,
    Favour,
    Interaction,
    Level,
    Milestone,
    Observation,
    ObservationKind,
    Person,
    Promise,
    PromiseStatus,
    Stance,
    Tie,
    TieKind,
)
from allies.errors import Conflict, InvalidInput

D = date(2026, 3, 1)


def test_person_normalises_contact_details_and_rejects_blank_names() -> None:
    p = Person("  Ann Lee ", emails=["Ann@Example.org", "ann@example.org"], tags=["Board", "board"])
    assert p.name == "Ann Lee"
    assert p.emails == ["ann@example.org"]
    assert p.tags == ["board"]
    with pytest.raises(InvalidInput) as err:
        Person("   ")
    assert err.value.field == "name"
    with pytest.raises(InvalidInput, match="e-mail"):
        Person("Bo", emails=["not-an-address"])


def test_person_level_is_checked_and_listed_in_the_error() -> None:
    assert Person("Bo", level="Above").level is Level.ABOVE  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="above, peer, below, external"):
        Person("Bo", level="sideways")  # type: ignore[arg-type]


def test_merging_people_unites_lists_and_keeps_both_notes() -> None:
    a = Person("Ann Lee", emails=["a@x.org"], agenda="grow sales", tags=["sales"])
    b = Person("A. Lee", emails=["ann@y.org"], agenda="hire two", title="VP", tags=["board"])
    a.absorb(b)
    assert a.emails == ["a@x.org", "ann@y.org"]
    assert a.tags == ["sales", "board"]
    assert a.title == "VP"
    assert "grow sales" in a.agenda and "hire two" in a.agenda


@pytest.mark.parametrize("weight", [-0.1, 1.01, float("nan")])
def test_tie_weight_must_lie_in_0_1(weight: float) -> None:
    with pytest.raises(InvalidInput) as err:
        Tie(1, 2, TieKind.TRUSTS, weight=weight)
    assert err.value.field == "weight"


def test_no_tie_from_a_person_to_themselves() -> None:
    with pytest.raises(InvalidInput, match="themselves"):
        Tie(3, 3, TieKind.LISTENS_TO)


def test_tie_validity_period_is_ordered_and_queried() -> None:
    tie = Tie(1, 2, "knows", valid_from=date(2025, 1, 1), valid_to=date(2025, 12, 31))  # type: ignore[arg-type]
    assert tie.kind is TieKind.KNOWS
    assert tie.is_valid_on(date(2025, 6, 1))
    assert not tie.is_valid_on(date(2026, 1, 1))
    with pytest.raises(InvalidInput):
        Tie(1, 2, TieKind.KNOWS, valid_from=date(2025, 2, 1), valid_to=date(2025, 1, 1))


def test_observation_direction_of_listening() -> None:
    deferred = Observation(1, 2, ObservationKind.DEFERRED_TO, D)
    assert deferred.listener_and_leader == (1, 2)
    ear = Observation(1, 2, ObservationKind.HAS_EAR_OF, D)
    assert ear.listener_and_leader == (2, 1)
    with pytest.raises(InvalidInput):
        Observation(4, 4, ObservationKind.ENDORSED, D)


def test_interaction_needs_participants_and_a_tone_in_range() -> None:
    meeting = Interaction(D, [1, 2, 2], tone=2)
    assert meeting.participant_ids == [1, 2]
    with pytest.raises(InvalidInput):
        Interaction(D, [])
    with pytest.raises(InvalidInput) as err:
        Interaction(D, [1], tone=3)
    assert err.value.field == "tone"
    with pytest.raises(InvalidInput):
        Interaction(D, [1], initiator_id=9)


def test_favour_values_sign_by_direction() -> None:
    assert Favour(1, "given", "intro", D, size="large").signed_value == 9  # type: ignore[arg-type]
    assert Favour(1, "received", "lunch", D).signed_value == -1  # type: ignore[arg-type]


def test_promise_moves_only_from_open() -> None:
    promise = Promise(1, 2, "send the deck", D, due_on=date(2026, 3, 10))
    promise.fulfil(date(2026, 3, 12))
    assert promise.status is PromiseStatus.LATE
    assert promise.resolved_on == date(2026, 3, 12)
    with pytest.raises(Conflict, match="already late"):
        promise.move_to(PromiseStatus.KEPT, date(2026, 3, 13))
    on_time = Promise(1, 2, "call back", D, due_on=date(2026, 3, 10))
    on_time.fulfil(date(2026, 3, 10))
    assert on_time.status is PromiseStatus.KEPT
    released = Promise(2, 1, "review", D)
    released.move_to("released", D)
    with pytest.raises(Conflict):
        released.move_to("broken", D)


def test_promise_dates_and_parties() -> None:
    with pytest.raises(InvalidInput):
        Promise(1, 1, "to myself", D)
    with pytest.raises(InvalidInput):
        Promise(1, 2, "x", D, due_on=date(2026, 2, 1))
    promise = Promise(1, 2, "x", D, due_on=date(2026, 3, 2))
    assert promise.is_overdue(date(2026, 3, 3))
    assert not promise.is_overdue(date(2026, 3, 2))


def test_cadence_has_exactly_one_scope_and_ordered_gaps() -> None:
    assert Cadence(14, 30, tier="Key").tier == "key"
    with pytest.raises(InvalidInput):
        Cadence(14, 30)
    with pytest.raises(InvalidInput):
        Cadence(14, 30, person_id=1, tag="board")
    with pytest.raises(InvalidInput) as err:
        Cadence(30, 14, person_id=1)
    assert err.value.field == "max_days"


def test_a_cadence_asks_for_at_most_ten_years_between_check_ins() -> None:
    # An agenda counts back from today by the shortest gap: a gap of a billion days broke it.
    assert Cadence(3650, 3650, person_id=1).max_days == 3650
    with pytest.raises(InvalidInput) as err:
        Cadence(14, 10**9, person_id=1)
    assert err.value.field == "max_days" and "3650" in err.value.message


def test_campaign_issue_and_stance_ranges() -> None:
    with pytest.raises(InvalidInput):
        CampaignIssue("budget", desired_position=120)
    issue = CampaignIssue("Budget", low_label="cut", high_label="double", desired_position=80)
    campaign = Campaign("Platform", issues=[issue], decider_ids=[1, 1, 2])
    assert campaign.decider_ids == [1, 2]
    assert campaign.issue_named("budget") is issue
    with pytest.raises(InvalidInput, match="no issue"):
        campaign.issue_named("timing")
    with pytest.raises(InvalidInput):
        Campaign("Twice", issues=[CampaignIssue("a"), CampaignIssue("A")])
    with pytest.raises(InvalidInput) as err:
        Stance(1, 1, position=50, salience=1.5)
    assert err.value.field == "salience"
    assert Stance(1, 1, position=0, capability=None).capability is None


def test_alliance_parts_and_status_moves() -> None:
    alliance = Alliance(
        "Data alliance",
        partners=[AlliancePartner(person_id=1), AlliancePartner(organisation_id=2)],
        agreement=Agreement(agreed="share data", written="MoU"),
        milestones=[Milestone("pilot", reached_on=D)],
    )
    assert alliance.agreement.completeness == 0.5
    alliance.move_to("active")
    alliance.move_to("dormant")
    alliance.move_to("active")
    alliance.move_to("ended")
    with pytest.raises(Conflict):
        alliance.move_to("active")
    with pytest.raises(InvalidInput):
        AlliancePartner()
    with pytest.raises(InvalidInput):
        Milestone("launch", celebrated_on=D)


def test_assessment_answers_are_1_to_7() -> None:
    assert Assessment(D, {"n1": 7, "n2": 1}).answers == {"n1": 7, "n2": 1}
    with pytest.raises(InvalidInput) as err:
        Assessment(D, {"n1": 8})
    assert err.value.field == "n1"
