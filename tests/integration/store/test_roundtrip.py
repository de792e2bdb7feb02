"""Every kind of entity goes in and comes back out equal, field by field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import timedelta
from typing import Any

import pytest

from allies.domain import (
    Agreement,
    Alliance,
    AllianceConflict,
    AlliancePartner,
    Assessment,
    Cadence,
    Campaign,
    CampaignIssue,
    Favour,
    Goal,
    GoalNeed,
    Interaction,
    Milestone,
    Observation,
    Organisation,
    Person,
    Promise,
    Responsibility,
    Stance,
    Tie,
    Unit,
)
from allies.errors import NotFound
from allies.store import SqlUnitOfWorkFactory
from tests.integration.store.conftest import DAY

Ids = dict[str, int]


def _person(ids: Ids) -> Person:
    return Person(
        name="Dana Scully",
        title="Special agent",
        organisation_id=ids["org"],
        unit_id=ids["unit"],
        emails=["Dana@FBI.gov", "dana@home.example"],
        phones=["+1 202 555 0100"],
        tags=["Science", "inner"],
        interests="evidence",
        agenda="close the case",
        values="rigour",
        offers="forensics",
        trades="time",
        level="peer",
        tier="key",
        notes="met in 1993",
    )


def _change_person(p: Person, ids: Ids) -> None:
    p.title = "Doctor"
    p.emails.append("scully@example.org")
    p.tags = ["medicine"]
    p.level = None  # type: ignore[assignment]
    p.unit_id = None


def _campaign(ids: Ids) -> Campaign:
    return Campaign(
        name="Budget 2025",
        issues=[
            CampaignIssue(name="size", low_label="cut", high_label="double", desired_position=80),
            CampaignIssue(name="timing", desired_position=20.5, description="when"),
        ],
        decider_ids=[ids["bo"], ids["ana"]],
        decision_on=DAY,
        description="the annual fight",
    )


def _change_campaign(c: Campaign, ids: Ids) -> None:
    c.issues[0].desired_position = 60
    c.issues.append(CampaignIssue(name="scope"))
    c.decider_ids = [ids["cy"]]
    c.status = "won"  # type: ignore[assignment]


def _alliance(ids: Ids) -> Alliance:
    return Alliance(
        name="Open data pact",
        purpose="publish the registers",
        status="active",
        started_on=DAY,
        partners=[
            AlliancePartner(person_id=ids["ana"], role="sponsor"),
            AlliancePartner(organisation_id=ids["org"], role="host"),
        ],
        common_goals=["publish", "train"],
        agreement=Agreement(agreed="share data", written="MoU", checked="monthly", divided=""),
        responsibilities=[Responsibility(what="draft MoU", person_id=ids["bo"], due_on=DAY)],
        milestones=[
            Milestone(title="signed", due_on=DAY, reached_on=DAY, celebrated_on=DAY),
            Milestone(title="first release"),
        ],
        conflicts=[AllianceConflict(title="credit", opened_on=DAY, notes="who speaks")],
        checkin_ideal_days=14,
        checkin_max_days=30,
    )


def _change_alliance(a: Alliance, ids: Ids) -> None:
    a.partners.pop(0)
    a.common_goals.reverse()
    a.agreement.divided = "50/50"
    a.responsibilities[0].done_on = DAY + timedelta(days=3)
    a.milestones.append(Milestone(title="second release"))
    a.conflicts[0].status = "resolved"  # type: ignore[assignment]
    a.conflicts[0].resolved_on = DAY + timedelta(days=9)


def _goal(ids: Ids) -> Goal:
    return Goal(
        title="Head of legal",
        description="by next year",
        target_on=DAY,
        needs=[
            GoalNeed(description="board vote", kind="decision", holder_id=ids["cy"]),
            GoalNeed(description="budget", kind="resource"),
        ],
    )


def _change_goal(g: Goal, ids: Ids) -> None:
    g.needs[1].holder_id = ids["ana"]
    g.needs.insert(0, GoalNeed(description="mentor", holder_id=ids["bo"]))
    g.status = "reached"  # type: ignore[assignment]


def _set(name: str, value: Any) -> Callable[[Any, Ids], None]:
    def change(entity: Any, ids: Ids) -> None:
        setattr(entity, name, value)

    return change


def _stance(ids: Ids) -> Stance:
    # needs an issue: the test adds the campaign first (see test_round_trip)
    return Stance(
        person_id=ids["ana"],
        issue_id=ids["issue"],
        position=30,
        salience=0.8,
        capability=None,
        confidence=0.6,
        recorded_on=DAY,
        note="said so",
    )


CASES: dict[str, tuple[str, Callable[[Ids], Any], Callable[[Any, Ids], None]]] = {
    "person": ("people", _person, _change_person),
    "organisation": (
        "organisations",
        lambda ids: Organisation(name="Initech", kind="supplier", notes="TPS"),
        _set("notes", "reports"),
    ),
    "unit": (
        "units",
        lambda ids: Unit(name="Tax", organisation_id=ids["org"], parent_id=ids["unit"]),
        _set("parent_id", None),
    ),
    "tie": (
        "ties",
        lambda ids: Tie(
            source_id=ids["ana"],
            target_id=ids["bo"],
            kind="listens_to",
            weight=0.7,
            confidence=0.9,
            origin="observed",
            valid_from=DAY,
            valid_to=DAY + timedelta(days=30),
            note="n",
        ),
        _set("weight", 0.25),
    ),
    "observation": (
        "observations",
        lambda ids: Observation(
            subject_id=ids["ana"],
            object_id=ids["cy"],
            kind="deferred_to",
            observed_on=DAY,
            strength=0.5,
            context="board",
            note="n",
        ),
        _set("strength", 1.0),
    ),
    "interaction": (
        "interactions",
        lambda ids: Interaction(
            occurred_on=DAY,
            participant_ids=[ids["cy"], ids["ana"]],
            kind="group_meeting",
            initiated_by_me=False,
            initiator_id=ids["cy"],
            tone=-1,
            summary="s",
            notes="n",
        ),
        _set("participant_ids", []),  # replaced in the test with a real change
    ),
    "favour": (
        "favours",
        lambda ids: Favour(
            person_id=ids["bo"],
            direction="received",
            description="intro",
            occurred_on=DAY,
            size="large",
        ),
        _set("description", "an introduction"),
    ),
    "promise": (
        "promises",
        lambda ids: Promise(
            promiser_id=ids["me"],
            promisee_id=ids["ana"],
            description="memo",
            made_on=DAY,
            due_on=DAY + timedelta(days=7),
            note="n",
        ),
        lambda c, ids: c.fulfil(DAY + timedelta(days=9)),
    ),
    "cadence": (
        "cadences",
        lambda ids: Cadence(ideal_days=14, max_days=30, person_id=ids["bo"], snoozed_until=DAY),
        _set("max_days", 45),
    ),
    "campaign": ("campaigns", _campaign, _change_campaign),
    "stance": ("stances", _stance, _set("position", 75.0)),
    "alliance": ("alliances", _alliance, _change_alliance),
    "goal": ("goals", _goal, _change_goal),
    "assessment": (
        "assessments",
        lambda ids: Assessment(taken_on=DAY, answers={"q1": 5, "q2": 7}, instrument="psi-18"),
        _set("answers", {"q1": 6, "q3": 1}),
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_round_trip(store: SqlUnitOfWorkFactory, people: Ids, kind: str) -> None:
    attr, make, change = CASES[kind]
    ids = dict(people)
    if kind == "stance":
        with store() as uow:
            ids["issue"] = int(uow.campaigns.add(_campaign(ids)).issues[0].id or 0)
            uow.commit()
    if kind == "interaction":
        change = _set("participant_ids", [ids["bo"]])
        change_initiator = True
    else:
        change_initiator = False

    with store() as uow:
        repo = getattr(uow, attr)
        before = repo.count()
        entity = repo.add(make(ids))
        assert entity.id is not None
        uow.commit()

    with store() as uow:
        repo = getattr(uow, attr)
        stored = repo.get(entity.id)
        assert type(stored) is type(entity)
        assert asdict(stored) == asdict(entity)
        assert repo.find(entity.id) is not None
        assert repo.count() == before + 1
        assert [e.id for e in repo.list()][-1] == entity.id

        if change_initiator:
            stored.initiator_id = None
        change(stored, ids)
        repo.save(stored)
        uow.commit()

    with store() as uow:
        repo = getattr(uow, attr)
        again = repo.get(entity.id)
        assert asdict(again) == asdict(stored)
        assert asdict(again) != asdict(entity)
        repo.remove(entity.id)
        uow.commit()

    with store() as uow:
        repo = getattr(uow, attr)
        assert repo.find(entity.id) is None
        assert repo.count() == before
        with pytest.raises(NotFound):
            repo.get(entity.id)
        with pytest.raises(NotFound):
            repo.remove(entity.id)
