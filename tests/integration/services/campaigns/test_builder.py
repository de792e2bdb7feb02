"""The campaign's one form in the services: settings and issues saved together (renamed,
relabelled, moved, added, deleted with their stances), all or nothing; and targets said
in words on the one-line way of writing an issue."""

from __future__ import annotations

import pytest

from allies.errors import Conflict, InvalidInput
from allies.services.campaigns import editing as service
from allies.services.campaigns.builder import IssueEdit, save_campaign, target_phrase
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWork, UnitOfWorkFactory


@pytest.fixture
def make(factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    """A workspace with Étienne and Anna, and a campaign of two issues."""
    add_person(factory(), "Étienne Dubois")
    add_person(factory(), "Anna Bergström")
    service.create_campaign(
        factory(), "Office move", issues=["Site: remote .. on site @ 20", "Budget @ 60"]
    )
    service.create_campaign(factory(), "Hiring")
    return factory


def _save(uow: UnitOfWork, issues: list[IssueEdit], name: str = "Office move") -> service.Campaign:
    return save_campaign(
        uow,
        "Office move",
        name=name,
        description="",
        decision_on=None,
        status="active",
        deciders=["etienne", "BERGSTROM"],
        issues=issues,
    )


def test_rename_move_add_and_delete_in_one_save(make: UnitOfWorkFactory) -> None:
    campaign = service.get_campaign(make(), "Office move")
    site, budget = campaign.issues
    service.set_stance(make(), "Office move", "Anna Bergström", "Budget", 40)
    saved = _save(
        make(),
        [
            IssueEdit("Location", "remote", "on site", 25, id=site.id),
            IssueEdit("Budget", id=budget.id, remove=True),
            IssueEdit("Headcount", "freeze", "twenty more", 80),
        ],
    )
    assert [(i.name, i.low_label, i.desired_position) for i in saved.issues] == [
        ("Location", "remote", 25.0),
        ("Headcount", "freeze", 80.0),
    ]
    assert saved.issues[0].id == site.id
    with make() as uow:
        assert uow.stances.current_for_issue(budget.id or 0) == []
        names = uow.people.names(saved.decider_ids)
    assert sorted(names.values()) == ["Anna Bergström", "Étienne Dubois"]


def test_a_mistake_saves_nothing(make: UnitOfWorkFactory) -> None:
    site, budget = service.get_campaign(make(), "Office move").issues
    with pytest.raises(Conflict):
        _save(make(), [IssueEdit("Place", id=site.id)], name="hiring")
    with pytest.raises(InvalidInput, match="at least one issue"):
        _save(
            make(),
            [IssueEdit("Site", id=site.id, remove=True), IssueEdit("B", id=budget.id, remove=True)],
        )
    with pytest.raises(InvalidInput, match="share a name"):
        _save(make(), [IssueEdit("Budget", id=site.id)])
    after = service.get_campaign(make(), "Office move")
    assert [i.name for i in after.issues] == ["Site", "Budget"]


@pytest.mark.parametrize(
    ("typed", "name", "want"),
    [
        ("Headcount, I want it at 80", "Headcount", 80.0),
        ("Headcount: freeze .. grow, I want it at 80", "Headcount", 80.0),
        ("Travel (target 30)", "Travel", 30.0),
        ("Tools - aim for 55", "Tools", 55.0),
        ("Scope: own .. one @ 85", "Scope", 85.0),
        ("Q3 budget", "Q3 budget", 100.0),
    ],
)
def test_the_one_line_way_reads_a_target_said_in_words(typed: str, name: str, want: float) -> None:
    spec = service.parse_issue(typed)
    assert (spec.name, spec.desired_position) == (name, want)


def test_a_target_phrase_is_only_a_target_phrase() -> None:
    assert target_phrase("Wanted: a new site") is None
    assert target_phrase("2027 plan") is None
    with pytest.raises(InvalidInput, match="desired"):
        service.parse_issue("Headcount, I want it at 180").build()
