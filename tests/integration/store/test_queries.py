"""The look-ups beyond add/get/list: e-mail, me, last contact, stance history, cadences."""

from __future__ import annotations

from datetime import timedelta

from allies.domain import (
    Cadence,
    Campaign,
    CampaignIssue,
    Favour,
    Interaction,
    Observation,
    Promise,
    Stance,
    Tie,
)
from allies.store import SqlUnitOfWorkFactory
from tests.integration.store.conftest import DAY

Ids = dict[str, int]


def test_by_email_ignores_case_and_spaces(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    with store() as uow:
        assert uow.people.by_email("  ANA@Example.ORG ").id == people["ana"]  # type: ignore[union-attr]
        assert uow.people.by_email("nobody@example.org") is None
        assert uow.people.by_email("") is None


def test_me_is_the_owner(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    with store() as uow:
        assert uow.people.me().id == people["me"]  # type: ignore[union-attr]
    with store("empty") as uow:
        assert uow.people.me() is None


def test_last_contact_is_the_latest_interaction_per_person(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    later = DAY + timedelta(days=10)
    with store() as uow:
        uow.interactions.add(Interaction(occurred_on=later, participant_ids=[people["ana"]]))
        uow.interactions.add(
            Interaction(occurred_on=DAY, participant_ids=[people["ana"], people["bo"]])
        )
        uow.commit()
    with store("other") as uow:  # another workspace's contacts do not count
        from allies.domain import Person

        stranger = uow.people.add(Person(name="X"))
        uow.interactions.add(
            Interaction(occurred_on=later + timedelta(days=1), participant_ids=[stranger.id or 0])
        )
        uow.commit()
    with store() as uow:
        assert uow.interactions.last_contact() == {people["ana"]: later, people["bo"]: DAY}
        newest_first = uow.interactions.with_person(people["ana"])
        assert [i.occurred_on for i in newest_first] == [later, DAY]


def test_stance_history_and_current(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    with store() as uow:
        campaign = uow.campaigns.add(
            Campaign(name="C", issues=[CampaignIssue(name="a"), CampaignIssue(name="b")])
        )
        a, b = (issue.id or 0 for issue in campaign.issues)
        ana, bo = people["ana"], people["bo"]
        for person, issue, position, day in [
            (ana, a, 20, 5),
            (ana, a, 40, 1),
            (ana, a, 60, 9),
            (bo, a, 70, 3),
            (bo, b, 10, 4),
        ]:
            uow.stances.add(
                Stance(
                    person_id=person,
                    issue_id=issue,
                    position=position,
                    recorded_on=DAY + timedelta(days=day),
                )
            )
        same_day = uow.stances.add(
            Stance(person_id=bo, issue_id=a, position=75, recorded_on=DAY + timedelta(days=3))
        )
        uow.commit()
    with store() as uow:
        assert [s.position for s in uow.stances.history(ana, a)] == [40, 20, 60]
        assert [s.position for s in uow.stances.for_issue(a)] == [40, 70, 75, 20, 60]
        current = uow.stances.current_for_issue(a)
        assert [(s.person_id, s.position) for s in current] == [(ana, 60), (bo, 75)]
        assert current[1].id == same_day.id
        assert [s.position for s in uow.stances.current_for_issue(b)] == [10]


def test_involving_and_with_person(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    ana, bo, cy, me = people["ana"], people["bo"], people["cy"], people["me"]
    with store() as uow:
        uow.ties.add(Tie(source_id=ana, target_id=bo, kind="knows"))
        uow.ties.add(Tie(source_id=cy, target_id=ana, kind="trusts"))
        uow.ties.add(Tie(source_id=bo, target_id=cy, kind="knows"))
        uow.observations.add(
            Observation(subject_id=bo, object_id=ana, kind="deferred_to", observed_on=DAY)
        )
        uow.observations.add(
            Observation(subject_id=bo, object_id=cy, kind="deferred_to", observed_on=DAY)
        )
        for days in (1, 5, 3):
            day = DAY + timedelta(days=days)
            uow.favours.add(
                Favour(person_id=ana, direction="given", description=str(days), occurred_on=day)
            )
            uow.promises.add(
                Promise(promiser_id=me, promisee_id=ana, description=str(days), made_on=day)
            )
        uow.promises.add(Promise(promiser_id=bo, promisee_id=cy, description="x", made_on=DAY))
        uow.commit()
    with store() as uow:
        assert {(t.source_id, t.target_id) for t in uow.ties.involving(ana)} == {
            (ana, bo),
            (cy, ana),
        }
        assert [o.object_id for o in uow.observations.involving(ana)] == [ana]
        assert [f.description for f in uow.favours.with_person(ana)] == ["5", "3", "1"]
        assert [c.description for c in uow.promises.involving(ana)] == ["5", "3", "1"]
        assert uow.promises.involving(cy)[0].promiser_id == bo


def test_cadences_by_person_tag_and_tier(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    with store() as uow:
        uow.cadences.add(Cadence(ideal_days=7, max_days=14, person_id=people["ana"]))
        uow.cadences.add(Cadence(ideal_days=30, max_days=60, tag="Board"))
        uow.cadences.add(Cadence(ideal_days=14, max_days=21, tier="inner"))
        uow.commit()
    with store() as uow:
        assert uow.cadences.for_person(people["ana"]).ideal_days == 7  # type: ignore[union-attr]
        assert uow.cadences.for_person(people["bo"]) is None
        assert uow.cadences.for_tag("board").max_days == 60  # type: ignore[union-attr]
        assert uow.cadences.for_tag("BOARD ") is not None
        assert uow.cadences.for_tier("Inner").ideal_days == 14  # type: ignore[union-attr]
        assert uow.cadences.for_tier("key") is None
