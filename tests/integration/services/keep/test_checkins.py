"""Check-ins: cadence resolution, due and overdue, resets and snoozing, on a real store."""

from __future__ import annotations

from datetime import timedelta

import pytest

from allies.errors import InvalidInput, NotFound
from allies.services.keep import log as routine
from allies.services.keep.checkins import CadenceBook, CheckIn, check_ins, snooze
from allies.services.keep.records import list_cadences
from allies.services.keep.snapshot import load_snapshot
from allies.services.ports import UnitOfWorkFactory
from tests.integration.services.keep.keep_helpers import TODAY, ago, meet


def _by_name(rows: list[CheckIn]) -> dict[str, CheckIn]:
    return {r.who: r for r in rows}


def test_person_beats_tag_beats_tier_beats_default(network: UnitOfWorkFactory) -> None:
    routine.set_cadence(network(), ideal_days=7, max_days=10, person="Ann Lee")
    snapshot = load_snapshot(network())
    book = CadenceBook(snapshot.cadences)
    people = {p.name: p for p in snapshot.people}
    assert book.resolve(people["Ann Lee"]).source == "person"
    assert book.resolve(people["Bo Chen"]).source == "tag:mentor"  # tag before tier inner
    assert book.resolve(people["Cy Park"]).source == "default"  # no network cadence set
    assert book.explicit(people["Di Moss"]) is None


def test_a_person_last_seen_100_days_ago_with_max_gap_60_is_overdue(
    network: UnitOfWorkFactory,
) -> None:
    meet(network, "Ann Lee", 100)
    meet(network, "Bo Chen", 50)  # mentor: 45/90 -> due, not overdue
    rows = _by_name(check_ins(network(), today=TODAY))
    assert rows["Ann Lee"].status == "overdue"
    assert rows["Ann Lee"].days_overdue == 40
    assert "100 days ago" in rows["Ann Lee"].reason
    assert rows["Bo Chen"].status == "due"
    assert "Cy Park" not in rows and "Di Moss" not in rows
    overdue = check_ins(network(), today=TODAY, overdue_only=True)
    assert [r.who for r in overdue] == ["Ann Lee"]


def test_any_logged_interaction_resets_the_clock(network: UnitOfWorkFactory) -> None:
    meet(network, "Ann Lee", 100)
    routine.log_interaction(network(), ["Ann Lee", "Cy Park"], kind="group_meeting", on=ago(2))
    rows = _by_name(check_ins(network(), today=TODAY, within_days=None))
    assert rows["Ann Lee"].status == "ok"
    assert rows["Ann Lee"].due_on == ago(2) + timedelta(days=30)


def test_someone_never_met_is_due_and_within_days_looks_ahead(
    network: UnitOfWorkFactory,
) -> None:
    meet(network, "Bo Chen", 40)  # due at 45 days: in 5 days
    rows = _by_name(check_ins(network(), today=TODAY))
    assert rows["Ann Lee"].status == "due" and rows["Ann Lee"].reason == "no check-in logged yet"
    assert "Bo Chen" not in rows
    ahead = _by_name(check_ins(network(), today=TODAY, within_days=7))
    assert ahead["Bo Chen"].status == "ok" and ahead["Bo Chen"].due_on == ago(-5)


def test_snoozing_a_tier_cadence_creates_a_person_cadence_with_the_same_gaps(
    network: UnitOfWorkFactory,
) -> None:
    meet(network, "Ann Lee", 100)
    stored = snooze(network(), "Ann Lee", ago(-14), today=TODAY)
    assert (stored.ideal_days, stored.max_days) == (30, 60)
    assert stored.person_id is not None and stored.snoozed_until == ago(-14)
    assert "Ann Lee" not in _by_name(check_ins(network(), today=TODAY))
    hidden = _by_name(check_ins(network(), today=TODAY, include_snoozed=True))
    assert hidden["Ann Lee"].status == "snoozed"
    # The tier's own cadence is untouched, and the check-in comes back when the snooze ends.
    labels = [label for label, _ in list_cadences(network())]
    assert "tier:key" in labels and "Ann Lee" in labels
    back = _by_name(check_ins(network(), today=ago(-14)))
    assert back["Ann Lee"].status == "overdue"


def test_snoozing_a_person_cadence_updates_it(network: UnitOfWorkFactory) -> None:
    routine.set_cadence(network(), ideal_days=7, person="Cy Park")
    snooze(network(), "Cy Park", ago(-3), today=TODAY)
    snooze(network(), "Cy Park", ago(-9), today=TODAY)
    cadences = [c for label, c in list_cadences(network()) if label == "Cy Park"]
    assert len(cadences) == 1 and cadences[0].snoozed_until == ago(-9)


def test_snoozing_needs_a_cadence_and_a_future_day(network: UnitOfWorkFactory) -> None:
    with pytest.raises(NotFound, match="No check-in cadence applies to Di Moss"):
        snooze(network(), "Di Moss", ago(-3), today=TODAY)
    with pytest.raises(InvalidInput, match="after today"):
        snooze(network(), "Ann Lee", ago(1), today=TODAY)


def test_alliances_have_their_own_check_ins(network: UnitOfWorkFactory) -> None:
    from allies.services.alliances.manage import create_alliance

    create_alliance(network(), "Pilot", people=["Cy Park"], ideal_days=10, max_days=20)
    meet(network, "Cy Park", 25)
    rows = _by_name(check_ins(network(), today=TODAY))
    assert rows["Pilot"].kind == "alliance" and rows["Pilot"].status == "overdue"
    assert "last contact with a partner 25 days ago" in rows["Pilot"].reason
