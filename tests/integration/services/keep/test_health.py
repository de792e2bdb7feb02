"""Relationship health, reliability and favour nudges computed from a real store."""

from __future__ import annotations

import pytest

from allies.errors import InvalidInput, NotFound
from allies.services.keep import log as routine
from allies.services.keep.health import health_list, person_health
from allies.services.keep.ledger import due_promises, nudges, reliability
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWorkFactory
from tests.integration.services.keep.keep_helpers import TODAY, ago, meet


def _promise(f: UnitOfWorkFactory, to: str | None, by: str | None, due: int, made: int = 60) -> int:
    stored = routine.make_promise(f(), "something", to=to, by=by, due=ago(due), made_on=ago(made))
    return stored.id or 0


def test_each_part_is_shown_with_its_reason(network: UnitOfWorkFactory) -> None:
    for days in (70, 40, 10):
        meet(network, "Ann Lee", days, tone=1)
    routine.record_favour(
        network(), "Ann Lee", "received", "intro to the CFO", size="large", on=ago(5)
    )
    report = person_health(network(), "Ann", today=TODAY)
    assert report.name == "Ann Lee" and report.tier == "key"
    assert report.cadence == "every 30 days, at most 60 (tier:key)"
    parts = {p.part: p for p in report.parts}
    assert list(parts) == ["recency", "frequency", "reciprocity", "reliability", "tone"]
    assert parts["recency"].why.startswith("last contact 10 days ago")
    assert "received 9" in parts["reciprocity"].why and parts["reciprocity"].value < 100
    assert report.score == pytest.approx(sum(p.points for p in report.parts), abs=1)
    assert [t.on for t in report.trend] == [ago(90), ago(60), ago(30), TODAY]
    assert report.last_contact == ago(10) and not report.cooling


def test_two_kept_promises_read_as_80_percent_not_100(network: UnitOfWorkFactory) -> None:
    for due in (30, 20):
        routine.settle_promise(
            network(), _promise(network, "Bo Chen", None, due), "done", on=ago(due + 1)
        )
    report = person_health(network(), "Bo Chen", today=TODAY)
    reliability_part = next(p for p in report.parts if p.part == "reliability")
    assert reliability_part.value == 80
    rows = reliability(network(), today=TODAY)
    mine = rows[0]
    assert (mine.who, mine.side, mine.kept, mine.reliability, mine.plain_rate) == (
        "me",
        "mine",
        2,
        80,
        100,
    )


def test_reliability_both_ways_counts_late_broken_and_overdue(network: UnitOfWorkFactory) -> None:
    late = _promise(network, None, "Ann Lee", due=30)
    routine.settle_promise(network(), late, "done", on=ago(20))  # after the due day: late
    broken = _promise(network, None, "Ann Lee", due=25)
    routine.settle_promise(network(), broken, "broken", on=ago(20))
    _promise(network, None, "Ann Lee", due=5)  # open and overdue
    released = _promise(network, "Ann Lee", None, due=5)
    routine.settle_promise(network(), released, "release", on=ago(6))
    rows = {(r.who, r.side): r for r in reliability(network(), today=TODAY)}
    theirs = rows[("Ann Lee", "theirs")]
    assert (theirs.kept, theirs.late, theirs.broken, theirs.overdue) == (0, 1, 1, 1)
    assert theirs.reliability == round(100 * (2 + 0.5) / (3 + 3))
    assert ("Ann Lee", "mine") in rows and rows[("Ann Lee", "mine")].plain_rate is None


def test_promises_due_lists_mine_first_then_theirs(network: UnitOfWorkFactory) -> None:
    theirs = _promise(network, None, "Ann Lee", due=3)
    mine_later = _promise(network, "Bo Chen", None, due=-2)
    mine_overdue = _promise(network, "Cy Park", None, due=1)
    _promise(network, "Cy Park", None, due=-30)  # too far ahead
    rows = due_promises(network(), within_days=7, today=TODAY)
    assert [r.id for r in rows] == [mine_overdue, mine_later, theirs]
    assert rows[0].overdue and rows[0].days_left == -1 and not rows[1].overdue
    with pytest.raises(InvalidInput):
        due_promises(network(), within_days=-1, today=TODAY)


def test_a_lapsed_key_relationship_is_cooling(network: UnitOfWorkFactory) -> None:
    for days in range(300, 90, -15):
        meet(network, "Ann Lee", days, tone=1)
    for days in range(300, 0, -15):
        meet(network, "Bo Chen", days, tone=1)
    rows = {r.name: r for r in health_list(network(), today=TODAY)}
    assert rows["Ann Lee"].cooling and "past the maximum gap of 60" in rows["Ann Lee"].why
    assert not rows["Bo Chen"].cooling
    assert rows["Bo Chen"].score > rows["Ann Lee"].score
    cooling = health_list(network(), today=TODAY, cooling_only=True)
    assert [r.name for r in cooling] == ["Ann Lee"]
    strongest = health_list(network(), today=TODAY, top=1)
    assert [r.name for r in strongest] == ["Bo Chen"]
    weakest = health_list(network(), today=TODAY, weakest_first=True)
    scored = [r.score for r in rows.values() if r.score is not None]
    assert weakest[0].score == min(scored)
    assert all(r.score is None for r in weakest[len(scored) :])  # no evidence: last
    assert "Dana Ruiz" not in rows


def test_a_stranger_has_no_score_and_a_contact_only_what_is_known(
    network: UnitOfWorkFactory,
) -> None:
    for days in (70, 40, 10):
        meet(network, "Ann Lee", days, tone=1)
    stranger = person_health(network(), "Cy Park", today=TODAY)
    assert stranger.score is None
    assert all(p.value is None and p.points == 0 for p in stranger.parts)
    assert all(p.why.startswith("not enough evidence") for p in stranger.parts)
    assert all(t.score is None for t in stranger.trend)
    ann = person_health(network(), "Ann Lee", today=TODAY)
    parts = {p.part: p for p in ann.parts}
    assert parts["reciprocity"].value is None and parts["reliability"].value is None
    assert sum(p.weight for p in ann.parts) == pytest.approx(100, abs=1)
    assert ann.score == pytest.approx(sum(p.points for p in ann.parts), abs=1)
    row = next(r for r in health_list(network(), today=TODAY) if r.name == "Cy Park")
    assert row.score is None and row.why == "not enough evidence"


def test_favour_nudges_say_what_they_value(network: UnitOfWorkFactory) -> None:
    routine.record_favour(network(), "Ann Lee", "received", "covered my shift", size="medium")
    routine.record_favour(network(), "Ann Lee", "received", "lent a laptop", size="small")
    routine.record_favour(network(), "Bo Chen", "received", "reviewed my draft", size="medium")
    routine.record_favour(network(), "Bo Chen", "given", "helped with hiring", size="medium")
    found = nudges(network())
    assert [n.name for n in found] == ["Ann Lee"]
    assert found[0].balance == -4 and found[0].last_received == "lent a laptop"
    assert "Clear numbers before meetings" in found[0].suggestion
    assert nudges(network(), threshold=5) == []


def test_health_needs_me_and_not_myself(factory: UnitOfWorkFactory) -> None:
    add_person(factory(), "Solo")
    with pytest.raises(NotFound, match="marked as you"):
        health_list(factory(), today=TODAY)
    add_person(factory(), "Me Myself", is_me=True)
    with pytest.raises(InvalidInput):
        person_health(factory(), "me", today=TODAY)
