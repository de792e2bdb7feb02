"""The five-day programme stores each day's answers as ordinary records."""

from __future__ import annotations

from datetime import date

import pytest

from allies.domain import AllianceStatus, NeedKind, Tier
from allies.errors import InvalidInput, NotFound
from allies.services.alliances.program import DAYS, DayResult, day, next_day, program_status
from allies.services.alliances.program import run_day as store_day
from allies.services.dates import read_answers
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from tests.integration.services.keep.keep_helpers import TODAY, ago


def run_day(uow: UnitOfWork, number: int, answers: dict[str, str], *, today: date) -> DayResult:
    """Answer a day as a face does: the typed text read by each question's kind first."""
    return store_day(
        uow, number, read_answers(answers, day(number).kinds, today=today), today=today
    )


def test_every_day_has_a_title_an_intro_and_questions() -> None:
    assert [d.number for d in DAYS] == [1, 2, 3, 4, 5]
    for d in DAYS:
        assert d.title and len(d.intro) > 40 and d.prompts and d.records
        assert len({p.key for p in d.prompts}) == len(d.prompts)


def test_five_days_from_a_cause_to_an_alliance_and_a_team(network: UnitOfWorkFactory) -> None:
    assert next_day(network()) == 1
    one = run_day(
        network(),
        1,
        {
            "cause": "Same-day delivery in the north",
            "why": "Customers leave us",
            "by": "in 3 months",
        },
        today=TODAY,
    )
    assert one.lines == ["goal #1: Same-day delivery in the north"]
    two = run_day(
        network(),
        2,
        {"people": "Ann Lee, Gus Hale", "organisations": "Portbridge", "strengths": "routing"},
        today=TODAY,
    )
    assert "added Gus Hale to your network (tagged prospect)" in two.lines
    assert "added the organisation Portbridge" in two.lines
    run_day(
        network(),
        3,
        {"agreed": "Share outcomes", "divided": "We host, they clean", "win": "Both cut costs"},
        today=TODAY,
    )
    four = run_day(
        network(),
        4,
        {
            "benefit": "15% fewer failed deliveries",
            "duty": "Nightly export",
            "duty_who": "Ann Lee",
            "duty_due": "in 2 weeks",
            "milestone": "First shared dashboard",
            "every": "14",
        },
        today=TODAY,
    )
    assert "the alliance is now active" in four.lines
    run_day(network(), 5, {"team": "Bo Chen, Cy Park", "ask_by": "in 3 days"}, today=TODAY)
    assert all(s.done for s in program_status(network()))

    with network() as uow:
        goal = uow.goals.list()[0]
        assert goal.title == "Same-day delivery in the north" and goal.target_on == ago(-92)
        assert "Why now: Customers leave us" in goal.description
        assert [n.kind for n in goal.needs] == [NeedKind.RESOURCE, NeedKind.RESOURCE]
        alliance = uow.alliances.list()[0]
        people = {p.name: p for p in uow.people.list()}
        promises = uow.promises.list()
    assert alliance.name == "Same-day delivery in the north"
    assert alliance.status is AllianceStatus.ACTIVE
    assert alliance.common_goals == [goal.title, "15% fewer failed deliveries"]
    assert len(alliance.partners) == 3 and alliance.partners[0].role == "routing"
    assert alliance.agreement.agreed == "Share outcomes" and alliance.purpose == "Both cut costs"
    assert alliance.responsibilities[0].person_id == people["Ann Lee"].id
    assert alliance.responsibilities[0].due_on == ago(-14)
    assert (alliance.checkin_ideal_days, alliance.checkin_max_days) == (14, 28)
    assert "prospect" in people["Gus Hale"].tags
    assert "team" in people["Cy Park"].tags and people["Cy Park"].tier is Tier.NETWORK
    assert people["Bo Chen"].tier is Tier.INNER  # a tier already set is kept
    assert [p.description for p in promises] == [
        "Ask Bo Chen to join the team for Same-day delivery in the north",
        "Ask Cy Park to join the team for Same-day delivery in the north",
    ]
    assert all(p.due_on == ago(-3) for p in promises)


def test_days_build_on_earlier_days(network: UnitOfWorkFactory) -> None:
    with pytest.raises(NotFound, match="Day 1"):
        run_day(network(), 2, {"people": "Ann Lee"}, today=TODAY)
    run_day(network(), 1, {"cause": "Open data"}, today=TODAY)
    with pytest.raises(NotFound, match="Day 2"):
        run_day(network(), 3, {"agreed": "x"}, today=TODAY)
    assert next_day(network()) == 2


def test_answers_are_checked(network: UnitOfWorkFactory) -> None:
    with pytest.raises(InvalidInput, match="needs an answer"):
        run_day(network(), 1, {"why": "no cause given"}, today=TODAY)
    with pytest.raises(InvalidInput, match="no question 'colour'"):
        run_day(network(), 1, {"cause": "x", "colour": "blue"}, today=TODAY)
    with pytest.raises(InvalidInput, match="days 1 to 5"):
        run_day(network(), 6, {}, today=TODAY)
    run_day(network(), 1, {"cause": "Open data"}, today=TODAY)
    with pytest.raises(InvalidInput, match="at least one person"):
        run_day(network(), 2, {"strengths": "x"}, today=TODAY)
    with network() as uow:  # the failed day changed nothing
        assert uow.alliances.count() == 0
