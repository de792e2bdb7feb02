"""Child lists: saved in order, replaced on save, ids kept for the items that stay."""

from __future__ import annotations

from dataclasses import asdict

from allies.domain import (
    Alliance,
    AllianceConflict,
    AlliancePartner,
    Campaign,
    CampaignIssue,
    Goal,
    GoalNeed,
    Interaction,
    Milestone,
    Responsibility,
    Stance,
)
from allies.store import SqlUnitOfWorkFactory
from tests.integration.store.conftest import DAY

Ids = dict[str, int]


def test_alliance_parts_are_replaced_and_kept_in_order(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        alliance = uow.alliances.add(
            Alliance(
                name="Pact",
                partners=[
                    AlliancePartner(person_id=people["ana"], role="a"),
                    AlliancePartner(person_id=people["bo"], role="b"),
                    AlliancePartner(organisation_id=people["org"], role="c"),
                ],
                common_goals=["one", "two", "three"],
                responsibilities=[Responsibility(what="w1"), Responsibility(what="w2")],
                milestones=[Milestone(title="m1"), Milestone(title="m2")],
                conflicts=[AllianceConflict(title="c1", opened_on=DAY)],
            )
        )
        uow.commit()
    kept_partner = alliance.partners[2].id
    kept_milestone = alliance.milestones[1].id
    assert all(p.id is not None for p in alliance.partners)

    with store() as uow:
        stored = uow.alliances.get(alliance.id or 0)
        stored.partners = [stored.partners[2], AlliancePartner(person_id=people["cy"])]
        stored.common_goals = ["three", "one"]
        stored.responsibilities = []
        stored.milestones = [stored.milestones[1], Milestone(title="m3"), stored.milestones[0]]
        stored.milestones[0].reached_on = DAY
        stored.conflicts.append(AllianceConflict(title="c2", opened_on=DAY))
        uow.alliances.save(stored)
        uow.commit()

    with store() as uow:
        again = uow.alliances.get(alliance.id or 0)
    assert asdict(again) == asdict(stored)
    assert again.partners[0].id == kept_partner
    assert [m.title for m in again.milestones] == ["m2", "m3", "m1"]
    assert again.milestones[0].id == kept_milestone and again.milestones[0].reached_on == DAY
    assert again.common_goals == ["three", "one"]
    assert again.responsibilities == []
    assert [c.title for c in again.conflicts] == ["c1", "c2"]


def test_campaign_issues_keep_their_ids_so_stances_survive_a_save(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        campaign = uow.campaigns.add(
            Campaign(
                name="Budget",
                issues=[CampaignIssue(name="size"), CampaignIssue(name="timing")],
                decider_ids=[people["ana"], people["bo"]],
            )
        )
        size, timing = (issue.id or 0 for issue in campaign.issues)
        uow.stances.add(Stance(person_id=people["ana"], issue_id=size, position=10))
        uow.stances.add(Stance(person_id=people["bo"], issue_id=timing, position=90))
        uow.commit()

    with store() as uow:
        stored = uow.campaigns.get(campaign.id or 0)
        stored.issues[0].name = "amount"
        stored.issues.pop(1)  # its stances go with it
        stored.issues.append(CampaignIssue(name="scope"))
        stored.decider_ids = [people["bo"], people["cy"], people["ana"]]
        uow.campaigns.save(stored)
        uow.commit()

    with store() as uow:
        again = uow.campaigns.get(campaign.id or 0)
        assert [i.name for i in again.issues] == ["amount", "scope"]
        assert again.issues[0].id == size
        assert again.decider_ids == [people["bo"], people["cy"], people["ana"]]
        assert [s.position for s in uow.stances.for_issue(size)] == [10]
        assert uow.stances.for_issue(timing) == []
        assert uow.stances.count() == 1
        uow.campaigns.remove(campaign.id or 0)
        uow.commit()
    with store() as uow:
        assert uow.stances.count() == 0


def test_interaction_participants_are_replaced_in_order(
    store: SqlUnitOfWorkFactory, people: Ids
) -> None:
    with store() as uow:
        meeting = uow.interactions.add(
            Interaction(
                occurred_on=DAY,
                participant_ids=[people["cy"], people["ana"], people["bo"]],
                kind="group_meeting",
            )
        )
        uow.commit()
    with store() as uow:
        stored = uow.interactions.get(meeting.id or 0)
        assert stored.participant_ids == [people["cy"], people["ana"], people["bo"]]
        stored.participant_ids = [people["bo"], people["me"]]
        uow.interactions.save(stored)
        uow.commit()
    with store() as uow:
        assert uow.interactions.get(meeting.id or 0).participant_ids == [people["bo"], people["me"]]
        assert uow.interactions.with_person(people["cy"]) == []
        uow.interactions.remove(meeting.id or 0)
        uow.people.remove(people["bo"])  # no longer referenced: the participants went too
        uow.commit()


def test_goal_needs_are_saved(store: SqlUnitOfWorkFactory, people: Ids) -> None:
    with store() as uow:
        goal = uow.goals.add(
            Goal(title="Promotion", needs=[GoalNeed(description="vote", holder_id=people["cy"])])
        )
        uow.commit()
    with store() as uow:
        stored = uow.goals.get(goal.id or 0)
        stored.needs = [GoalNeed(description="budget", kind="resource"), *stored.needs]
        uow.goals.save(stored)
        uow.commit()
    with store() as uow:
        again = uow.goals.get(goal.id or 0)
    assert [(n.description, n.kind.value, n.holder_id) for n in again.needs] == [
        ("budget", "resource", None),
        ("vote", "decision", people["cy"]),
    ]
    assert again.needs[1].id == goal.needs[0].id
